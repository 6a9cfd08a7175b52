package dev.sqlup.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.definition.TaskResources;
import dev.sqlup.local.asl.model.DynamoDbEndpoint;
import dev.sqlup.local.asl.model.EventsListener;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.HistoryEvent;
import dev.sqlup.local.asl.model.HistoryListener;
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
import dev.sqlup.local.asl.task.TaskTokens;
import dev.sqlup.local.asl.task.NestedExecutions;
import dev.sqlup.local.asl.task.TaskServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
  /** StartExecution's input limit (API reference: "Length Constraints: Maximum length of 262144"). */
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

  private LocalStepFunctions(Builder b) {
    this.region = b.region;
    this.account = b.account;
    this.store = b.directory == null ? EngineStore.IN_MEMORY : new DirectoryStore(b.directory);
    EngineClock clock = EngineClock.parse(b.clockMode, b.virtualStart);
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
    this.machines = new StateMachineRegistry(region, account, store, clock, new TaskResources(region, account));
    this.scheduler = new ExecutionScheduler(store, services,
        Executors.newCachedThreadPool(daemon("sfn-execution")), b.maxConcurrentExecutions, b.retainFinishedExecutions);
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
  public void updateMapRun(String mapRunArn, Integer maxConcurrency, Double toleratedFailurePercentage,
      Long toleratedFailureCount) {
    mapRuns.update(mapRunArn, maxConcurrency, toleratedFailurePercentage, toleratedFailureCount);
  }

  @Override
  public List<ExecutionInfo> listMapRunExecutions(String mapRunArn, ExecutionStatus statusFilter) {
    return mapRuns.executions(mapRunArn, statusFilter);
  }

  /** The engine as its tasks see it (startExecution integrations, Distributed Map child executions). */
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

  public static Builder builder() {
    return new Builder();
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

  /** Configures an engine. Defaults: virtual time from now, in memory, us-east-1 / 123456789012. */
  /** AWS's hard quota of events in one Standard execution's history. */
  public static final int HISTORY_QUOTA = 25_000;

  public static final class Builder {
    private String clockMode = "virtual";
    private Instant virtualStart = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private Path directory;
    private TaskInvoker invoker;
    private EventsListener events;
    private DynamoDbEndpoint dynamoDb;
    private String region = "us-east-1";
    private String account = "123456789012";
    private long seed = 42;
    private int maxConcurrentExecutions = 1000;
    private int retainFinishedExecutions = 10_000;
    private HistoryListener historyListener = HistoryListener.NONE;
    private int maxHistoryEvents = HISTORY_QUOTA;

    /** {@code virtual} (default), {@code real} or {@code scaled:N}. */
    public Builder clockMode(String mode) {
      EngineClock.parse(mode, Instant.EPOCH); // validate early
      this.clockMode = mode;
      return this;
    }

    /** Where virtual time starts (default: the wall clock when the engine is built). */
    public Builder virtualStart(Instant start) {
      this.virtualStart = start;
      return this;
    }

    /** Persist machines and executions here; a new engine on the same directory resumes them. */
    public Builder directory(Path directory) {
      this.directory = directory;
      return this;
    }

    public Builder inMemory() {
      this.directory = null;
      return this;
    }

    public Builder taskInvoker(TaskInvoker invoker) {
      this.invoker = TaskInvoker.catchingExceptions(invoker);
      return this;
    }

    public Builder eventsListener(EventsListener listener) {
      this.events = listener;
      return this;
    }

    /** Sees each history event as it is recorded (one line per state transition in {@code serve}). */
    public Builder historyListener(HistoryListener listener) {
      this.historyListener = listener;
      return this;
    }

    public Builder dynamoDb(DynamoDbEndpoint endpoint) {
      this.dynamoDb = endpoint;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder account(String account) {
      this.account = account;
      return this;
    }

    /** Seed for retry jitter and intrinsic randomness. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** How many executions run at once (default 1000); later ones queue until a slot frees up. */
    public Builder maxConcurrentExecutions(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConcurrentExecutions must be at least 1");
      }
      this.maxConcurrentExecutions = max;
      return this;
    }

    /**
     * How many finished executions the engine keeps (default 10,000), newest first; an older one is
     * forgotten with its history (and, in a directory store, its journal file), as AWS forgets an
     * execution 90 days after it closed. Bounds the memory of a long-running engine.
     */
    public Builder retainFinishedExecutions(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("retainFinishedExecutions must be at least 1");
      }
      this.retainFinishedExecutions = max;
      return this;
    }

    /**
     * The history quota of a Standard execution (default {@value #HISTORY_QUOTA}, AWS's hard quota);
     * lower values let tests reach it quickly. Express executions have no such quota.
     */
    public Builder maxHistoryEvents(int max) {
      if (max < 3) {
        throw new IllegalArgumentException("maxHistoryEvents must be at least 3");
      }
      this.maxHistoryEvents = max;
      return this;
    }

    public LocalStepFunctions build() {
      return new LocalStepFunctions(this);
    }
  }

  // ---------------------------------------------------------------- state machines

  @Override
  public StateMachineInfo createStateMachine(String name, String definition, String roleArn, String type) {
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
  public StateMachineInfo updateStateMachine(String stateMachineArn, String definition, String roleArn) {
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

  /** Express executions have no history quota (AWS bounds them by their 5-minute duration instead). */
  private int historyLimit(String machineType) {
    return "EXPRESS".equals(machineType) ? Integer.MAX_VALUE : services.maxHistoryEvents();
  }

  // ---------------------------------------------------------------- executions

  @Override
  public ExecutionInfo startExecution(String stateMachineArn, String name, String input) {
    StateMachineRegistry.Machine machine = machines.machine(stateMachineArn);
    String executionName = name == null ? ExecutionScheduler.randomUuid() : name;
    if (!NAME.matcher(executionName).matches()) {
      throw new StepFunctionsException("InvalidName", "Invalid Name: '" + executionName + "'");
    }
    String inputText = input == null ? "{}" : input;
    if (inputText.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
      throw new StepFunctionsException(
          "InvalidExecutionInput",
          "The input exceeds the maximum size of " + MAX_INPUT_BYTES + " bytes (States.DataLimitExceeded)");
    }
    JsonNode inputJson;
    try {
      inputJson = MAPPER.readTree(inputText);
    } catch (JsonProcessingException e) {
      throw new StepFunctionsException("InvalidExecutionInput", "Invalid State Machine Execution Input: '"
          + e.getOriginalMessage() + "'");
    }
    if (inputJson == null) {
      throw new StepFunctionsException("InvalidExecutionInput", "Invalid State Machine Execution Input: ''");
    }
    String arn = "arn:aws:states:" + region + ":" + account + ":execution:" + machine.info().name() + ":" + executionName;
    return scheduler.start(arn, executionName, machine.info().stateMachineArn(), machine.info().name(),
        machine.info().roleArn(), machine.info().definition(), machine.graph(), inputJson,
        historyLimit(machine.info().type())).info();
  }

  @Override
  public ExecutionInfo stopExecution(String executionArn, String error, String cause) {
    ExecutionRun run = scheduler.require(executionArn);
    run.abort(error, cause);
    return run.info();
  }

  @Override
  public ExecutionInfo describeExecution(String executionArn) {
    return scheduler.require(executionArn).info();
  }

  @Override
  public List<ExecutionInfo> listExecutions(String stateMachineArn, ExecutionStatus statusFilter) {
    machines.machine(stateMachineArn);
    List<ExecutionInfo> out = new ArrayList<>();
    for (ExecutionRun run : scheduler.all()) {
      if (run.machineArn().equals(stateMachineArn) && (statusFilter == null || run.status() == statusFilter)) {
        out.add(run.info());
      }
    }
    out.sort(Comparator.comparing(ExecutionInfo::startDate).reversed().thenComparing(ExecutionInfo::name));
    return out;
  }

  @Override
  public List<HistoryEvent> getExecutionHistory(String executionArn) {
    return scheduler.require(executionArn).history().events();
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
      throw new StepFunctionsException("InvalidOutput", "Invalid Output: '" + e.getOriginalMessage() + "'");
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
