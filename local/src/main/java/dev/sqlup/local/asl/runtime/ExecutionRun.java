package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.HistoryListener;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.state.ExecutionStopped;
import dev.sqlup.local.asl.state.JsonText;
import dev.sqlup.local.asl.state.State;
import dev.sqlup.local.asl.state.StateGraph;
import dev.sqlup.local.asl.state.StepResult;
import dev.sqlup.local.asl.state.WaitState;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One execution: its identity, its status, its history and checkpoints, and the loop that runs a
 * branch state by state. Status changes and checkpoints go to the journal before they count.
 */
public final class ExecutionRun {
  private final String arn;
  private final String name;
  private final String machineArn;
  private final String machineName;
  private final String roleArn;
  private final String definition;
  private final StateGraph graph;
  private final JsonNode input;
  private final Instant startTime;
  private final EngineServices services;
  private final ExecutionHistory history;
  private final Journal journal;
  private final DurableProgress progress;
  private final CompletableFuture<Void> stop = new CompletableFuture<>();
  private final CompletableFuture<ExecutionStatus> done = new CompletableFuture<>();

  private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
  private volatile Instant stopDate;
  private volatile String output;
  private volatile String error;
  private volatile String cause;
  private volatile String inputText;
  // set by runToEnd, read by the threads that resume a parked execution
  private volatile Executor executor;
  private volatile Runnable settled;
  private volatile ExecutionContext top;
  private volatile Instant timeoutAt;
  private volatile boolean timedOut;

  public ExecutionRun(
      String arn,
      String name,
      String machineArn,
      String machineName,
      String roleArn,
      String definition,
      StateGraph graph,
      JsonNode input,
      Instant startTime,
      EngineServices services,
      Journal journal,
      int historyLimit) {
    this.arn = arn;
    this.name = name;
    this.machineArn = machineArn;
    this.machineName = machineName;
    this.roleArn = roleArn;
    this.definition = definition;
    this.graph = graph;
    this.input = input;
    this.startTime = startTime;
    this.services = services;
    this.journal = journal;
    this.progress = new DurableProgress(journal);
    this.history =
        new ExecutionHistory(
            journal,
            services.historyListener() == HistoryListener.NONE
                ? null
                : event -> services.historyListener().onEvent(arn, event),
            historyLimit);
  }

  public String arn() {
    return arn;
  }

  public String name() {
    return name;
  }

  public String machineArn() {
    return machineArn;
  }

  public String machineName() {
    return machineName;
  }

  public String roleArn() {
    return roleArn;
  }

  public String definition() {
    return definition;
  }

  public JsonNode input() {
    return input;
  }

  public Instant startTime() {
    return startTime;
  }

  public EngineServices services() {
    return services;
  }

  public ExecutionHistory history() {
    return history;
  }

  /** This execution's journal: a Distributed Map journals its Map Run here too. */
  public Journal journal() {
    return journal;
  }

  public ExecutionStatus status() {
    return status;
  }

  public CompletableFuture<Void> stopSignal() {
    return stop;
  }

  public CompletableFuture<ExecutionStatus> done() {
    return done;
  }

  public ExecutionInfo info() {
    return new ExecutionInfo(
        arn, machineArn, name, status, startTime, stopDate, inputText(), output, error, cause);
  }

  /** The input's JSON text, written once: every ExecutionInfo and ExecutionStarted carry it. */
  private String inputText() {
    String text = inputText;
    if (text == null) {
      text = JsonText.of(input);
      inputText = text;
    }
    return text;
  }

  Checkpoint checkpoint(String branch) {
    return progress.checkpoint(branch);
  }

  void recordCheckpoint(String branch, Checkpoint checkpoint) {
    progress.recordCheckpoint(branch, checkpoint);
  }

  Instant durableDeadline(String key, Instant proposed) {
    return progress.durableDeadline(key, proposed);
  }

  /** Replays a Wait deadline read back from the journal. */
  public void restoreTimer(String key, Instant until) {
    progress.restoreTimer(key, until);
  }

  /** Replays a checkpoint read back from the journal. */
  public void restoreCheckpoint(String branch, Checkpoint checkpoint) {
    progress.restoreCheckpoint(branch, checkpoint);
  }

  /** Runs a branch from its start, or from its checkpoint when resuming. */
  JsonNode runBranch(ExecutionContext ctx, StateGraph branch, JsonNode branchInput) {
    String current = branch.startAt();
    JsonNode data = branchInput;
    long step = 0;
    Checkpoint resumeFrom = checkpoint(ctx.branchPath());
    if (resumeFrom != null) {
      if (resumeFrom.next() == null) {
        return resumeFrom.output();
      }
      current = resumeFrom.next();
      data = resumeFrom.output();
      step = resumeFrom.step();
      ctx.variables().restore(resumeFrom.variables());
    }
    while (true) {
      ctx.checkStopped();
      State state = branch.state(current);
      ctx.setStep(step);
      StepResult result = state.run(ctx, data);
      step++;
      recordCheckpoint(
          ctx.branchPath(),
          new Checkpoint(result.next(), result.output(), step, ctx.variables().snapshot()));
      if (result.next() == null) {
        return result.output();
      }
      current = result.next();
      data = result.output();
    }
  }

  /** Records ExecutionStarted (done before StartExecution returns). */
  public void recordStarted() {
    new ExecutionContext(this, "", List.of(stop))
        .event(
            "ExecutionStarted",
            "executionStartedEventDetails",
            new EventDetails.Started(inputText(), roleArn));
    journal.flush(); // StartExecution answers only once its execution is on disk
  }

  /**
   * Runs the execution on the calling thread until it ends or parks in a top-level Wait state. A
   * parked execution holds no thread: it is a timer entry on the engine clock, resumed on {@code
   * executor} when the Wait is due or the execution is stopped. Records the end event and status;
   * {@code settled} runs once, after the last state has unwound, whatever the end.
   */
  public void runToEnd(Executor executor, Runnable settled) {
    this.executor = executor;
    this.settled = settled;
    this.top = new ExecutionContext(this, "", List.of(stop));
    if (graph.timeoutSeconds() != null) {
      timeoutAt = startTime.plusSeconds(graph.timeoutSeconds());
      services.clock().schedule(done, timeoutAt, executor, this::timeOutIfDue);
    }
    Checkpoint resumeFrom = checkpoint("");
    if (resumeFrom == null) {
      drive(graph.startAt(), input, 0, false);
    } else if (resumeFrom.next() == null) {
      settle(resumeFrom.output(), null);
    } else {
      top.variables().restore(resumeFrom.variables());
      drive(resumeFrom.next(), resumeFrom.output(), resumeFrom.step(), false);
    }
  }

  /**
   * The top-level branch, state by state; {@code waitDue}: {@code current} is a parked Wait now
   * due.
   */
  private void drive(String current, JsonNode data, long step, boolean waitDue) {
    JsonNode output;
    try {
      while (true) {
        top.checkStopped();
        State state = graph.state(current);
        top.setStep(step);
        StepResult result;
        if (state instanceof WaitState wait && wait.canPark()) {
          if (!waitDue) {
            Instant until = wait.begin(top, data);
            String parkedAt = current;
            JsonNode parkedData = data;
            long parkedStep = step;
            journal.close(); // a parked execution holds no file either
            services
                .clock()
                .schedule(
                    stop, until, executor, () -> resumeWait(parkedAt, parkedData, parkedStep));
            return;
          }
          result = wait.end(top, data);
        } else {
          result = state.run(top, data);
        }
        waitDue = false;
        step++;
        recordCheckpoint(
            "", new Checkpoint(result.next(), result.output(), step, top.variables().snapshot()));
        if (result.next() == null) {
          output = result.output();
          break;
        }
        current = result.next();
        data = result.output();
      }
    } catch (Throwable t) {
      settle(null, t);
      return;
    }
    settle(output, null);
  }

  private void resumeWait(String current, JsonNode data, long step) {
    timeOutIfDue(); // a timeout due at the same instant as the Wait wins, as it would for a blocked
    // thread
    drive(current, data, step, true);
  }

  /**
   * Execution timeout (TimeoutSeconds): stops the branch; {@link #settle} records
   * ExecutionTimedOut.
   */
  private void timeOutIfDue() {
    if (timeoutAt != null && !done.isDone() && !services.clock().now().isBefore(timeoutAt)) {
      timedOut = true;
      stop.complete(null);
    }
  }

  private void settle(JsonNode out, Throwable failure) {
    try {
      if (timedOut) {
        finish(
            top,
            ExecutionStatus.TIMED_OUT,
            null,
            "States.Timeout",
            "The execution timed out after " + graph.timeoutSeconds() + " seconds.");
      } else if (failure == null) {
        finish(top, ExecutionStatus.SUCCEEDED, top.outputText(out), null, null);
      } else if (failure instanceof StatesError se) {
        finish(top, ExecutionStatus.FAILED, null, se.error(), se.causeText());
      } else if (!(failure instanceof ExecutionStopped)) { // stopped: abort() recorded the end
        finish(
            top,
            ExecutionStatus.FAILED,
            null,
            "States.Runtime",
            "Internal error in the local engine: " + failure);
      }
    } finally {
      journal.close();
      settled.run();
    }
  }

  /** Closes the journal's file (engine shutdown); a later record would open it again. */
  public void closeJournal() {
    journal.close();
  }

  /**
   * The history quota is reached: as on AWS, the execution fails with {@code States.Runtime} (no
   * Catch sees it) and its ExecutionFailed is the last event the quota allows; the branches unwind.
   */
  void failOnHistoryLimit(int limit) {
    endAndUnwind(
        ExecutionStatus.FAILED,
        "States.Runtime",
        "The execution reached the maximum number of history events (" + limit + ").");
  }

  /**
   * StopExecution: records ExecutionAborted and unwinds the branches (a running task may finish).
   */
  public boolean abort(String abortError, String abortCause) {
    return endAndUnwind(ExecutionStatus.ABORTED, abortError, abortCause);
  }

  /**
   * Records the end event now, then signals every branch to unwind; false if it had already ended.
   */
  private synchronized boolean endAndUnwind(ExecutionStatus end, String err, String why) {
    if (status != ExecutionStatus.RUNNING) {
      return false;
    }
    finish(new ExecutionContext(this, "", List.of(stop)), end, null, err, why);
    stop.complete(null);
    return true;
  }

  private synchronized void finish(
      ExecutionContext top, ExecutionStatus end, String out, String err, String why) {
    if (status != ExecutionStatus.RUNNING) {
      return;
    }
    EventDetails.Ended ended = new EventDetails.Ended(end, out, err, why);
    top.event(ended.type(), ended.field(), ended);
    Instant now = services.clock().now();
    if (journal.keepsRecords()) {
      journal.append(ended.record(now));
    }
    restoreEnd(end, now, out, err, why);
  }

  /** Sets the final status (also used when replaying a journal). */
  public void restoreEnd(ExecutionStatus end, Instant when, String out, String err, String why) {
    this.output = out;
    this.error = err;
    this.cause = why;
    this.stopDate = when;
    this.status = end;
    done.complete(end);
  }
}
