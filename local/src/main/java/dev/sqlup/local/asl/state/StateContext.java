package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.model.TaskContext;
import dev.sqlup.local.asl.task.TaskServices;
import dev.sqlup.local.asl.task.TaskTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What a state sees of its execution while it runs, for one branch: the context object ({@code
 * $$}), the clock, history recording and branch fan-out for Parallel and Map. The execution loop
 * (runtime) implements it and calls the states; the states call only this, never back into the
 * loop.
 */
public interface StateContext {
  /** One branch to run: a Parallel branch or a Map iteration ({@code mapIndex} non-null). */
  record BranchJob(StateGraph graph, JsonNode input, String key, Integer mapIndex) {}

  /** The workflow variables of this branch (its own scope over the enclosing ones). */
  Variables variables();

  String branchPath();

  /** Records an event; at the history quota the execution fails instead and this branch unwinds. */
  void event(String type, String detailsField, ObjectNode details);

  void enterState(State state, JsonNode input);

  void exitState(State state, JsonNode output);

  /** As {@link #exitState(State, JsonNode)} with the output already serialised. */
  void exitState(State state, JsonNode output, String outputText);

  /**
   * As above, with the variables the state assigned: the API reference's StateExitedEventDetails
   * carries them as {@code assignedVariables} (name to JSON text) with {@code
   * assignedVariablesDetails}.
   */
  void exitState(
      State state, JsonNode output, String outputText, java.util.Map<String, JsonNode> assigned);

  ObjectNode contextObject();

  /** The context object as ItemSelector sees it, with {@code Map.Item.Index} and {@code Value}. */
  ObjectNode contextWithMapItem(int index, JsonNode value);

  void setRetryCount(int retryCount);

  void setTaskToken(String token);

  String taskToken();

  String newTaskToken();

  Instant now();

  Instant enteredTime();

  /** The id of the current state's StateEntered event (AWS's States.Runtime causes cite it). */
  long enteredEventId();

  RandomGenerator random();

  void sleep(Duration duration);

  void sleepUntil(Instant until);

  /**
   * Like {@link #sleepUntil} for a Wait state: the deadline survives a restart of a durable engine.
   */
  void waitUntil(Instant until);

  /**
   * The deadline of a Wait at the current step: journaled the first time, the journaled one after.
   */
  Instant durableWaitDeadline(Instant until);

  /**
   * Waits for {@code event} or {@code deadline}; true when the event completed. A stop signal
   * (execution stopped, sibling branch failed) unwinds with {@link ExecutionStopped}.
   */
  boolean await(CompletableFuture<?> event, Instant deadline);

  /**
   * As {@link #await} for a callback (task token) answered from outside the engine; {@code
   * deadline} is its timeout or heartbeat (see {@code EngineClock.awaitCallback}).
   */
  default boolean awaitCallback(CompletableFuture<?> event, Instant deadline) {
    return await(event, deadline);
  }

  void checkStopped();

  TaskServices services();

  TaskTokens tokens();

  String executionArn();

  /** Map Runs and their child executions (Distributed Map). */
  MapRuns mapRuns();

  String region();

  /** Runs {@code call} on a worker thread; the clock counts it busy until it returns. */
  <T> CompletableFuture<T> callAsync(Supplier<T> call);

  TaskContext taskContext();

  /**
   * Runs the branches concurrently (at most {@code maxConcurrency} at a time, 0 = all) and returns
   * their outputs in order. The first failure stops the others and is rethrown.
   */
  List<JsonNode> runBranches(List<BranchJob> jobs, int maxConcurrency);
}
