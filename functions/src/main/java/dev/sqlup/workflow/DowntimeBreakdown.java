package dev.sqlup.workflow;

import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.TaskStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the downtime went, from the task's steps: writes stop (pointOfNoReturn) → tails backed up
 * (restoreDatabases starts with the first tail restore WITH RECOVERY) → tails restored and
 * recovered, LSNs checked (restoreDatabases ends) → endpoint move starts → endpoint resolves to the
 * target. (An execution started before the one-statement tail restore counted its restore WITH
 * NORECOVERY in the first figure.)
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
    return "tail-log backup "
        + seconds(writesStop, recoveryStart.get())
        + " s, tail restore WITH RECOVERY and LSN check "
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
