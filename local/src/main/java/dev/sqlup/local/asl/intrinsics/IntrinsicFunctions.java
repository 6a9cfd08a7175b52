package dev.sqlup.local.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Entry point for intrinsic functions ({@code States.Format(...)} and friends) in payload
 * templates. Parsed invocations are cached by their text.
 */
public final class IntrinsicFunctions {
  private static final int CACHE_LIMIT = 10_000;
  private static final ConcurrentHashMap<String, IntrinsicExpression.Call> CACHE =
      new ConcurrentHashMap<>();

  private IntrinsicFunctions() {}

  /** True when {@code value} is meant as an intrinsic call (as opposed to a path). */
  public static boolean looksLikeCall(String value) {
    return value != null && value.strip().startsWith("States.");
  }

  /**
   * Evaluates {@code expression} against the state input ({@code $...} arguments) and the context
   * object ({@code $$...}). States.UUID and an unseeded States.MathRandom draw from a thread-local
   * random source.
   */
  public static JsonNode evaluate(String expression, JsonNode input, JsonNode context) {
    return evaluate(expression, input, context, ThreadLocalRandom.current());
  }

  /** As {@link #evaluate(String, JsonNode, JsonNode)} with the random source given. */
  public static JsonNode evaluate(
      String expression, JsonNode input, JsonNode context, RandomGenerator random) {
    try {
      return parsed(expression).evaluate(input, context, random);
    } catch (IntrinsicExpression.MissingArgument e) {
      throw e.in(expression);
    }
  }

  /** Parse-only check at definition load; IllegalArgumentException says what is wrong. */
  public static void validate(String expression) {
    parsed(expression);
  }

  private static IntrinsicExpression.Call parsed(String expression) {
    IntrinsicExpression.Call call = expression == null ? null : CACHE.get(expression);
    if (call == null) {
      call = IntrinsicParser.parse(expression);
      if (CACHE.size() < CACHE_LIMIT) {
        CACHE.putIfAbsent(expression, call);
      }
    }
    return call;
  }

  /** A parsed invocation, for callers that keep it (payload templates compile once). */
  public static Compiled compile(String expression) {
    return new Compiled(expression, IntrinsicParser.parse(expression));
  }

  /** One parsed invocation. */
  public static final class Compiled {
    private final String expression;
    private final IntrinsicExpression.Call call;

    private Compiled(String expression, IntrinsicExpression.Call call) {
      this.expression = expression;
      this.call = call;
    }

    public JsonNode evaluate(JsonNode input, JsonNode context, RandomGenerator random) {
      try {
        return call.evaluate(input, context, random);
      } catch (IntrinsicExpression.MissingArgument e) {
        throw e.in(expression);
      }
    }

    @Override
    public String toString() {
      return expression;
    }
  }
}
