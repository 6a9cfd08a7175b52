package dev.sqlup.workflow;

import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.Estimator;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.MaintenanceWindow;
import dev.sqlup.domain.Speeds;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.workflow.plan.DatabasePlanner;
import dev.sqlup.workflow.plan.DatabaseProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Shared arithmetic of the window wait: the window itself, when to ship next, what the rest needs.
 */
final class WindowPlans {
  private WindowPlans() {}

  static MaintenanceWindow window(Instance instance) {
    return MaintenanceWindow.parse(instance.maintenanceWindow())
        .orElseThrow(
            () ->
                new UpgradeFailedException(
                    "NoMaintenanceWindow",
                    "switchTime MaintenanceWindow needs a maintenance window on instance "
                        + instance.instanceId()
                        + " (HH:MMZ-HH:MMZ), it has: "
                        + instance.maintenanceWindow()));
  }

  /** Seconds from {@code now} to the next ship or operation end (at least 1). */
  static long secondsToNextEvent(
      UpgradeState state, DatabasePlanner planner, OptionalLong runningSeconds, Instant now) {
    return Math.max(
        1, Duration.between(now, nextEvent(state, planner, runningSeconds, now)).toSeconds());
  }

  private static Instant nextEvent(
      UpgradeState state, DatabasePlanner planner, OptionalLong runningSeconds, Instant now) {
    Instant next = Instant.MAX;
    for (DatabaseProgress db : state.databases()) {
      Instant ship = planner.nextShipAt(db, now);
      if (ship.isBefore(next)) {
        next = ship;
      }
    }
    if (runningSeconds.isPresent()) {
      Instant end = now.plusSeconds(runningSeconds.getAsLong() + 1);
      if (end.isBefore(next)) {
        next = end;
      }
    }
    return next.isBefore(now) ? now : next;
  }

  /**
   * What the rest needs once the window opens: one more log round per database (backup and apply of
   * the unshipped log, each with the guide's 2-minute overhead; databases share the hosts), then
   * the guide's restore-databases and switch times.
   */
  static Duration needed(
      UpgradeTask task, UpgradeState state, DatabasePlanner planner, Instant now) {
    long bytes = state.databases().stream().mapToLong(db -> planner.unshippedBytes(db, now)).sum();
    return needed(task, state.databases().size(), bytes);
  }

  /**
   * The same for {@code databases} databases with {@code unshippedBytes} of log to ship (0: the
   * least).
   */
  static Duration needed(UpgradeTask task, int databases, long unshippedBytes) {
    Speeds speeds =
        task.estimate() != null
            ? task.estimate().speeds()
            : Speeds.guide(task.source().sqlEdition());
    double transferSeconds = unshippedBytes / 1e9 / speeds.logGbPerHour() * 3600;
    long rounds = databases;
    long catchUp = Math.round(2 * transferSeconds) + (rounds + 1) * Estimator.LOG_OVERHEAD_SECONDS;
    long switchSeconds =
        task.estimate() != null
            ? task.estimate().seconds(Estimate.RESTORE_DATABASES)
                + task.estimate().seconds(Estimate.SWITCH)
            : Estimator.RESTORE_DATABASES_SECONDS + Estimator.SWITCH_SECONDS;
    return Duration.ofSeconds(catchUp + switchSeconds);
  }
}
