package dev.sqlup.local.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The functions Step Functions adds to JSONata (developer guide "Transforming data with JSONata",
 * section "JSONata functions provided by Step Functions"): $partition, $range, $hash, $random,
 * $uuid, $parse; and $eval, which Step Functions does not offer. A bad argument is an
 * IllegalArgumentException, which the caller reports as States.QueryEvaluationError.
 */
final class StatesJsonataFunctions {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> HASHES = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  /**
   * The engine caps $range at 1000 items, States.ArrayRange's documented limit (AWS's $range limit
   * unchecked).
   */
  private static final int MAX_RANGE = 1000;

  private StatesJsonataFunctions() {}

  /** Registers the seed-independent functions on a compiled expression (once per definition). */
  static void register(Jsonata expression) {
    expression.registerFunction("partition", new JFunction((in, args) -> partition(args), null));
    expression.registerFunction("range", new JFunction((in, args) -> range(args), null));
    expression.registerFunction("hash", new JFunction((in, args) -> hash(args), null));
    expression.registerFunction("parse", new JFunction((in, args) -> parse(args), null));
    expression.registerFunction(
        "eval",
        new JFunction(
            (in, args) -> {
              throw new IllegalArgumentException(
                  "The function $eval is not supported by Step Functions; use $parse");
            },
            null));
  }

  /**
   * $random and $uuid draw from the engine's seeded generator, so they are bound per evaluation.
   */
  static void bindRandom(Jsonata.Frame frame, RandomGenerator random) {
    frame.bind(
        "random",
        new JFunction(
            (in, args) -> {
              if (!args.isEmpty() && args.get(0) != null) {
                return new Random(number(args.get(0), "$random", "seed").longValue()).nextDouble();
              }
              return random.nextDouble();
            },
            null));
    frame.bind(
        "uuid",
        new JFunction(
            (in, args) ->
                new UUID(
                        (random.nextLong() & ~0xF000L) | 0x4000L,
                        (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                    .toString(),
            null));
  }

  private static Object partition(List<?> args) {
    if (args.size() != 2 || !(args.get(0) instanceof List<?> array)) {
      throw new IllegalArgumentException("$partition expects an array and a chunk size");
    }
    int size = number(args.get(1), "$partition", "chunk size").intValue();
    if (size <= 0) {
      throw new IllegalArgumentException("$partition: the chunk size must be a positive integer");
    }
    List<Object> chunks = new ArrayList<>();
    for (int i = 0; i < array.size(); i += size) {
      chunks.add(new ArrayList<>(array.subList(i, Math.min(array.size(), i + size))));
    }
    return chunks;
  }

  private static Object range(List<?> args) {
    if (args.size() != 3) {
      throw new IllegalArgumentException("$range expects a start, an end and a step");
    }
    long start = integer(args.get(0), "start");
    long end = integer(args.get(1), "end");
    long step = integer(args.get(2), "step");
    if (step == 0) {
      throw new IllegalArgumentException("$range: the step must not be 0");
    }
    List<Object> out = new ArrayList<>();
    for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
      if (out.size() == MAX_RANGE) {
        throw new IllegalArgumentException(
            "$range: the result would have more than " + MAX_RANGE + " items");
      }
      out.add(v);
    }
    return out;
  }

  private static Object hash(List<?> args) {
    if (args.size() != 2
        || !(args.get(0) instanceof String data)
        || !(args.get(1) instanceof String algorithm)) {
      throw new IllegalArgumentException("$hash expects a string and an algorithm name");
    }
    if (!HASHES.contains(algorithm)) {
      throw new IllegalArgumentException(
          "$hash: the algorithm must be one of " + HASHES + ", was " + algorithm);
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object parse(List<?> args) {
    if (args.size() != 1 || !(args.get(0) instanceof String text)) {
      throw new IllegalArgumentException("$parse expects a string holding JSON");
    }
    try {
      return JsonataValues.toJava(MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "$parse: the string is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static long integer(Object value, String what) {
    Number n = number(value, "$range", what);
    if (n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new IllegalArgumentException("$range: the " + what + " must be an integer, was " + n);
    }
    return n.longValue();
  }

  private static Number number(Object value, String function, String what) {
    if (!(value instanceof Number n)) {
      throw new IllegalArgumentException(
          function + ": the " + what + " must be a number, was " + value);
    }
    return n;
  }
}
