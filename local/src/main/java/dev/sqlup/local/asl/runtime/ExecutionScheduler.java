package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.HistoryEvent;
import dev.sqlup.local.asl.model.StepFunctionsException;
import dev.sqlup.local.asl.state.StateGraph;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The engine's executions: registers and journals new ones, queues them for a slot and runs them on
 * execution threads, resumes the journaled ones of a directory store, and forgets the oldest
 * finished ones. The API façade ({@code LocalStepFunctions}) validates requests and calls this.
 */
public final class ExecutionScheduler {
  private final EngineStore store;
  private final EngineServices services;
  private final ExecutorService executionThreads;
  private final ExecutionSlots slots;
  private final int retainFinished;
  private final ArrayDeque<ExecutionRun> finished = new ArrayDeque<>();
  private final Map<String, ExecutionRun> executions = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  public ExecutionScheduler(
      EngineStore store,
      EngineServices services,
      ExecutorService executionThreads,
      int maxConcurrentExecutions,
      int retainFinished) {
    this.store = store;
    this.services = services;
    this.executionThreads = executionThreads;
    this.slots = new ExecutionSlots(maxConcurrentExecutions);
    this.retainFinished = retainFinished;
  }

  /** The execution, or null when the engine has none (or has forgotten it). */
  public ExecutionRun find(String arn) {
    return executions.get(arn);
  }

  /**
   * The execution, or {@code ExecutionDoesNotExist} (or {@code InvalidArn}) as the API reports it.
   */
  public ExecutionRun require(String arn) {
    checkArn(arn, ":execution:");
    ExecutionRun run = executions.get(arn);
    if (run == null) {
      throw new StepFunctionsException(
          "ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }
    return run;
  }

  /**
   * {@code InvalidArn} unless {@code arn} is a Step Functions ARN of the given kind (e.g. {@code
   * :execution:}).
   */
  public static void checkArn(String arn, String kind) {
    if (arn == null || !arn.startsWith("arn:aws:states:") || !arn.contains(kind)) {
      throw new StepFunctionsException("InvalidArn", "Invalid Arn: '" + arn + "'");
    }
  }

  /**
   * A random (version 4) UUID for an unnamed execution, as AWS names them. Not from SecureRandom:
   * the name is an identifier, not a secret, and SecureRandom cost more than running a short
   * execution.
   */
  public static String randomUuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  public EngineServices services() {
    return services;
  }

  /** Every execution the engine still knows, in no order. */
  public Collection<ExecutionRun> all() {
    return executions.values();
  }

  /**
   * Records, registers and launches a new execution (or returns the running one of the same name
   * and input).
   */
  public ExecutionRun start(
      String arn,
      String executionName,
      String machineArn,
      String machineName,
      String roleArn,
      String definition,
      StateGraph graph,
      JsonNode inputJson,
      int historyLimit) {
    ExecutionRun run;
    synchronized (executions) {
      ExecutionRun existing = executions.get(arn);
      if (existing != null) {
        if (existing.status() == ExecutionStatus.RUNNING && existing.input().equals(inputJson)) {
          return existing;
        }
        throw new StepFunctionsException(
            "ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
      }
      Instant start = services.clock().now();
      var journal = journal(arn);
      if (journal.keepsRecords()) {
        ObjectNode startRecord = JsonNodeFactory.instance.objectNode();
        startRecord.put("k", "start");
        startRecord.put("arn", arn);
        startRecord.put("name", executionName);
        startRecord.put("machineArn", machineArn);
        startRecord.put("machineName", machineName);
        startRecord.put("roleArn", roleArn);
        startRecord.put("definition", definition);
        startRecord.set("input", inputJson);
        startRecord.put("startTime", start.toString());
        journal.append(startRecord);
      }
      run =
          new ExecutionRun(
              arn,
              executionName,
              machineArn,
              machineName,
              roleArn,
              definition,
              graph,
              inputJson,
              start,
              services,
              journal,
              historyLimit);
      run.recordStarted();
      executions.put(arn, run);
    }
    run.done().thenRun(() -> retire(run));
    launch(run);
    return run;
  }

  /**
   * Replays the store's journals: an ended execution is shown as it ended, an unfinished one runs
   * on from where it was. {@code parse} reads a definition, {@code historyLimit} gives a machine's
   * quota.
   */
  public void resume(Function<String, StateGraph> parse, ToIntFunction<String> historyLimit) {
    List<ExecutionRun> endedRuns = new ArrayList<>();
    // every journal is replayed before any execution runs: a resumed Distributed Map finds its
    // children (executions of their own) already registered
    List<ExecutionRun> toLaunch = new ArrayList<>();
    for (List<JsonNode> records : store.journals()) {
      if (records.isEmpty() || !records.get(0).path("k").asText().equals("start")) {
        continue;
      }
      JsonNode s = records.get(0);
      String arn = s.get("arn").asText();
      ExecutionRun run =
          new ExecutionRun(
              arn,
              s.get("name").asText(),
              s.get("machineArn").asText(),
              s.get("machineName").asText(),
              s.get("roleArn").isNull() ? null : s.get("roleArn").asText(),
              s.get("definition").asText(),
              parse.apply(s.get("definition").asText()),
              s.get("input"),
              Instant.parse(s.get("startTime").asText()),
              services,
              journal(arn),
              historyLimit.applyAsInt(s.get("machineArn").asText()));
      boolean ended = JournalReplay.apply(run, records);
      List<HistoryEvent> events = run.history().events();
      if (!events.isEmpty()) {
        services.clock().notBefore(events.get(events.size() - 1).timestamp());
      }
      executions.put(arn, run);
      if (ended) {
        endedRuns.add(run);
      } else {
        toLaunch.add(run);
      }
    }
    for (ExecutionRun run : toLaunch) {
      run.done().thenRun(() -> retire(run));
      launch(run);
    }
    endedRuns.sort(Comparator.comparing(run -> run.info().stopDate()));
    endedRuns.forEach(this::retire);
  }

  /**
   * Queues the execution for a slot, then runs it on an execution thread until it ends or parks.
   * Only running states hold a thread: a queued or parked execution is an entry on the engine
   * clock.
   */
  private void launch(ExecutionRun run) {
    EngineClock clock = services.clock();
    clock.enter(); // time must not jump before the execution has had a thread
    try {
      CompletableFuture<Void> slot = slots.acquire();
      clock.schedule(
          CompletableFuture.anyOf(slot, run.stopSignal()),
          null,
          executionThreads,
          () -> {
            if (!slot
                .isDone()) { // stopped (or closed) while queued: hand the slot on when it comes
              slot.thenRun(slots::release);
              run.closeJournal();
            } else if (run.status() == ExecutionStatus.RUNNING) {
              run.runToEnd(executionThreads, slots::release);
            } else {
              slots.release();
              run.closeJournal();
            }
          });
    } finally {
      clock.leave();
    }
  }

  /**
   * Keeps the newest {@code retainFinished} finished executions; an older one is forgotten, as AWS
   * forgets executions 90 days after they closed.
   */
  private void retire(ExecutionRun run) {
    if (closed.get()) {
      return; // a closing engine must not delete what a reopened one would resume or show
    }
    List<ExecutionRun> forgotten = new ArrayList<>();
    synchronized (finished) {
      finished.addLast(run);
      while (finished.size() > retainFinished) {
        forgotten.add(finished.removeFirst());
      }
    }
    for (ExecutionRun old : forgotten) {
      executions.remove(old.arn(), old);
      store.forget(old.arn());
    }
  }

  /**
   * After close nothing more reaches the store: threads unwinding from the shutdown must not record
   * a failure the execution never had, so a reopened engine resumes it.
   */
  private Journal journal(String executionArn) {
    Journal inner = store.journal(executionArn);
    if (!inner.keepsRecords()) {
      return inner;
    }
    return new Journal() {
      @Override
      public void append(JsonNode record) {
        if (!closed.get()) {
          inner.append(record);
        }
      }

      @Override
      public void flush() {
        inner.flush();
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  /** Stops every thread; journals stay as they are, so a new engine on the same store resumes. */
  public void close() {
    closed.set(true);
    executionThreads.shutdownNow();
    services.workers().shutdownNow();
    services.clock().close();
    executions.values().forEach(ExecutionRun::closeJournal);
  }
}
