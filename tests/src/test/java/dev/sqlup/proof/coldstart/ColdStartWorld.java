package dev.sqlup.proof.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.api.SubmitUpgradeHandler;
import dev.sqlup.config.Services;
import dev.sqlup.local.asl.LocalStepFunctions;
import dev.sqlup.local.asl.http.StepFunctionsHttpServer;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.model.TaskContext;
import dev.sqlup.local.runtime.InProcessLambda;
import dev.sqlup.local.runtime.InvocationResult;
import dev.sqlup.local.runtime.LocalDynamoDb;
import dev.sqlup.local.runtime.LocalEndpoints;
import dev.sqlup.local.runtime.LocalStateMachines;
import dev.sqlup.local.runtime.SamFunction;
import dev.sqlup.local.runtime.SamTable;
import dev.sqlup.local.runtime.SamTemplate;
import dev.sqlup.local.runtime.TemplateFunctionInvoker;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.testing.TestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The state a cold-started function meets, made for real before its JVM starts: the template's
 * tables (renamed per world) in dynalite, statemachine/upgrade.asl.json on the embedded ASL engine
 * with virtual time starting at {@code start}, the template's functions in-process, and the
 * engine's Step Functions HTTP API for the fresh JVM to call. Instances are registered and upgrades
 * submitted through the real API handlers; the upgrade then runs phase by phase until the state
 * machine invokes the measured function: that invocation's input is captured and not run, the
 * execution is stopped, and from then on nothing runs in this process ({@link #freeze}), so the
 * store holds exactly what the function's real invocation finds.
 */
final class ColdStartWorld implements AutoCloseable {
  private static final PojoSerializer<APIGatewayProxyRequestEvent> EVENTS =
      LambdaEventSerializers.serializerFor(
          APIGatewayProxyRequestEvent.class, ColdStartWorld.class.getClassLoader());
  private static final AtomicInteger WORLDS = new AtomicInteger();

  private final Path root;
  private final SamTemplate template;
  private final DynamoDbClient dynamo;
  private final List<String> tables = new ArrayList<>();
  private final LocalStepFunctions engine;
  private final StepFunctionsHttpServer stepFunctions;
  private final InProcessLambda lambdas;
  private final TemplateFunctionInvoker functions;
  private final String stateMachineArn;
  private final String captureFunction;
  private volatile boolean frozen;
  private volatile JsonNode captured;
  private volatile Instant capturedAt;
  private volatile String capturedExecution;
  private final CountDownLatch capture = new CountDownLatch(1);
  private final Map<String, Integer> invocations = new LinkedHashMap<>();

  /**
   * @param start where the engine's virtual time starts
   * @param captureFunction the function whose first invocation by the state machine is captured,
   *     not run (null: none)
   */
  ColdStartWorld(
      Path root, SamTemplate template, DynamoDbClient dynamo, Instant start, String captureFunction)
      throws IOException {
    this.root = root;
    this.captureFunction = captureFunction;
    this.template = template;
    this.dynamo = dynamo;
    String suffix = "-cold" + WORLDS.incrementAndGet();
    Map<String, String> renamed = new LinkedHashMap<>();
    List<SamTable> samTables = new ArrayList<>();
    for (SamTable t : template.tables()) {
      String name = t.tableName() + suffix;
      renamed.put(t.tableName(), name);
      samTables.add(
          new SamTable(
              t.logicalId(), name, t.createTableRequest().toBuilder().tableName(name).build()));
      tables.add(name);
    }
    LocalDynamoDb.createTables(dynamo, samTables);
    this.functions = new TemplateFunctionInvoker(template);
    this.engine =
        LocalStepFunctions.builder()
            .virtualStart(start)
            .inMemory()
            .taskInvoker(this::invoke)
            .build();
    this.stepFunctions = new StepFunctionsHttpServer(engine, 0).start();
    Map<String, String> overrides =
        new LinkedHashMap<>(
            LocalEndpoints.overrides(
                Dynalite.endpoint().toString(), stepFunctions.endpoint().toString(), null));
    // Every variable naming a template table names this world's copy.
    for (SamFunction f : template.functions()) {
      template
          .resolver()
          .environment(f)
          .forEach(
              (variable, value) -> {
                if (renamed.containsKey(value)) {
                  overrides.put(variable, renamed.get(value));
                }
              });
    }
    this.lambdas = new InProcessLambda(template, overrides, engine.clock(), line -> {});
    functions.bind(lambdas);
    this.stateMachineArn = LocalStateMachines.register(template, engine).values().iterator().next();
  }

  /**
   * The environment the function gets: the template's variables, this world's tables and endpoints.
   */
  Map<String, String> environment(String functionLogicalId) {
    return lambdas.environment(template.function(functionLogicalId));
  }

  /** From now on no function runs in this process: invocations fail with Benchmark.Frozen. */
  void freeze() {
    frozen = true;
  }

  /** POST /instances with events/register-instance.json, its body changed by {@code body}. */
  void register(UnaryOperator<ObjectNode> body) {
    String response = api("RegisterInstanceFunction", "register-instance.json", body);
    if (!response.contains("\"statusCode\":201")) {
      throw new IllegalStateException("registering failed: " + response);
    }
  }

  /**
   * POST /instances/{id}/upgrades with events/submit-upgrade.json, its body changed by {@code
   * body}.
   */
  void submit(UnaryOperator<ObjectNode> body) {
    String response = api("SubmitUpgradeFunction", "submit-upgrade.json", body);
    if (!response.contains("\"statusCode\":202")) {
      throw new IllegalStateException("submitting failed: " + response);
    }
  }

  /**
   * Submits through the real submit handler with a chosen task id (the events of GET and DELETE
   * /tasks/{taskId} name {@code up-example-task}); the body has no client token, so the id is the
   * handler's.
   */
  void submitAs(String taskId, UnaryOperator<ObjectNode> body) throws IOException {
    Services services =
        new Services(environment("SubmitUpgradeFunction"), engine.clock())
            .withTaskIds(() -> taskId);
    APIGatewayProxyRequestEvent event =
        event(
            "submit-upgrade.json",
            b -> {
              b.remove("clientToken");
              return body.apply(b);
            });
    int status = new SubmitUpgradeHandler(services).handleRequest(event, null).getStatusCode();
    if (status != 202) {
      throw new IllegalStateException("submitting " + taskId + " failed: " + status);
    }
  }

  /**
   * Lets the upgrade run (virtual time) until the state machine invokes the capture function;
   * returns that invocation's input, which is not run, or null when every upgrade ended without
   * invoking it. The execution is then stopped and the world frozen.
   */
  JsonNode awaitCapture() throws InterruptedException {
    String functionLogicalId = captureFunction;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!capture.await(100, TimeUnit.MILLISECONDS)) {
      boolean running =
          engine.listExecutions(stateMachineArn, null).stream()
              .anyMatch(e -> e.status() == ExecutionStatus.RUNNING);
      if (!running && capture.getCount() > 0) {
        return null; // every upgrade ended without invoking it
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the upgrade did not reach "
                + functionLogicalId
                + " in 120 s (invocations: "
                + invocations()
                + ")");
      }
    }
    engine.stopExecution(
        capturedExecution, "Benchmark.Captured", "cold start benchmark: input captured");
    engine.awaitExecution(capturedExecution, Duration.ofSeconds(30));
    return captured;
  }

  /** Virtual time when the captured invocation was made. */
  Instant capturedAt() {
    return capturedAt;
  }

  /** Invocations per function so far (what the seeding ran). */
  synchronized Map<String, Integer> invocations() {
    return new LinkedHashMap<>(invocations);
  }

  private JsonNode invoke(String resourceArn, JsonNode payload, TaskContext ctx) {
    String logicalId = functions.logicalIdOf(resourceArn);
    if (frozen) {
      throw new StatesError("Benchmark.Frozen", "the cold start benchmark froze this world");
    }
    if (logicalId != null && logicalId.equals(captureFunction)) {
      frozen = true;
      captured = payload;
      capturedAt = ctx.clock().instant();
      capturedExecution = ctx.executionArn();
      capture.countDown();
      throw new StatesError(
          "Benchmark.Captured", "the cold start benchmark runs this invocation in a fresh JVM");
    }
    synchronized (this) {
      invocations.merge(logicalId, 1, Integer::sum);
    }
    return functions.invoke(resourceArn, payload, ctx);
  }

  private String api(String functionLogicalId, String eventFile, UnaryOperator<ObjectNode> body) {
    try {
      APIGatewayProxyRequestEvent event = event(eventFile, body);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      EVENTS.toJson(event, out);
      String json = out.toString(StandardCharsets.UTF_8);
      InvocationResult r = lambdas.invoke(functionLogicalId, json);
      return r.payload();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private APIGatewayProxyRequestEvent event(String eventFile, UnaryOperator<ObjectNode> body)
      throws IOException {
    APIGatewayProxyRequestEvent event;
    try (var in = Files.newInputStream(root.resolve("events").resolve(eventFile))) {
      event = EVENTS.fromJson(in);
    }
    ObjectNode parsed = (ObjectNode) TestJson.MAPPER.readTree(event.getBody());
    event.setBody(TestJson.MAPPER.writeValueAsString(body.apply(parsed)));
    return event;
  }

  @Override
  public void close() {
    frozen = true;
    stepFunctions.close();
    engine.close();
    lambdas.close();
    for (String table : tables) {
      try {
        dynamo.deleteTable(b -> b.tableName(table));
      } catch (RuntimeException ignored) {
        // already gone
      }
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return TestJson.MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
