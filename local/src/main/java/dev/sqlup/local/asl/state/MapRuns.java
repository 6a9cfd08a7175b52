package dev.sqlup.local.asl.state;

import dev.sqlup.local.asl.model.ExecutionInfo;
import java.util.concurrent.CompletableFuture;

/**
 * The engine as a Distributed Map sees it: Map Runs and their child executions (developer guide
 * "Using Map state in Distributed mode"). Child executions are ordinary executions of the Map's
 * ItemProcessor, named {@code <machine>/<label>:<uuid>}, listed by ListExecutions with the Map Run
 * ARN.
 */
public interface MapRuns {
  /** Registers a new Map Run of the execution's Map state (label = Label or the state's name). */
  MapRun start(
      String executionArn,
      String label,
      int maxConcurrency,
      Double toleratedPercentage,
      Long toleratedCount,
      int items,
      int batches);

  /**
   * Starts one child execution of the Map Run; {@code definition} is the ItemProcessor as a
   * machine.
   */
  ExecutionInfo startChild(MapRun run, String definition, StateGraph processor, String input);

  /** Completes with the child's final description when it ends. */
  CompletableFuture<ExecutionInfo> completion(String executionArn);

  /** Stops a child (the parent was stopped or the Map Run failed). */
  void stop(String executionArn, String error, String cause);
}
