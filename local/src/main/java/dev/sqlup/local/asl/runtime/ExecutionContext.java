package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.model.TaskContext;
import dev.sqlup.local.asl.state.ExecutionStopped;
import dev.sqlup.local.asl.state.JsonText;
import dev.sqlup.local.asl.state.MapRuns;
import dev.sqlup.local.asl.state.State;
import dev.sqlup.local.asl.state.StateContext;
import dev.sqlup.local.asl.state.Variables;
import dev.sqlup.local.asl.task.TaskServices;
import dev.sqlup.local.asl.task.TaskTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The runtime's {@link StateContext}, for one branch of one execution: the context object ({@code
 * $$}), the clock, history recording (with previousEventId chained within the branch), and branch
 * fan-out for Parallel and Map. Every wait checks the stop signals of the execution and of
 * enclosing branch groups.
 */
public final class ExecutionContext implements StateContext {
  private final ExecutionRun run;
  private final String branchPath;
  private final List<CompletableFuture<?>> stops;
  private final Variables variables;
  private long lastEventId;
  private long step;
  private String stateName;
  private Instant enteredTime;
  private long enteredEventId;
  private int retryCount;
  private String taskToken;
  // The last StateExited output and its text: the next state's input is usually that very node.
  private JsonNode lastOutput;
  private String lastOutputText;

  ExecutionContext(ExecutionRun run, String branchPath, List<CompletableFuture<?>> stops) {
    this(run, branchPath, stops, new Variables(null));
  }

  private ExecutionContext(
      ExecutionRun run, String branchPath, List<CompletableFuture<?>> stops, Variables variables) {
    this.run = run;
    this.branchPath = branchPath;
    this.stops = stops;
    this.variables = variables;
    this.lastEventId = run.history().lastId();
  }

  /** The workflow variables of this branch (its own scope over the enclosing ones). */
  public Variables variables() {
    return variables;
  }

  public String branchPath() {
    return branchPath;
  }

  void setStep(long step) {
    this.step = step;
  }

  // ---- history

  /** Records an event; at the history quota the execution fails instead and this branch unwinds. */
  public void event(String type, String detailsField, ObjectNode details) {
    try {
      lastEventId = run.history().add(now(), type, detailsField, details, lastEventId);
    } catch (HistoryLimitReached e) {
      throw historyLimitReached(e);
    }
  }

  /** As above, with the details held compactly until the history is read. */
  void event(String type, String detailsField, Supplier<ObjectNode> details) {
    try {
      lastEventId = run.history().add(now(), type, detailsField, details, lastEventId);
    } catch (HistoryLimitReached e) {
      throw historyLimitReached(e);
    }
  }

  private void stateEvent(String type, String detailsField, String stateName, String text) {
    try {
      lastEventId =
          run.history().addStateEvent(now(), type, detailsField, stateName, text, lastEventId);
    } catch (HistoryLimitReached e) {
      throw historyLimitReached(e);
    }
  }

  private ExecutionStopped historyLimitReached(HistoryLimitReached e) {
    run.failOnHistoryLimit(e.limit());
    return new ExecutionStopped();
  }

  public void enterState(State state, JsonNode input) {
    stateName = state.name();
    enteredTime = now();
    retryCount = 0;
    taskToken = null;
    String inputText = input == lastOutput ? lastOutputText : JsonText.of(input);
    lastOutput = null;
    lastOutputText = null;
    stateEvent(
        EventDetails.entered(state.type()), "stateEnteredEventDetails", state.name(), inputText);
    enteredEventId = lastEventId;
  }

  public void exitState(State state, JsonNode output) {
    exitState(state, output, output.toString());
  }

  /** As {@link #exitState(State, JsonNode)} with the output already serialised. */
  public void exitState(State state, JsonNode output, String outputText) {
    exitState(state, output, outputText, null);
  }

  /**
   * As above, with the variables the state assigned: the API reference's StateExitedEventDetails
   * carries them as {@code assignedVariables} (name to JSON text) with {@code
   * assignedVariablesDetails}.
   */
  public void exitState(
      State state, JsonNode output, String outputText, java.util.Map<String, JsonNode> assigned) {
    lastOutput = output;
    lastOutputText = outputText;
    if (assigned == null || assigned.isEmpty()) {
      stateEvent(
          EventDetails.exited(state.type()), "stateExitedEventDetails", state.name(), outputText);
      return;
    }
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("name", state.name());
    details.put("output", outputText);
    details.putObject("outputDetails").put("truncated", false);
    ObjectNode variables = details.putObject("assignedVariables");
    assigned.forEach((name, value) -> variables.put(name, value.toString()));
    details.putObject("assignedVariablesDetails").put("truncated", false);
    event(EventDetails.exited(state.type()), "stateExitedEventDetails", details);
  }

  /** The JSON text of {@code output}, not written again when it is the last state's output. */
  String outputText(JsonNode output) {
    return output == lastOutput ? lastOutputText : JsonText.of(output);
  }

  // ---- context object

  public ObjectNode contextObject() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode context = f.objectNode();
    ObjectNode execution = context.putObject("Execution");
    execution.put("Id", run.arn());
    execution.set("Input", run.input());
    execution.put("Name", run.name());
    execution.put("RoleArn", run.roleArn());
    execution.put("StartTime", Timestamps.format(run.startTime()));
    execution.put("RedriveCount", 0);
    ObjectNode state = context.putObject("State");
    state.put("EnteredTime", enteredTime == null ? null : Timestamps.format(enteredTime));
    state.put("Name", stateName);
    state.put("RetryCount", retryCount);
    ObjectNode machine = context.putObject("StateMachine");
    machine.put("Id", run.machineArn());
    machine.put("Name", run.machineName());
    if (taskToken != null) {
      context.putObject("Task").put("Token", taskToken);
    }
    return context;
  }

  /** The context object as ItemSelector sees it, with {@code Map.Item.Index} and {@code Value}. */
  public ObjectNode contextWithMapItem(int index, JsonNode value) {
    ObjectNode context = contextObject();
    ObjectNode item = context.putObject("Map").putObject("Item");
    item.put("Index", index);
    item.set("Value", value);
    return context;
  }

  public void setRetryCount(int retryCount) {
    this.retryCount = retryCount;
  }

  public void setTaskToken(String token) {
    this.taskToken = token;
  }

  public String taskToken() {
    return taskToken;
  }

  public String newTaskToken() {
    return UUID.randomUUID().toString().replace("-", "")
        + UUID.randomUUID().toString().replace("-", "");
  }

  // ---- time

  public Instant now() {
    return run.services().clock().now();
  }

  public Instant enteredTime() {
    return enteredTime;
  }

  public long enteredEventId() {
    return enteredEventId;
  }

  public RandomGenerator random() {
    return run.services().random();
  }

  public void sleep(Duration duration) {
    sleepUntil(now().plus(duration));
  }

  public void sleepUntil(Instant until) {
    await(new CompletableFuture<>(), until);
  }

  /**
   * Like {@link #sleepUntil} for a Wait state: the deadline survives a restart of a durable engine.
   */
  public void waitUntil(Instant until) {
    sleepUntil(durableWaitDeadline(until));
  }

  /**
   * The deadline of a Wait at the current step: journaled the first time, the journaled one after.
   */
  public Instant durableWaitDeadline(Instant until) {
    return run.durableDeadline(branchPath + "#" + step, until);
  }

  /**
   * Waits for {@code event} or {@code deadline}; true when the event completed. A stop signal
   * (execution stopped, sibling branch failed) unwinds with {@link ExecutionStopped}.
   */
  public boolean await(CompletableFuture<?> event, Instant deadline) {
    return await(event, deadline, false);
  }

  @Override
  public boolean awaitCallback(CompletableFuture<?> event, Instant deadline) {
    return await(event, deadline, true);
  }

  private boolean await(CompletableFuture<?> event, Instant deadline, boolean callback) {
    List<CompletableFuture<?>> any = new ArrayList<>(stops);
    any.add(event);
    CompletableFuture<?> either = CompletableFuture.anyOf(any.toArray(CompletableFuture[]::new));
    try {
      if (callback) {
        run.services().clock().awaitCallback(either, deadline);
      } else {
        run.services().clock().awaitUntil(either, deadline);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExecutionStopped();
    }
    if (event.isDone()) {
      return true;
    }
    checkStopped();
    return false;
  }

  public void checkStopped() {
    for (CompletableFuture<?> stop : stops) {
      if (stop.isDone()) {
        throw new ExecutionStopped();
      }
    }
  }

  // ---- tasks

  public TaskServices services() {
    return run.services().tasks();
  }

  public TaskTokens tokens() {
    return run.services().tokens();
  }

  public String executionArn() {
    return run.arn();
  }

  /** Map Runs and their child executions (Distributed Map). */
  public MapRuns mapRuns() {
    return run.services().mapRuns();
  }

  public String region() {
    return run.services().region();
  }

  /** Runs {@code call} on a worker thread; the clock counts it busy until it returns. */
  public <T> CompletableFuture<T> callAsync(Supplier<T> call) {
    CompletableFuture<T> future = new CompletableFuture<>();
    EngineClock clock = run.services().clock();
    clock.enter();
    run.services()
        .workers()
        .execute(
            () -> {
              try {
                future.complete(call.get());
              } catch (Throwable t) {
                future.completeExceptionally(t);
              } finally {
                clock.leave();
              }
            });
    return future;
  }

  public TaskContext taskContext() {
    return new BranchTaskContext(run, stateName, taskToken);
  }

  // ---- branches

  /**
   * Runs the branches concurrently (at most {@code maxConcurrency} at a time, 0 = all) and returns
   * their outputs in order. The first failure stops the others and is rethrown.
   */
  public List<JsonNode> runBranches(List<BranchJob> jobs, int maxConcurrency) {
    return BranchGroup.run(this, jobs, maxConcurrency);
  }

  List<CompletableFuture<?>> stops() {
    return stops;
  }

  boolean stopped() {
    return stops.stream().anyMatch(CompletableFuture::isDone);
  }

  void awaitIgnoringStop(CompletableFuture<?> f) {
    try {
      run.services().clock().awaitUntil(f, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A context for one branch of the state running in this one (Parallel branch, Map item). */
  ExecutionContext child(String key, List<CompletableFuture<?>> childStops) {
    String childPath = branchPath + "/" + step + ":" + key;
    ExecutionContext child = new ExecutionContext(run, childPath, childStops, variables.child());
    child.lastEventId = lastEventId;
    return child;
  }

  ExecutionRun run() {
    return run;
  }

  String stateName() {
    return stateName;
  }
}
