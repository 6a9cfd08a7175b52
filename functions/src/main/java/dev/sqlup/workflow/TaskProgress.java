package dev.sqlup.workflow;

import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.TaskStep;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.workflow.plan.DatabasePlanner;
import dev.sqlup.workflow.plan.DatabaseProgress;
import dev.sqlup.workflow.plan.FullStage;
import dev.sqlup.workflow.plan.Goal;
import dev.sqlup.workflow.plan.SwitchStage;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the workflow writes progress into the task: status, current step, percent and remaining time.
 */
final class TaskProgress {
  private TaskProgress() {}

  /**
   * The task in {@code phase} (an estimator phase name) at {@code fraction} done, with {@code
   * steps}; percent and remaining time come from the task's estimate (the same figures the API
   * showed).
   */
  static UpgradeTask at(
      UpgradeTask task,
      TaskStatus status,
      String phase,
      double fraction,
      List<TaskStep> steps,
      Instant now) {
    Estimate estimate = task.estimate();
    int percent = task.progress();
    long remaining = task.remainingSeconds();
    if (estimate != null && Estimate.PHASES.contains(phase)) {
      percent = Math.max(task.progress(), Math.min(99, estimate.progress(phase, fraction)));
      remaining = estimate.remaining(phase, fraction);
      // A scheduled switch waits: the rest cannot end before the switch time plus the switch
      // itself.
      Instant at = task.cutover().switchAt();
      if (task.switchTime() == dev.sqlup.domain.SwitchTime.ScheduledTime
          && at != null
          && at.isAfter(now)
          && Estimate.PHASES.indexOf(phase) < Estimate.PHASES.indexOf(Estimate.RESTORE_DATABASES)) {
        remaining =
            Math.max(
                remaining,
                java.time.Duration.between(now, at).toSeconds()
                    + estimate.remaining(Estimate.LOG_APPLY, 1.0));
      }
    }
    return task.progressed(status, phase, percent, remaining, steps, now);
  }

  /**
   * A {@code MaintenanceWindow} task switches in the first occurrence of the window that opens
   * after the work before the switch is done (or is open then) and still has room for the switch
   * itself (restore databases and switch, from the estimate) — which may be a later one than the
   * next, when the next closes too soon. Its remaining time is at least the wait until that switch
   * starts plus the switch, so the time the task waits for the window is counted from the start,
   * and the figure does not drop when the wait begins. Tasks past the point of no return, or with
   * another switch time, are returned unchanged.
   */
  static UpgradeTask withWindowWait(
      UpgradeTask task, dev.sqlup.domain.MaintenanceWindow window, Instant now) {
    Estimate estimate = task.estimate();
    if (estimate == null
        || window == null
        || task.switchTime() != dev.sqlup.domain.SwitchTime.MaintenanceWindow
        || TaskSteps.startedAt(task.steps(), TaskSteps.POINT_OF_NO_RETURN).isPresent()) {
      return task;
    }
    long switchPart = estimate.remaining(Estimate.LOG_APPLY, 1.0);
    long before = Math.max(0, task.remainingSeconds() - switchPart);
    java.time.Duration needs = java.time.Duration.ofSeconds(switchPart);
    Instant ready = now.plusSeconds(before);
    Instant start = window.switchStart(ready, needs).orElse(null);
    if (start == null) {
      return task;
    }
    long remaining =
        Math.max(
            task.remainingSeconds(),
            java.time.Duration.between(now, start).toSeconds() + switchPart);
    return task.progressed(
        task.status(),
        task.currentStep(),
        task.progress(),
        remaining,
        task.steps(),
        task.updatedAt());
  }

  /**
   * While the task waits for its switch time: the remaining time is the wait until {@code at} plus
   * the switch itself (restore databases and switch, from the estimate); waiting for approval has
   * no known end, so only the switch is counted and the task says so in its step.
   */
  static UpgradeTask withWait(UpgradeTask task, Instant at, Instant now) {
    Estimate estimate = task.estimate();
    if (estimate == null) {
      return task;
    }
    long wait =
        at == null || !at.isAfter(now) ? 0 : java.time.Duration.between(now, at).toSeconds();
    long remaining = wait + estimate.remaining(Estimate.LOG_APPLY, 1.0);
    return task.progressed(
        task.status(),
        task.currentStep(),
        task.progress(),
        remaining,
        task.steps(),
        task.updatedAt());
  }

  /**
   * Steps of the copy and catch-up phases from the databases' progress: a step starts when its
   * first operation starts and ends when every database is past it. {@code caughtUp} closes the log
   * steps.
   */
  static List<TaskStep> replicationSteps(
      List<TaskStep> steps, List<DatabaseProgress> dbs, Instant now, boolean caughtUp) {
    List<TaskStep> out = steps;
    boolean allReused = dbs.stream().allMatch(DatabaseProgress::reusedFullBackup);
    if (!TaskSteps.isFinished(out, Estimate.FULL_BACKUP)) {
      if (allReused) {
        out =
            TaskSteps.finished(
                out,
                Estimate.FULL_BACKUP,
                StepStatus.Skipped,
                now,
                "full backups within 36 h reused: " + backups(dbs));
      } else if (dbs.stream().allMatch(d -> d.full().compareTo(FullStage.RESTORE_PENDING) >= 0)) {
        out =
            TaskSteps.finished(
                out,
                Estimate.FULL_BACKUP,
                StepStatus.Succeeded,
                now,
                "full backups: " + backups(dbs));
      } else if (dbs.stream().anyMatch(d -> d.full() != FullStage.BACKUP_PENDING)) {
        out =
            TaskSteps.started(
                out, Estimate.FULL_BACKUP, now, "backing up " + dbs.size() + " database(s)");
      }
    }
    if (!TaskSteps.isFinished(out, Estimate.RESTORE_FULL)) {
      if (dbs.stream().allMatch(d -> d.full() == FullStage.RESTORED)) {
        out =
            TaskSteps.finished(
                out,
                Estimate.RESTORE_FULL,
                StepStatus.Succeeded,
                now,
                dbs.size() + " database(s) restored WITH NORECOVERY");
      } else if (dbs.stream().anyMatch(d -> d.full().compareTo(FullStage.RESTORING) >= 0)) {
        out = TaskSteps.started(out, Estimate.RESTORE_FULL, now, "restoring WITH NORECOVERY");
      }
    }
    if (dbs.stream().anyMatch(d -> d.logStarted() > 0)) {
      out = TaskSteps.started(out, Estimate.LOG_BACKUP, now, null);
    }
    if (dbs.stream().anyMatch(d -> d.applying() || d.logApplied() > 0)) {
      out = TaskSteps.started(out, Estimate.LOG_APPLY, now, null);
    }
    if (caughtUp) {
      String rounds =
          dbs.stream()
              .map(
                  d ->
                      d.name()
                          + ": "
                          + d.logBackedUp()
                          + " round(s), last "
                          + d.lastLogBytes()
                          + " bytes")
              .collect(Collectors.joining("; "));
      out = TaskSteps.finished(out, Estimate.LOG_BACKUP, StepStatus.Succeeded, now, rounds);
      out = TaskSteps.finished(out, Estimate.LOG_APPLY, StepStatus.Succeeded, now, rounds);
    }
    if (dbs.stream().anyMatch(d -> d.switchStage().compareTo(SwitchStage.RECOVERING) >= 0)) {
      boolean merged = dbs.stream().anyMatch(d -> d.switchStage() == SwitchStage.TAIL_RECOVERING);
      out =
          TaskSteps.started(
              out,
              Estimate.RESTORE_DATABASES,
              now,
              merged
                  ? "tail restored and recovered in one RESTORE LOG ... WITH RECOVERY"
                  : "RESTORE WITH RECOVERY");
    }
    return out;
  }

  /** Share of the databases past {@code goal}, counting running ones by their percent. */
  static double fraction(
      List<DatabaseProgress> dbs, DatabasePlanner planner, Goal goal, Instant now) {
    if (dbs.isEmpty()) {
      return 0;
    }
    return dbs.stream().filter(d -> planner.reached(d, goal, now)).count() / (double) dbs.size();
  }

  private static String backups(List<DatabaseProgress> dbs) {
    return dbs.stream()
        .map(
            d ->
                d.name()
                    + "="
                    + (d.fullBackup() == null
                        ? "?"
                        : d.fullBackup().backupId()
                            + (d.reusedFullBackup()
                                ? " (reused, finished "
                                    + Messages.instant(d.fullBackup().finishedAt())
                                    + ")"
                                : "")))
        .collect(Collectors.joining(", "));
  }
}
