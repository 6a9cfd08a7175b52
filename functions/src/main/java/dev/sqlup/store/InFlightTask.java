package dev.sqlup.store;

import dev.sqlup.domain.TaskStatus;
import java.time.Instant;

/**
 * What the tasks table's {@code inFlight} index holds of a task in flight: enough for the sweeper
 * to count it, tell whether it is over its estimate, and decide whether to read it whole.
 *
 * @param overEstimateAt from when it is over its estimate (null: not while it waits, or no
 *     estimate); see {@link dev.sqlup.domain.EstimateOverrun}
 */
public record InFlightTask(String taskId, TaskStatus status, Instant overEstimateAt) {
  public boolean isOverEstimate(Instant now) {
    return overEstimateAt != null && now.isAfter(overEstimateAt);
  }
}
