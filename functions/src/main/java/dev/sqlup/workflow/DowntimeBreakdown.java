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

  /**
   * The switchover with the endpoint move overlapped ({@link SwitchOpening}): writes stop → tails
   * backed up (restoreDatabases starts) → tails restored WITH RECOVERY, RESTRICTED_USER, LSNs
   * checked (restoreDatabases ends), while the endpoint move ran from its own start until it
   * resolved for every client → the wait for the endpoint past the restore, if any → hand-over →
   * databases opened (openDatabases). The terms on the critical path add up to the downtime; the
   * endpoint's own duration is shown in parallel ({@code ||}).
   */
  static String overlapped(
      List<TaskStep> steps, Instant writesStop, Instant resolved, Instant opened) {
    Optional<TaskStep> recovery = TaskSteps.find(steps, Estimate.RESTORE_DATABASES);
    Optional<Instant> recoveryStart = recovery.map(TaskStep::startedAt);
    Optional<Instant> recoveryEnd = recovery.map(TaskStep::endedAt);
    Optional<Instant> moveStart = TaskSteps.startedAt(steps, TaskSteps.ENDPOINT_MOVE);
    Optional<Instant> openStart = TaskSteps.startedAt(steps, TaskSteps.OPEN_DATABASES);
    if (recoveryStart.isEmpty()
        || recoveryEnd.isEmpty()
        || moveStart.isEmpty()
        || openStart.isEmpty()) {
      return "breakdown unknown";
    }
    Instant ready = resolved.isAfter(recoveryEnd.get()) ? resolved : recoveryEnd.get();
    return "tail-log backup "
        + seconds(writesStop, recoveryStart.get())
        + " s, tail restore WITH RECOVERY, RESTRICTED_USER and LSN check "
        + seconds(recoveryStart.get(), recoveryEnd.get())
        + " s || endpoint switch "
        + seconds(moveStart.get(), resolved)
        + " s (from "
        + seconds(writesStop, moveStart.get())
        + " s after writes stopped), endpoint after the restore "
        + seconds(recoveryEnd.get(), ready)
        + " s, hand-over "
        + seconds(ready, openStart.get())
        + " s, open (SET MULTI_USER) "
        + seconds(openStart.get(), opened)
        + " s";
  }

  private static long seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toSeconds());
  }
}
