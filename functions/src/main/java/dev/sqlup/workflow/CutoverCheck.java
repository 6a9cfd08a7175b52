package dev.sqlup.workflow;

import dev.sqlup.dataplane.OpenTransaction;
import dev.sqlup.domain.DowntimeEstimate;
import dev.sqlup.domain.Speeds;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.workflow.plan.DatabasePlanner;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The figures the cutover guards look at, from the payload, the task and the data plane. */
final class CutoverCheck {
  /**
   * From the endpoint move's start until the endpoint resolves to the target: the record's TTL, lowered
   * ahead of the switch (MoveEndpoint), plus the change's propagation (INSYNC).
   */
  static final long ENDPOINT_SECONDS = 60;

  private CutoverCheck() {}

  static double logGbPerHour(UpgradeTask task) {
    Speeds speeds = task.estimate() != null ? task.estimate().speeds() : Speeds.guide(task.source().sqlEdition());
    return speeds.logGbPerHour();
  }

  /** The downtime with empty tails: the fixed costs only. */
  static long fixedDowntimeSeconds(UpgradeTask task) {
    return DowntimeEstimate.of(List.of(0L), logGbPerHour(task), task.acceleratedDatabaseRecovery(), ENDPOINT_SECONDS)
        .totalSeconds();
  }

  static List<Long> tailBytes(UpgradeState state, DatabasePlanner planner, Instant now) {
    return state.databases().stream().map(db -> planner.unshippedBytes(db, now)).toList();
  }

  static DowntimeEstimate downtime(UpgradeTask task, UpgradeState state, DatabasePlanner planner, Instant now) {
    return DowntimeEstimate.of(tailBytes(state, planner, now), logGbPerHour(task), task.acceleratedDatabaseRecovery(),
        ENDPOINT_SECONDS);
  }

  static String where(Optional<OpenTransaction> tx) {
    return tx.map(t -> "database " + t.database() + " (session " + t.session() + ", began "
        + Messages.instant(t.startedAt()) + ")").orElse("-");
  }
}
