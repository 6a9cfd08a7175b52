package dev.sqlup.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.model.TaskContext;
import dev.sqlup.local.asl.model.TaskInvoker;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fixed Lambda functions conformance cases call, by ARN {@code
 * arn:aws:lambda:us-east-1:123456789012:function:<Name>}:
 *
 * <ul>
 *   <li>Echo: returns its payload.
 *   <li>Fail: throws {@code payload.exception} (a class name, default
 *       java.lang.IllegalStateException) with {@code payload.message}.
 *   <li>FailTimes: {@code {"times": n, "key": "k"}} throws TestTransientException the first n calls
 *       per key, then returns {@code {"attempts": n+1}}.
 *   <li>Sleep: {@code {"seconds": s}} waits s seconds of engine time, returns its payload.
 *   <li>Add: {@code {"a": x, "b": y}} returns x+y.
 *   <li>Callback: for {@code .waitForTaskToken}: {@code {"token": t, "heartbeats": [s1, s2...],
 *       "then": "success"|"failure"|"nothing", "output": {...}, "error": e, "cause": c}} sleeps
 *       each s and heartbeats, then sends the outcome for the token and returns.
 *   <li>Count: returns how many times it has been called ({@code {"calls": n}}), for durability
 *       tests.
 * </ul>
 */
final class ConformanceFunctions implements TaskInvoker {
  static final String PREFIX = "arn:aws:lambda:us-east-1:123456789012:function:";

  private final Map<String, AtomicInteger> failCounts = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile StepFunctions engine;

  void bind(StepFunctions engine) {
    this.engine = engine;
  }

  int calls() {
    return calls.get();
  }

  @Override
  public JsonNode invoke(String resourceArn, JsonNode payload, TaskContext ctx) {
    calls.incrementAndGet();
    if (!resourceArn.startsWith(PREFIX)) {
      throw new StatesError(
          "Lambda.ResourceNotFoundException", "Function not found: " + resourceArn);
    }
    String name = resourceArn.substring(PREFIX.length());
    switch (name) {
      case "Echo":
        return payload;
      case "Fail":
        throw exception(
            payload.path("exception").asText("java.lang.IllegalStateException"),
            payload.path("message").asText("failed on purpose"));
      case "FailTimes":
        {
          int times = payload.path("times").asInt();
          String key = payload.path("key").asText("default");
          int attempt = failCounts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
          if (attempt <= times) {
            throw new TestTransientException("attempt " + attempt + " of key " + key + " fails");
          }
          return JsonNodeFactory.instance.objectNode().put("attempts", attempt);
        }
      case "Sleep":
        ctx.sleep(Duration.ofSeconds(payload.path("seconds").asLong()));
        return payload;
      case "Add":
        return IntNode.valueOf(payload.path("a").asInt() + payload.path("b").asInt());
      case "Count":
        return JsonNodeFactory.instance.objectNode().put("calls", calls.get());
      case "Callback":
        {
          String token = payload.path("token").asText();
          for (JsonNode seconds : payload.path("heartbeats")) {
            ctx.sleep(Duration.ofSeconds(seconds.asLong()));
            engine.sendTaskHeartbeat(token);
          }
          if (payload.has("sleepSeconds")) {
            ctx.sleep(Duration.ofSeconds(payload.get("sleepSeconds").asLong()));
          }
          switch (payload.path("then").asText("success")) {
            case "success" -> engine.sendTaskSuccess(token, payload.path("output").toString());
            case "failure" ->
                engine.sendTaskFailure(
                    token, payload.path("error").asText(null), payload.path("cause").asText(null));
            default -> {}
          }
          return JsonNodeFactory.instance.objectNode().put("sent", true);
        }
      default:
        throw new StatesError(
            "Lambda.ResourceNotFoundException", "Function not found: " + resourceArn);
    }
  }

  private static RuntimeException exception(String className, String message) {
    try {
      Class<?> type = Class.forName(className);
      Constructor<?> constructor = type.getConstructor(String.class);
      return (RuntimeException) constructor.newInstance(message);
    } catch (ReflectiveOperationException | ClassCastException e) {
      return new IllegalStateException(message);
    }
  }
}
