package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.model.ExecutionInfo;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The engine as a Distributed Map sees it: Map Runs and their child executions (developer guide
 * "Using Map state in Distributed mode"). Child executions are ordinary executions of the Map's
 * ItemProcessor, named {@code <machine>/<label>:<uuid>}, listed by ListExecutions with the Map Run
 * ARN. Every change is recorded, so that a durable engine restarted mid-run resumes the same Map
 * Run: same ARN and counts, finished children not run again, running children resumed.
 */
public interface MapRuns {
  /** Where a Map state runs: its execution, branch and name, and its settings. */
  record Request(
      String executionArn,
      String branch,
      String stateName,
      String label,
      boolean express,
      int maxConcurrency,
      Double toleratedPercentage,
      Long toleratedCount,
      int items,
      int batches) {}

  /**
   * The Map Run of this Map state: the one a resumed execution had started here (then {@link
   * MapRun#resumed()}), else a new one.
   */
  MapRun start(Request request);

  /**
   * The child execution of input {@code index}: the one already started for it (resumed after a
   * restart), else a new one; {@code definition} is the ItemProcessor as a machine.
   */
  ExecutionInfo startChild(
      MapRun run, int index, int itemCount, String definition, StateGraph processor, String input);

  /** Records that the child of input {@code index} ended, with its contribution to the result. */
  void childEnded(MapRun run, int index, int itemCount, ExecutionInfo done, JsonNode result);

  /** Records the end of the Map Run: SUCCEEDED, FAILED or ABORTED. */
  void finish(MapRun run, String status, Instant when);

  /** Completes with the child's final description when it ends. */
  CompletableFuture<ExecutionInfo> completion(String executionArn);

  /** Stops a child (the parent was stopped or the Map Run failed). */
  void stop(String executionArn, String error, String cause);
}
