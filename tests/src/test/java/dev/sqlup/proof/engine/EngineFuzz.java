package dev.sqlup.proof.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.LocalStepFunctions;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.model.StepFunctionsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Generated and mutated state machines and inputs fed to the embedded engine. Each case must end
 * one of the AWS ways: rejected with a {@link StepFunctionsException} carrying a Step Functions API
 * error code, or an execution that reaches a terminal status (virtual time) within the real-time
 * bound. Anything else — another exception, an execution still running, a failure named after an
 * engine-internal Java exception — is a violation.
 */
final class EngineFuzz {
  static final Set<String> API_ERROR_CODES =
      Set.of(
          "InvalidDefinition",
          "InvalidArn",
          "InvalidName",
          "InvalidExecutionInput",
          "StateMachineDoesNotExist",
          "StateMachineAlreadyExists",
          "ExecutionDoesNotExist",
          "ExecutionAlreadyExists",
          "ValidationException",
          "InvalidOutput",
          "ExecutionLimitExceeded",
          "StateMachineTypeNotSupported",
          "StateMachineLimitExceeded");

  /** Errors the fuzz invoker raises itself (so an execution may fail with them). */
  static final List<String> INVOKER_ERRORS =
      List.of(
          "Lambda.ServiceException",
          "Lambda.TooManyRequestsException",
          "States.TaskFailed",
          "Custom.Error",
          "java.lang.IllegalStateException");

  static final int HISTORY_LIMIT = 25_000;
  static final String HISTORY_QUOTA_FAILED = "FAILED at the 25,000-event history quota";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> TYPES =
      List.of("Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map");
  private static final List<String> PATHS =
      List.of(
          "$",
          "$.a",
          "$.a.b",
          "$.items",
          "$.items[0]",
          "$.items[*]",
          "$..a",
          "$[",
          "$.",
          "$$.Execution.Id",
          "$$.State.Name",
          "$$.Map.Item.Value",
          "$.missing",
          "a",
          "",
          "$['a']",
          "$.items[?(@.v > 1)]",
          "$.a[-1]",
          "$.x.y.z");
  private static final List<String> STRINGS =
      List.of(
          "States.ALL",
          "States.TaskFailed",
          "States.Timeout",
          "States.Format('{}', $.a)",
          "States.StringToJson($.s)",
          "States.JsonToString($)",
          "States.Array(1, $.a)",
          "States.MathAdd($.n, 1)",
          "States.UUID()",
          "States.Hash($.a, 'SHA-1')",
          "States.ArrayRange(1, 1000000, 1)",
          "States.Format(",
          "2026-03-02T10:00:00Z",
          "not-a-date",
          "arn:aws:lambda:us-east-1:123456789012:function:Echo",
          "arn:aws:states:::lambda:invoke",
          "arn:aws:states:::lambda:invoke.waitForTaskToken",
          "arn:aws:states:::nope",
          "\u0000",
          "é",
          "x".repeat(300));

  record Case(String origin, String definition, String input) {}

  record Result(String kind, String detail) {}

  private final LocalStepFunctions engine;
  private final Duration bound;
  private int counter;

  EngineFuzz(Duration bound) {
    this.bound = bound;
    this.engine =
        LocalStepFunctions.builder()
            .virtualStart(Instant.parse("2026-03-02T10:00:00Z"))
            .taskInvoker(EngineFuzz::invoke)
            .seed(7)
            .build();
  }

  void close() {
    engine.close();
  }

  /**
   * A deterministic fake Lambda: echoes, answers random JSON or fails, decided by the payload's
   * hash.
   */
  static JsonNode invoke(String arn, JsonNode payload, dev.sqlup.local.asl.model.TaskContext ctx) {
    int h = Math.floorMod((arn + payload).hashCode(), 10);
    if (h < 5) {
      return payload;
    }
    if (h < 7) {
      return MAPPER
          .createObjectNode()
          .put("v", h)
          .set("items", MAPPER.createArrayNode().add(1).add("two"));
    }
    if (h == 7) {
      throw new IllegalStateException("fuzz failure");
    }
    throw new StatesError(INVOKER_ERRORS.get(h % 4), "fuzz error " + h);
  }

  /** Runs one case; the result kind is rejected:CODE, SUCCEEDED/FAILED/..., or a VIOLATION kind. */
  Result run(Case c) {
    String name = "fuzz-" + (++counter);
    String machineArn;
    try {
      machineArn =
          engine
              .createStateMachine(name, c.definition(), "arn:aws:iam::123456789012:role/fuzz", null)
              .stateMachineArn();
    } catch (StepFunctionsException e) {
      return API_ERROR_CODES.contains(e.errorCode())
          ? new Result("rejected:" + e.errorCode(), null)
          : new Result("VIOLATION unknown API error code " + e.errorCode(), e.getMessage());
    } catch (Throwable t) {
      return new Result(
          "VIOLATION createStateMachine threw " + t.getClass().getName(),
          String.valueOf(t.getMessage()));
    }
    try {
      ExecutionInfo started;
      try {
        started = engine.startExecution(machineArn, null, c.input());
      } catch (StepFunctionsException e) {
        return API_ERROR_CODES.contains(e.errorCode())
            ? new Result("rejected:" + e.errorCode(), null)
            : new Result("VIOLATION unknown API error code " + e.errorCode(), e.getMessage());
      } catch (Throwable t) {
        return new Result(
            "VIOLATION startExecution threw " + t.getClass().getName(),
            String.valueOf(t.getMessage()));
      }
      ExecutionInfo done;
      try {
        // Poll in slices so a runaway loop is recognised by its history size without waiting the
        // full bound. Virtual time makes every wait instant, so an execution that is not waiting
        // for a task token either ends or keeps appending events; the bound is on how long it may
        // append nothing (a stall), not on its total wall time, so a loaded machine does not turn
        // a slow run into a violation. A machine that may wait for a task token gets a short bound.
        Duration limit =
            c.definition().contains("waitForTaskToken") ? Duration.ofMillis(300) : bound;
        long stallDeadline = System.nanoTime() + limit.toNanos();
        int seen = 0;
        do {
          done = engine.awaitExecution(started.executionArn(), Duration.ofMillis(100));
          int size = engine.getExecutionHistory(started.executionArn()).size();
          if (size > HISTORY_LIMIT) {
            break;
          }
          if (size > seen) {
            seen = size;
            stallDeadline = System.nanoTime() + limit.toNanos();
          }
        } while (done.status() == ExecutionStatus.RUNNING && System.nanoTime() < stallDeadline);
      } catch (Throwable t) {
        return new Result(
            "VIOLATION awaitExecution threw " + t.getClass().getName(),
            String.valueOf(t.getMessage()));
      }
      if (done.status() == ExecutionStatus.RUNNING) {
        int events = engine.getExecutionHistory(started.executionArn()).size();
        engine.stopExecution(started.executionArn(), "Fuzz.Stopped", "no progress for " + bound);
        if (events > HISTORY_LIMIT) {
          // AWS fails an execution at 25,000 history events (States.Runtime); so must the engine
          // (F4).
          return new Result(
              "VIOLATION still RUNNING past the 25,000-event history quota", events + " events");
        }
        // A callback with no timeout waits forever on AWS too.
        return c.definition().contains("waitForTaskToken")
            ? new Result("RUNNING (awaits a task token)", null)
            : new Result("VIOLATION still RUNNING with no new event for " + bound, null);
      }
      if (done.status() == ExecutionStatus.FAILED
          && done.error() != null
          && done.error().startsWith("java.")
          && !INVOKER_ERRORS.contains(done.error())) {
        return new Result("VIOLATION failed with engine-internal " + done.error(), done.cause());
      }
      if (done.status() == ExecutionStatus.FAILED
          && done.error() == null
          && done.cause() == null
          && !c.definition().contains("\"Fail\"")) {
        return new Result("VIOLATION failed without error or cause", null);
      }
      int events = engine.getExecutionHistory(started.executionArn()).size();
      if (events > HISTORY_LIMIT) {
        return new Result(
            "VIOLATION ended with " + events + " history events, over the 25,000 quota", null);
      }
      if (done.cause() != null
          && done.cause()
              .startsWith("The execution reached the maximum number of history events")) {
        return new Result(HISTORY_QUOTA_FAILED, done.error());
      }
      return new Result(done.status().name(), done.error());
    } finally {
      try {
        engine.deleteStateMachine(machineArn);
      } catch (RuntimeException ignored) {
        // deleting is housekeeping only
      }
    }
  }

  // ---------------------------------------------------------------- generation

  /** The engine's conformance definitions (and their inputs): the seed corpus for mutation. */
  static List<Case> corpus(Path root) {
    List<Case> out = new ArrayList<>();
    try (Stream<Path> files =
        Files.walk(root.resolve("local/src/test/resources/asl-conformance"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode c = MAPPER.readTree(f.toFile());
        if (c.has("definition")) {
          JsonNode input = c.has("input") ? c.get("input") : MAPPER.createObjectNode();
          out.add(
              new Case(
                  f.getFileName().toString(), c.get("definition").toString(), input.toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * A mutated corpus definition (1–3 mutations) or a freshly generated one, with a generated input.
   */
  static Case next(List<Case> corpus, SplittableRandom random) {
    JsonNode definition;
    String origin;
    String input;
    if (random.nextInt(5) < 2) {
      definition = generateMachine(random, 0);
      origin = "generated";
      input = randomInput(random).toString();
    } else {
      Case seed = corpus.get(random.nextInt(corpus.size()));
      origin = "mutated:" + seed.origin();
      try {
        definition = MAPPER.readTree(seed.definition());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      int n = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
      for (int i = 0; i < n; i++) {
        definition = mutate(definition, random);
      }
      input = random.nextInt(3) == 0 ? randomInput(random).toString() : seed.input();
    }
    if (random.nextInt(40) == 0) {
      input =
          pick(
              random,
              List.of(
                  "{",
                  "not json",
                  "",
                  "{\"a\":" + "[".repeat(3000),
                  "\"" + "x".repeat(300_000) + "\""));
    }
    String text = definition.toString();
    if (random.nextInt(50) == 0) {
      text = text.substring(0, random.nextInt(Math.max(1, text.length())));
    }
    return new Case(origin, text, input);
  }

  static JsonNode generateMachine(SplittableRandom random, int depth) {
    int count = 1 + random.nextInt(depth == 0 ? 6 : 3);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add("S" + i);
    }
    ObjectNode machine = NODES.objectNode();
    machine.put("StartAt", names.get(0));
    if (random.nextInt(5) == 0) {
      machine.put("TimeoutSeconds", random.nextInt(-1, 100_000));
    }
    ObjectNode states = machine.putObject("States");
    for (int i = 0; i < count; i++) {
      states.set(names.get(i), generateState(random, names, i, depth));
    }
    return machine;
  }

  private static ObjectNode generateState(
      SplittableRandom random, List<String> names, int index, int depth) {
    String type = TYPES.get(random.nextInt(depth >= 2 ? 6 : TYPES.size()));
    ObjectNode s = NODES.objectNode().put("Type", type);
    boolean last = index == names.size() - 1;
    String next = names.get(random.nextInt(names.size()));
    switch (type) {
      case "Pass" -> {
        if (random.nextBoolean()) {
          s.set("Result", randomInput(random));
        }
        if (random.nextBoolean()) {
          s.set(
              "Parameters",
              NODES.objectNode().put("a.$", pick(random, PATHS)).put("f.$", pick(random, STRINGS)));
        }
      }
      case "Task" -> {
        s.put(
            "Resource",
            pick(
                random,
                List.of(
                    "arn:aws:lambda:us-east-1:123456789012:function:Echo",
                    "arn:aws:states:::lambda:invoke",
                    "arn:aws:states:::lambda:invoke.waitForTaskToken",
                    "arn:aws:lambda:us-east-1:123456789012:function:Other")));
        if (random.nextBoolean()) {
          s.set(
              "Retry",
              NODES
                  .arrayNode()
                  .add(
                      NODES
                          .objectNode()
                          .set("ErrorEquals", NODES.arrayNode().add(pick(random, STRINGS)))));
          ((ObjectNode) s.get("Retry").get(0))
              .put("MaxAttempts", random.nextInt(-1, 5))
              .put("IntervalSeconds", random.nextInt(0, 100_000))
              .put("BackoffRate", random.nextDouble() * 3);
        }
        if (random.nextBoolean()) {
          s.set(
              "Catch",
              NODES
                  .arrayNode()
                  .add(
                      NODES
                          .objectNode()
                          .put("Next", next)
                          .set("ErrorEquals", NODES.arrayNode().add("States.ALL"))));
        }
        if (random.nextBoolean()) {
          s.put("TimeoutSeconds", random.nextInt(0, 1000));
        }
        if (s.get("Resource").asText().contains("waitForTaskToken") || random.nextBoolean()) {
          s.set(
              "Parameters",
              NODES
                  .objectNode()
                  .put("FunctionName", "Echo")
                  .put("Payload.$", "$")
                  .put("Token.$", "$$.Task.Token"));
        }
      }
      case "Choice" -> {
        ObjectNode rule = NODES.objectNode().put("Variable", pick(random, PATHS)).put("Next", next);
        switch (random.nextInt(4)) {
          case 0 -> rule.put("NumericGreaterThan", random.nextInt(-10, 10));
          case 1 -> rule.put("StringEquals", pick(random, STRINGS));
          case 2 -> rule.put("IsPresent", random.nextBoolean());
          default -> rule.put("TimestampLessThan", pick(random, STRINGS));
        }
        s.set("Choices", NODES.arrayNode().add(rule));
        if (random.nextBoolean()) {
          s.put("Default", names.get(random.nextInt(names.size())));
        }
        return s;
      }
      case "Wait" -> {
        switch (random.nextInt(4)) {
          case 0 -> s.put("Seconds", random.nextInt(0, 10_000_000));
          case 1 -> s.put("SecondsPath", pick(random, PATHS));
          case 2 -> s.put("Timestamp", pick(random, STRINGS));
          default -> s.put("TimestampPath", pick(random, PATHS));
        }
      }
      case "Succeed" -> {
        return s;
      }
      case "Fail" -> {
        if (random.nextBoolean()) {
          s.put("Error", pick(random, STRINGS));
        }
        if (random.nextBoolean()) {
          s.put("CausePath", pick(random, PATHS));
        }
        return s;
      }
      case "Parallel" -> {
        ArrayNode branches = s.putArray("Branches");
        for (int b = 0; b < 1 + random.nextInt(3); b++) {
          branches.add(generateMachine(random, depth + 1));
        }
      }
      case "Map" -> {
        s.put("ItemsPath", pick(random, PATHS));
        if (random.nextBoolean()) {
          s.put("MaxConcurrency", random.nextInt(-1, 5));
        }
        ObjectNode processor = (ObjectNode) generateMachine(random, depth + 1);
        s.set(random.nextBoolean() ? "ItemProcessor" : "Iterator", processor);
      }
      default -> throw new IllegalStateException(type);
    }
    if (last || random.nextInt(4) == 0) {
      s.put("End", true);
    } else {
      s.put("Next", next);
    }
    for (String field : List.of("InputPath", "OutputPath", "ResultPath")) {
      if (random.nextInt(6) == 0) {
        s.put(field, pick(random, PATHS));
      }
    }
    return s;
  }

  static JsonNode mutate(JsonNode root, SplittableRandom random) {
    List<JsonNode[]> slots = new ArrayList<>();
    collect(root, slots);
    if (slots.isEmpty()) {
      return generateMachine(random, 0);
    }
    JsonNode[] slot = slots.get(random.nextInt(slots.size()));
    JsonNode parent = slot[1];
    String key = slot[2].asText();
    switch (random.nextInt(8)) {
      case 0 -> remove(parent, key);
      case 1 -> set(parent, key, randomValue(random));
      case 2 -> set(parent, key, NODES.textNode(pick(random, PATHS)));
      case 3 -> set(parent, key, NODES.textNode(pick(random, STRINGS)));
      case 4 -> {
        if (parent instanceof ObjectNode o) {
          o.set(
              pick(
                  random,
                  List.of(
                      "Next",
                      "End",
                      "Type",
                      "Default",
                      "Catch",
                      "Retry",
                      "Comment",
                      "Bogus",
                      "ResultSelector",
                      "HeartbeatSeconds",
                      "TimeoutSecondsPath",
                      "Credentials",
                      "QueryLanguage")),
              randomValue(random));
        }
      }
      case 5 ->
          set(
              parent,
              key,
              NODES.textNode(
                  pick(
                      random,
                      List.of(
                          "Pass",
                          "Task",
                          "Choice",
                          "Wait",
                          "Succeed",
                          "Fail",
                          "Parallel",
                          "Map",
                          "S0",
                          "S1",
                          "Start",
                          "Missing"))));
      case 6 -> {
        JsonNode states = root.get("States");
        if (states instanceof ObjectNode o && o.size() > 0) {
          Iterator<String> names = o.fieldNames();
          String first = names.next();
          o.set(first + "Copy", o.get(first).deepCopy());
          if (random.nextBoolean()) {
            o.set(first, generateState(random, List.of(first, first + "Copy"), 0, 1));
          }
        }
      }
      default -> set(parent, key, generateMachine(random, 1));
    }
    return root;
  }

  private static void remove(JsonNode parent, String key) {
    if (parent instanceof ObjectNode o) {
      o.remove(key);
    } else {
      ((ArrayNode) parent).remove(Integer.parseInt(key));
    }
  }

  private static void set(JsonNode parent, String key, JsonNode value) {
    if (parent instanceof ObjectNode o) {
      o.set(key, value);
    } else {
      ((ArrayNode) parent).set(Integer.parseInt(key), value);
    }
  }

  private static void collect(JsonNode node, List<JsonNode[]> out) {
    if (node instanceof ObjectNode o) {
      o.fieldNames()
          .forEachRemaining(
              k -> {
                out.add(new JsonNode[] {o.get(k), o, NODES.textNode(k)});
                collect(o.get(k), out);
              });
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        out.add(new JsonNode[] {a.get(i), a, NODES.textNode(String.valueOf(i))});
        collect(a.get(i), out);
      }
    }
  }

  static JsonNode randomValue(SplittableRandom random) {
    return switch (random.nextInt(9)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextInt(-100, 100_000_000));
      case 3 -> NODES.numberNode(random.nextDouble() * 1e10 - 5e9);
      case 4 -> NODES.numberNode(Long.MAX_VALUE);
      case 5 -> NODES.arrayNode().add(pick(random, STRINGS));
      case 6 -> NODES.objectNode().put("x.$", pick(random, PATHS));
      case 7 -> NODES.textNode(pick(random, STRINGS));
      default -> NODES.textNode(pick(random, PATHS));
    };
  }

  static JsonNode randomInput(SplittableRandom random) {
    ObjectNode o = NODES.objectNode();
    o.put("a", random.nextInt(-5, 5));
    if (random.nextBoolean()) {
      o.set("items", NODES.arrayNode().add(1).add(NODES.objectNode().put("v", 2)).add("three"));
    }
    if (random.nextBoolean()) {
      o.put("s", pick(random, List.of("{\"k\":1}", "not json", "", "2026-03-02T10:00:00Z")));
    }
    if (random.nextBoolean()) {
      o.put("n", random.nextDouble() * 1e6);
    }
    if (random.nextInt(5) == 0) {
      o.set("a", NODES.objectNode().put("b", pick(random, STRINGS)));
    }
    return random.nextInt(10) == 0 ? NODES.arrayNode().add(o) : o;
  }

  static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  static Map<String, Integer> tally(List<Result> results) {
    Map<String, Integer> out = new TreeMap<>();
    results.forEach(r -> out.merge(r.kind(), 1, Integer::sum));
    return out;
  }
}
