package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.state.ExecutionStopped;
import dev.sqlup.local.asl.state.StateContext.BranchJob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Branch fan-out for Parallel and Map: runs a group of branches of one context, bounded, and stops
 * the group at the first failure or when an enclosing stop signal fires.
 */
final class BranchGroup {
  private BranchGroup() {}

  /**
   * Runs the branches concurrently (at most {@code maxConcurrency} at a time, 0 = all) and returns
   * their outputs in order. The first failure stops the others and is rethrown.
   */
  static List<JsonNode> run(ExecutionContext ctx, List<BranchJob> jobs, int maxConcurrency) {
    CompletableFuture<Void> groupStop = new CompletableFuture<>();
    List<CompletableFuture<?>> childStops = new ArrayList<>(ctx.stops());
    childStops.add(groupStop);
    List<CompletableFuture<JsonNode>> futures = new ArrayList<>();
    int limit = maxConcurrency <= 0 ? Integer.MAX_VALUE : maxConcurrency;
    StatesError failure = null;
    try {
      for (BranchJob job : jobs) {
        failure = awaitBelow(ctx, futures, limit);
        if (failure != null) {
          break;
        }
        futures.add(start(ctx, job, childStops));
      }
      if (failure == null) {
        failure = awaitBelow(ctx, futures, 1);
      }
    } finally {
      if (failure != null || ctx.stopped()) {
        groupStop.complete(null);
      }
      for (CompletableFuture<JsonNode> f : futures) {
        ctx.awaitIgnoringStop(f);
      }
    }
    if (failure != null) {
      throw failure;
    }
    ctx.checkStopped();
    List<JsonNode> outputs = new ArrayList<>();
    for (CompletableFuture<JsonNode> f : futures) {
      outputs.add(f.join());
    }
    return outputs;
  }

  /**
   * Waits until fewer than {@code limit} branches run, or one has failed (returned). The running
   * set is taken before the failure check, so a branch that ends between the two is either seen
   * failed or wakes the wait: the clock never sees this thread idle on a set that misses a finished
   * branch (parallel/branch-failure-fails-state once ran the clock to a sibling's Wait that way).
   */
  private static StatesError awaitBelow(
      ExecutionContext ctx, List<CompletableFuture<JsonNode>> futures, int limit) {
    while (true) {
      List<CompletableFuture<JsonNode>> running = new ArrayList<>();
      for (CompletableFuture<JsonNode> f : futures) {
        if (!f.isDone()) {
          running.add(f);
        }
      }
      StatesError failure = firstFailure(futures);
      if (failure != null || running.size() < limit) {
        return failure;
      }
      ctx.await(CompletableFuture.anyOf(running.toArray(CompletableFuture[]::new)), null);
    }
  }

  private static StatesError firstFailure(List<CompletableFuture<JsonNode>> futures) {
    for (CompletableFuture<JsonNode> f : futures) {
      if (f.isCompletedExceptionally()) {
        try {
          f.join();
        } catch (CompletionException e) {
          if (e.getCause() instanceof StatesError se) {
            return se;
          }
          if (e.getCause() instanceof ExecutionStopped) {
            continue;
          }
          return new StatesError("States.Runtime", "Internal error in a branch: " + e.getCause());
        }
      }
    }
    return null;
  }

  /** Starts one branch in a child context of {@code parent}, on a worker thread. */
  private static CompletableFuture<JsonNode> start(
      ExecutionContext parent, BranchJob job, List<CompletableFuture<?>> childStops) {
    ExecutionContext child = parent.child(job.key(), childStops);
    EventDetails.Iteration iteration =
        job.mapIndex() == null
            ? null
            : new EventDetails.Iteration(parent.stateName(), job.mapIndex());
    return parent.callAsync(
        () -> {
          if (iteration != null) {
            child.event("MapIterationStarted", "mapIterationStartedEventDetails", iteration);
          }
          try {
            JsonNode output = parent.run().runBranch(child, job.graph(), job.input());
            if (iteration != null) {
              child.event("MapIterationSucceeded", "mapIterationSucceededEventDetails", iteration);
            }
            return output;
          } catch (StatesError e) {
            if (iteration != null) {
              child.event("MapIterationFailed", "mapIterationFailedEventDetails", iteration);
            }
            throw e;
          } catch (ExecutionStopped e) {
            if (iteration != null) {
              child.event("MapIterationAborted", "mapIterationAbortedEventDetails", iteration);
            }
            throw e;
          }
        });
  }
}
