package dev.sqlup.e2e;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.api.RegisterInstanceHandler;
import dev.sqlup.api.SubmitUpgradeHandler;
import dev.sqlup.config.Services;
import dev.sqlup.dataplane.simulated.FaultPlan;
import dev.sqlup.dataplane.simulated.SimulatedDataPlane;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.local.asl.LocalStepFunctions;
import dev.sqlup.local.asl.http.StepFunctionsHttpServer;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.HistoryEvent;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.model.StepFunctionsException;
import dev.sqlup.local.asl.model.TaskContext;
import dev.sqlup.local.runtime.InProcessLambda;
import dev.sqlup.local.runtime.LocalDynamoDb;
import dev.sqlup.local.runtime.LocalEndpoints;
import dev.sqlup.local.runtime.LocalStateMachines;
import dev.sqlup.local.runtime.SamStateMachine;
import dev.sqlup.local.runtime.SamTable;
import dev.sqlup.local.runtime.SamTemplate;
import dev.sqlup.local.runtime.TemplateFunctionInvoker;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.workflow.Sweeper;
import dev.sqlup.workflow.WorkflowServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole upgrade on one machine: template.yaml read by the local runtime, its tables created in
 * dynalite (renamed per world so tests do not see each other's items), the real handlers run
 * in-process with the template's environment and the engine's virtual clock, and
 * statemachine/upgrade.asl.json (DefinitionSubstitutions resolved) on the embedded ASL engine.
 * Upgrades are submitted through the real submit handler, whose launcher starts the execution on
 * the engine (execution name = task id).
 */
final class UpgradeWorld implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path ROOT = Dynalite.projectRoot();

  final LocalStepFunctions engine;
  final SamTemplate template;
  final InProcessLambda lambdas;
  final Services services;
  final String stateMachineArn;
  final List<JsonNode> events = new CopyOnWriteArrayList<>();
  final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();

  /**
   * Per function logical id: invocation number → error thrown instead of running it (null: run it).
   */
  final Map<String, Function<Integer, RuntimeException>> failures = new ConcurrentHashMap<>();

  /**
   * Per function logical id: invocation number → error thrown after the handler ran (its effects
   * happened, the caller saw a failure: a Lambda timing out after doing its work).
   */
  final Map<String, Function<Integer, RuntimeException>> failuresAfterRun =
      new ConcurrentHashMap<>();

  /**
   * Per function logical id: run before each invocation with its number, while virtual time stands
   * still (an operator acting through the API while the upgrade waits).
   */
  final Map<String, java.util.function.IntConsumer> beforeRun = new ConcurrentHashMap<>();

  /** Actions to run at a virtual instant ({@link #at}), by the resource ARN of their Task state. */
  private final Map<String, Runnable> timedActions = new ConcurrentHashMap<>();

  private final TemplateFunctionInvoker functions;
  private final String fleetTable;
  private final StepFunctionsHttpServer stepFunctionsApi;

  UpgradeWorld(Instant start) {
    this(start, Map.of(), line -> {});
  }

  /**
   * @param extraEnv variables added to every function's environment (endpoints of local fakes)
   * @param logs what the handlers log (their Lambda context logger)
   */
  UpgradeWorld(
      Instant start, Map<String, String> extraEnv, java.util.function.Consumer<String> logs) {
    this.template = SamTemplate.load(ROOT.resolve("template.yaml"));
    DynamoDbClient dynamo = Dynalite.client();
    String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> tableEnv = new LinkedHashMap<>();
    List<SamTable> tables = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    for (SamTable t : template.tables()) {
      tables.add(renamed(t, t.tableName() + suffix));
      names.put(t.logicalId(), t.tableName() + suffix);
    }
    LocalDynamoDb.createTables(dynamo, tables);
    tableEnv.put(Services.INSTANCES_TABLE, "InstancesTable");
    tableEnv.put(Services.TASKS_TABLE, "UpgradeTasksTable");
    tableEnv.put(Services.FLEET_TABLE, "FleetTable");
    this.engine =
        LocalStepFunctions.builder()
            .virtualStart(start)
            .inMemory()
            .taskInvoker(this::invoke)
            .eventsListener((arn, entries) -> events.addAll(entries))
            .build();
    // The engine's Step Functions API, for the handlers that answer task tokens (the waiting
    // loop's wake-up).
    try {
      this.stepFunctionsApi = new StepFunctionsHttpServer(engine, 0).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the engine's Step Functions API", e);
    }
    Map<String, String> overrides =
        new LinkedHashMap<>(
            LocalEndpoints.overrides(
                Dynalite.endpoint().toString(), stepFunctionsApi.endpoint().toString(), null));
    tableEnv.forEach((variable, logicalId) -> overrides.put(variable, names.get(logicalId)));
    overrides.putAll(extraEnv);
    this.fleetTable = overrides.get(Services.FLEET_TABLE);
    this.lambdas = new InProcessLambda(template, overrides, engine.clock(), logs);
    this.functions = new TemplateFunctionInvoker(template);
    functions.bind(lambdas);
    SamStateMachine machine = template.stateMachines().get(0);
    String definition = LocalStateMachines.definition(template, machine);
    this.stateMachineArn =
        engine
            .createStateMachine(
                machine.name(),
                definition,
                "arn:aws:iam::123456789012:role/UpgradeStateMachineRole",
                "STANDARD")
            .stateMachineArn();
    Map<String, String> env =
        new LinkedHashMap<>(lambdas.environment(template.function("SubmitUpgradeFunction")));
    env.put(Services.UPGRADE_STATE_MACHINE_ARN, stateMachineArn);
    AtomicInteger ids = new AtomicInteger();
    this.services =
        new Services(env, engine.clock())
            .withDynamoDb(dynamo)
            .withLauncher((taskId, input) -> engine.startExecution(stateMachineArn, taskId, input))
            .withTaskIds(() -> "up-e2e-" + ids.incrementAndGet());
  }

  /**
   * Runs the function like the local runtime does ({@link TemplateFunctionInvoker}), with the
   * faults the test injected before the handler runs, or after it ran (its effects happened, the
   * caller saw a failure: a Lambda timing out after doing its work).
   */
  private JsonNode invoke(String resourceArn, JsonNode payload, TaskContext ctx) {
    Runnable timed = timedActions.remove(resourceArn);
    if (timed != null) {
      timed.run();
      return JSON.createObjectNode();
    }
    String logicalId = functions.logicalIdOf(resourceArn);
    if (logicalId == null) {
      throw new StatesError("Lambda.ResourceNotFoundException", "no function " + resourceArn);
    }
    int n = invocations.computeIfAbsent(logicalId, k -> new AtomicInteger()).incrementAndGet();
    java.util.function.IntConsumer hook = beforeRun.get(logicalId);
    if (hook != null) {
      hook.accept(n);
    }
    throwInjected(failures.get(logicalId), n);
    JsonNode result = null;
    StatesError error = null;
    try {
      result = functions.invoke(resourceArn, payload, ctx);
    } catch (StatesError e) {
      error = e;
    }
    throwInjected(failuresAfterRun.get(logicalId), n);
    if (error != null) {
      throw error;
    }
    return result;
  }

  private static void throwInjected(Function<Integer, RuntimeException> failure, int invocation) {
    RuntimeException e = failure == null ? null : failure.apply(invocation);
    if (e != null) {
      throw e;
    }
  }

  /** Registers through the real API handler; the response, whatever it is. */
  APIGatewayProxyResponseEvent registerRaw(Map<String, Object> body) {
    return new RegisterInstanceHandler(services)
        .handleRequest(event("/instances", Map.of(), body), null);
  }

  /**
   * Registers a sqlserver-bound instance whose discovery at registration answers {@code inventory}
   * (for a source that never answers); the workflow's own discovery still goes to the real binding.
   */
  void registerDiscovered(Map<String, Object> body, dev.sqlup.domain.SourceInventory inventory) {
    APIGatewayProxyResponseEvent r =
        new RegisterInstanceHandler(
                services.withDataPlanes(
                    s ->
                        new dev.sqlup.config.DataPlaneBindings(
                            s,
                            null,
                            new dev.sqlup.dataplane.sqlserver.RecordedSqlServerPlane(inventory))))
            .handleRequest(event("/instances", Map.of(), body), null);
    if (r.getStatusCode() != 201) {
      throw new IllegalStateException("register: " + r.getStatusCode() + " " + r.getBody());
    }
  }

  /** Registers an instance through the real API handler. */
  void register(Map<String, Object> body) {
    APIGatewayProxyResponseEvent r =
        new RegisterInstanceHandler(services)
            .handleRequest(event("/instances", Map.of(), body), null);
    if (r.getStatusCode() != 201) {
      throw new IllegalStateException("register: " + r.getStatusCode() + " " + r.getBody());
    }
  }

  /** Submits through the real API handler; the response (202 with taskId, or an error). */
  APIGatewayProxyResponseEvent submitRaw(String instanceId, Map<String, Object> body) {
    return new SubmitUpgradeHandler(services)
        .handleRequest(
            event("/instances/{instanceId}/upgrades", Map.of("instanceId", instanceId), body),
            null);
  }

  String submit(String instanceId, Map<String, Object> body) {
    APIGatewayProxyResponseEvent r = submitRaw(instanceId, body);
    if (r.getStatusCode() / 100 != 2) {
      throw new IllegalStateException("submit: " + r.getStatusCode() + " " + r.getBody());
    }
    try {
      return JSON.readTree(r.getBody()).path("taskId").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code POST /tasks/{taskId}/switchover} through the real handler, as the IAM user {@code by}.
   */
  APIGatewayProxyResponseEvent switchover(String taskId, String by) {
    APIGatewayProxyRequestEvent e =
        event("/tasks/{taskId}/switchover", Map.of("taskId", taskId), null);
    return new dev.sqlup.api.SwitchoverTaskHandler(services).handleRequest(as(e, by), null);
  }

  /** {@code PATCH /tasks/{taskId}} through the real handler, as the IAM user {@code by}. */
  APIGatewayProxyResponseEvent patchTask(String taskId, Map<String, Object> body, String by) {
    APIGatewayProxyRequestEvent e = event("/tasks/{taskId}", Map.of("taskId", taskId), body);
    e.setHttpMethod("PATCH");
    return new dev.sqlup.api.UpdateTaskHandler(services).handleRequest(as(e, by), null);
  }

  private static APIGatewayProxyRequestEvent as(APIGatewayProxyRequestEvent e, String userArn) {
    e.setRequestContext(
        new APIGatewayProxyRequestEvent.ProxyRequestContext()
            .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withUserArn(userArn)));
    return e;
  }

  String executionArn(String taskId) {
    return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + taskId;
  }

  ExecutionInfo await(String taskId) {
    return engine.awaitExecution(executionArn(taskId), Duration.ofMinutes(3));
  }

  UpgradeTask task(String taskId) {
    return services.tasks().get(taskId);
  }

  Instant now() {
    return engine.clock().instant();
  }

  /** The world's fleet table (the simulated data plane's state). */
  String fleetTableName() {
    return fleetTable;
  }

  SimulatedDataPlane sim() {
    return new SimulatedDataPlane(services.dynamoDb(), fleetTable, engine.clock(), FaultPlan.NONE);
  }

  /**
   * The data plane's view of a registered instance (what the handlers pass the simulated data
   * plane).
   */
  dev.sqlup.dataplane.InstanceRef source(String instanceId) {
    return dev.sqlup.dataplane.InstanceRefs.source(services.instances().get(instanceId));
  }

  /**
   * Lets {@code duration} of virtual time pass, the engine's way: an execution of a one-state
   * machine that waits that long (the engine's clock jumps while nothing else is busy).
   */
  void advance(Duration duration) {
    String arn =
        engine
            .createStateMachine(
                "advance-" + UUID.randomUUID().toString().substring(0, 8),
                "{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Wait\",\"Seconds\":"
                    + duration.toSeconds()
                    + ",\"End\":true}}}",
                "arn:aws:iam::123456789012:role/UpgradeStateMachineRole",
                "STANDARD")
            .stateMachineArn();
    String execution = engine.startExecution(arn, "advance", "{}").executionArn();
    engine.awaitExecution(execution, Duration.ofMinutes(1));
  }

  /**
   * Runs {@code action} at the virtual instant {@code at}, while virtual time stands still (an
   * operator acting through the API at that moment, whatever the upgrades are doing): an execution
   * of a machine that waits until then and runs a Task state whose invocation is the action.
   * Returns at once; the action runs when the engine's clock gets there.
   */
  void at(Instant at, Runnable action) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String resource = "arn:aws:lambda:us-east-1:123456789012:function:at-" + id;
    timedActions.put(resource, action);
    String arn =
        engine
            .createStateMachine(
                "at-" + id,
                "{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Wait\",\"Timestamp\":\""
                    + at
                    + "\",\"Next\":\"Act\"},\"Act\":{\"Type\":\"Task\",\"Resource\":\""
                    + resource
                    + "\",\"End\":true}}}",
                "arn:aws:iam::123456789012:role/UpgradeStateMachineRole",
                "STANDARD")
            .stateMachineArn();
    engine.startExecution(arn, "at", "{}");
  }

  /** Logical ids of the functions the engine invoked, in no particular order. */
  java.util.Set<String> invokedFunctions() {
    return invocations.entrySet().stream()
        .filter(e -> e.getValue().get() > 0)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /** State transitions of an execution: every *StateEntered event of its history. */
  long transitions(String taskId) {
    return engine.getExecutionHistory(executionArn(taskId)).stream()
        .filter(e -> e.type().endsWith("StateEntered"))
        .count();
  }

  List<HistoryEvent> history(String taskId) {
    return engine.getExecutionHistory(executionArn(taskId));
  }

  /** DetailTypes of the recorded events of one task, in order. */
  List<String> eventTypes(String taskId) {
    return events.stream()
        .filter(e -> detail(e).path("taskId").asText().equals(taskId))
        .map(e -> e.path("DetailType").asText())
        .collect(Collectors.toList());
  }

  static JsonNode detail(JsonNode entry) {
    JsonNode d = entry.path("Detail");
    if (d.isTextual()) {
      try {
        return JSON.readTree(d.asText());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return d;
  }

  /**
   * The sweeper as its function is wired, with DescribeExecution answered by the engine and
   * StartExecution the engine's.
   */
  Sweeper sweeper() {
    Services sweeperServices =
        new Services(lambdas.environment(template.function("SweeperFunction")), engine.clock())
            .withDynamoDb(services.dynamoDb());
    return new Sweeper(
        WorkflowServices.workflow(sweeperServices),
        sweeperServices.tasks(),
        sweeperServices.instances(),
        taskId -> {
          try {
            return Optional.of(engine.describeExecution(executionArn(taskId)).status().name());
          } catch (StepFunctionsException e) {
            return Optional.empty();
          }
        },
        services.launcher());
  }

  private static APIGatewayProxyRequestEvent event(
      String resource, Map<String, String> path, Map<String, Object> body) {
    APIGatewayProxyRequestEvent e = new APIGatewayProxyRequestEvent();
    e.setHttpMethod("POST");
    e.setResource(resource);
    e.setPath(resource);
    e.setPathParameters(path.isEmpty() ? null : path);
    e.setHeaders(Map.of("Content-Type", "application/json"));
    try {
      e.setBody(body == null ? null : JSON.writeValueAsString(body));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return e;
  }

  private static SamTable renamed(SamTable t, String name) {
    return new SamTable(
        t.logicalId(), name, t.createTableRequest().toBuilder().tableName(name).build());
  }

  @Override
  public void close() {
    stepFunctionsApi.close();
    engine.close();
    lambdas.close();
  }
}
