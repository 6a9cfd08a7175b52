package dev.sqlup.workflow;

import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.TaskStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the downtime went, from the task's steps: writes stop (pointOfNoReturn) → tails backed up
 * and restored (restoreDatabases starts) → recovered and LSNs checked (restoreDatabases ends) →
 * endpoint move starts → endpoint resolves to the target.
 */
final class DowntimeBreakdown {
  private DowntimeBreakdown() {}

  static String of(List<TaskStep> steps, Instant writesStop, Instant resolved) {
    Optional<TaskStep> recovery = TaskSteps.find(steps, Estimate.RESTORE_DATABASES);
    Optional<Instant> recoveryStart = recovery.map(TaskStep::startedAt);
    Optional<Instant> recoveryEnd = recovery.map(TaskStep::endedAt);
    Optional<Instant> moveStart = TaskSteps.startedAt(steps, TaskSteps.ENDPOINT_MOVE);
    if (recoveryStart.isEmpty() || recoveryEnd.isEmpty() || moveStart.isEmpty()) {
      return "breakdown unknown";
    }
    return "tail-log backup and restore "
        + seconds(writesStop, recoveryStart.get())
        + " s, recovery and LSN check "
        + seconds(recoveryStart.get(), recoveryEnd.get())
        + " s, hand-over "
        + seconds(recoveryEnd.get(), moveStart.get())
        + " s, endpoint switch "
        + seconds(moveStart.get(), resolved)
        + " s";
  }

  private static long seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toSeconds());
  }
}
