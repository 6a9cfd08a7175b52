package dev.sqlup.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.definition.TaskResources;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.HistoryEvent;
import dev.sqlup.local.asl.model.MapRunInfo;
import dev.sqlup.local.asl.model.StateMachineInfo;
import dev.sqlup.local.asl.model.StepFunctionsException;
import dev.sqlup.local.asl.model.TaskInvoker;
import dev.sqlup.local.asl.model.ValidationDiagnostic;
import dev.sqlup.local.asl.runtime.DirectoryStore;
import dev.sqlup.local.asl.runtime.EngineClock;
import dev.sqlup.local.asl.runtime.EngineServices;
import dev.sqlup.local.asl.runtime.EngineStore;
import dev.sqlup.local.asl.runtime.ExecutionRun;
import dev.sqlup.local.asl.runtime.ExecutionScheduler;
import dev.sqlup.local.asl.runtime.MapRunRegistry;
import dev.sqlup.local.asl.runtime.VirtualClock;
import dev.sqlup.local.asl.task.NestedExecutions;
import dev.sqlup.local.asl.task.TaskServices;
import dev.sqlup.local.asl.task.TaskTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The embedded Step Functions. Build with {@link #builder()}; {@link #local()} is a virtual-time,
 * in-memory engine for unit tests.
 */
public final class LocalStepFunctions implements StepFunctions {
  /**
   * StartExecution's input limit (API reference: "Length Constraints: Maximum length of 262144").
   */
  public static final int MAX_INPUT_BYTES = 262_144;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Names (developer guide "Service quotas", general quotas): 1-80 characters, no whitespace,
   * wildcards, brackets, special or control characters; non-ASCII letters are allowed.
   */
  private static final Pattern NAME =
      Pattern.compile("[^\\s?*<>{}\\[\\]\"#%\\\\^|~`$&,;:/\\u0000-\\u001f\\u007f-\\u009f]{1,80}");

  private final String region;
  private final String account;
  private final EngineStore store;
  private final EngineServices services;
  private final StateMachineRegistry machines;
  private final MapRunRegistry mapRuns;
  private final ExecutionScheduler scheduler;

  LocalStepFunctions(LocalStepFunctionsBuilder b) {
    this.region = b.region;
    this.account = b.account;
    this.store = b.directory == null ? EngineStore.IN_MEMORY : new DirectoryStore(b.directory);
    EngineClock clock = EngineClock.parse(b.clockMode, b.virtualStart);
    if (b.holdCallbackTimeouts && clock instanceof VirtualClock virtual) {
      virtual.holdCallbackTimeouts();
    }
    ExecutorService workers = Executors.newCachedThreadPool(daemon("sfn-worker"));
    this.mapRuns = new MapRunRegistry(region, account, this::scheduler);
    this.services =
        new EngineServices(
            clock,
            new TaskServices(b.invoker, b.dynamoDb, b.events, nested()),
            new TaskTokens(clock::now),
            workers,
            new SeededRandom(b.seed),
            region,
            account,
            b.historyListener,
            b.maxHistoryEvents,
            mapRuns);
    this.machines =
        new StateMachineRegistry(region, account, store, clock, new TaskResources(region, account));
    this.scheduler =
        new ExecutionScheduler(
            store,
            services,
            Executors.newCachedThreadPool(daemon("sfn-execution")),
            b.maxConcurrentExecutions,
            b.retainFinishedExecutions);
    reload();
  }

  // ---------------------------------------------------------------- Distributed Map runs

  @Override
  public List<MapRunInfo> listMapRuns(String executionArn) {
    return mapRuns.list(executionArn);
  }

  @Override
  public MapRunInfo describeMapRun(String mapRunArn) {
    return mapRuns.describe(mapRunArn);
  }

  @Override
  public void updateMapRun(
      String mapRunArn,
      Integer maxConcurrency,
      Double toleratedFailurePercentage,
      Long toleratedFailureCount) {
    mapRuns.update(mapRunArn, maxConcurrency, toleratedFailurePercentage, toleratedFailureCount);
  }

  @Override
  public List<ExecutionInfo> listMapRunExecutions(String mapRunArn, ExecutionStatus statusFilter) {
    return mapRuns.executions(mapRunArn, statusFilter);
  }

  /**
   * The engine as its tasks see it (startExecution integrations, Distributed Map child executions).
   */
  private NestedExecutions nested() {
    return new NestedExecutions() {
      @Override
      public ExecutionInfo start(String stateMachineArn, String name, String input) {
        return startExecution(stateMachineArn, name, input);
      }

      @Override
      public CompletableFuture<ExecutionInfo> completion(String executionArn) {
        ExecutionRun run = scheduler.require(executionArn);
        return run.done().thenApply(status -> run.info());
      }

      @Override
      public void stop(String executionArn, String error, String cause) {
        ExecutionRun run = scheduler.find(executionArn);
        if (run != null) {
          run.abort(error, cause);
        }
      }
    };
  }

  public static LocalStepFunctionsBuilder builder() {
    return new LocalStepFunctionsBuilder();
  }

  /** Virtual time, in memory, no task invoker. */
  public static LocalStepFunctions local() {
    return builder().build();
  }

  /** Virtual time, in memory, with the given Lambda invoker. */
  public static LocalStepFunctions local(TaskInvoker invoker) {
    return builder().taskInvoker(invoker).build();
  }

  /** The engine's clock (virtual or real); hand it to task handlers so they see engine time. */
  public Clock clock() {
    return services.clock().clock();
  }

  public String region() {
    return region;
  }

  public String account() {
    return account;
  }

  /** AWS's hard quota of events in one Standard execution's history. */
  public static final int HISTORY_QUOTA = 25_000;

  // ---------------------------------------------------------------- state machines

  @Override
  public StateMachineInfo createStateMachine(
      String name, String definition, String roleArn, String type) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new StepFunctionsException("InvalidName", "Invalid Name: '" + name + "'");
    }
    String machineType = type == null ? "STANDARD" : type;
    if (!machineType.equals("STANDARD") && !machineType.equals("EXPRESS")) {
      throw new StepFunctionsException("ValidationException", "type must be STANDARD or EXPRESS");
    }
    return machines.create(name, definition, roleArn, machineType);
  }

  @Override
  public StateMachineInfo updateStateMachine(
      String stateMachineArn, String definition, String roleArn) {
    return machines.update(stateMachineArn, definition, roleArn);
  }

  @Override
  public StateMachineInfo describeStateMachine(String stateMachineArn) {
    return machines.machine(stateMachineArn).info();
  }

  @Override
  public List<StateMachineInfo> listStateMachines() {
    return machines.list();
  }

  @Override
  public void deleteStateMachine(String stateMachineArn) {
    machines.delete(stateMachineArn);
  }

  @Override
  public List<ValidationDiagnostic> validateStateMachineDefinition(String definition) {
    return machines.validate(definition);
  }

  /**
   * Express executions have no history quota (AWS bounds them by their 5-minute duration instead).
   */
  private int historyLimit(String machineType) {
    return "EXPRESS".equals(machineType) ? Integer.MAX_VALUE : services.maxHistoryEvents();
  }

  // ---------------------------------------------------------------- executions

  @Override
  public ExecutionInfo startExecution(String stateMachineArn, String name, String input) {
    StateMachineRegistry.Machine machine = machines.machine(stateMachineArn);
    String executionName = name == null ? ExecutionScheduler.randomUuid() : name;
    if (name != null && !NAME.matcher(name).matches()) { // a generated UUID is a valid name
      throw new StepFunctionsException("InvalidName", "Invalid Name: '" + executionName + "'");
    }
    String inputText = input == null ? "{}" : input;
    // a character is at most 3 UTF-8 bytes (a surrogate pair 4 for 2): short inputs need no count
    if (inputText.length() > MAX_INPUT_BYTES / 3
        && inputText.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
      throw new StepFunctionsException(
          "InvalidExecutionInput",
          "The input exceeds the maximum size of "
              + MAX_INPUT_BYTES
              + " bytes (States.DataLimitExceeded)");
    }
    JsonNode inputJson;
    try {
      inputJson = MAPPER.readTree(inputText);
    } catch (JsonProcessingException e) {
      throw new StepFunctionsException(
          "InvalidExecutionInput",
          "Invalid State Machine Execution Input: '" + e.getOriginalMessage() + "'");
    }
    if (inputJson == null) {
      throw new StepFunctionsException(
          "InvalidExecutionInput", "Invalid State Machine Execution Input: ''");
    }
    String arn =
        "arn:aws:states:"
            + region
            + ":"
            + account
            + ":execution:"
            + machine.info().name()
            + ":"
            + executionName;
    return scheduler
        .start(
            arn,
            executionName,
            machine.info().stateMachineArn(),
            machine.info().name(),
            machine.info().roleArn(),
            machine.info().definition(),
            machine.graph(),
            inputJson,
            historyLimit(machine.info().type()))
        .info();
  }

  @Override
  public ExecutionInfo stopExecution(String executionArn, String error, String cause) {
    ExecutionRun run = scheduler.require(executionArn);
    run.abort(error, cause);
    return run.info();
  }

  @Override
  public ExecutionInfo describeExecution(String executionArn) {
    return mapRuns.describe(scheduler.require(executionArn).info());
  }

  @Override
  public List<ExecutionInfo> listExecutions(String stateMachineArn, ExecutionStatus statusFilter) {
    machines.machine(stateMachineArn);
    List<ExecutionInfo> out = new ArrayList<>();
    for (ExecutionRun run : scheduler.all()) {
      if (run.machineArn().equals(stateMachineArn)
          && (statusFilter == null || run.status() == statusFilter)) {
        out.add(run.info());
      }
    }
    out.sort(
        Comparator.comparing(ExecutionInfo::startDate)
            .reversed()
            .thenComparing(ExecutionInfo::name));
    return out;
  }

  @Override
  public List<HistoryEvent> getExecutionHistory(String executionArn) {
    ExecutionRun run = scheduler.require(executionArn);
    if (mapRuns.expressChild(executionArn)) {
      // API reference, GetExecutionHistory: "not supported by EXPRESS state machines"
      throw new StepFunctionsException(
          "InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'");
    }
    return run.history().events();
  }

  @Override
  public ExecutionInfo awaitExecution(String executionArn, Duration realTimeout) {
    ExecutionRun run = scheduler.require(executionArn);
    try {
      run.done().get(realTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // still running: the caller sees RUNNING
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
    return run.info();
  }

  // ---------------------------------------------------------------- callbacks

  @Override
  public void sendTaskSuccess(String taskToken, String output) {
    JsonNode json;
    try {
      json = MAPPER.readTree(output == null ? "" : output);
    } catch (JsonProcessingException e) {
      throw new StepFunctionsException(
          "InvalidOutput", "Invalid Output: '" + e.getOriginalMessage() + "'");
    }
    if (json == null) {
      throw new StepFunctionsException("InvalidOutput", "Invalid Output: ''");
    }
    services.tokens().succeed(taskToken, json);
  }

  @Override
  public void sendTaskFailure(String taskToken, String error, String cause) {
    services.tokens().fail(taskToken, error, cause);
  }

  @Override
  public void sendTaskHeartbeat(String taskToken) {
    services.tokens().heartbeat(taskToken);
  }

  // ---------------------------------------------------------------- durability

  private void reload() {
    machines.reload();
    scheduler.resume(machines::parse, machineArn -> historyLimit(machines.machineType(machineArn)));
  }

  private ExecutionScheduler scheduler() {
    return scheduler;
  }

  @Override
  public void close() {
    scheduler.close();
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
