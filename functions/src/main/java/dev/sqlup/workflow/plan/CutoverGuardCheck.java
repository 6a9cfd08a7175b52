package dev.sqlup.workflow.plan;

import dev.sqlup.domain.CutoverGuards;
import dev.sqlup.domain.DowntimeEstimate;
import dev.sqlup.domain.GuardHold;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The cutover guards, checked just before the point of no return: the first one that fails holds
 * the switch (open transactions first: no amount of shipping ends them; then the log lag; then the
 * estimated downtime). The maintenance window's own check ({@link WindowFit}) comes before these.
 */
public final class CutoverGuardCheck {
  private CutoverGuardCheck() {}

  /**
   * @param lagBytes log on the source not yet shipped to the target (all databases)
   * @param oldestOpenTransaction when the oldest open transaction began, and where ("db (session
   *     n)")
   * @param downtime the downtime a switch now would cause
   */
  public static Optional<GuardHold> firstHolding(
      CutoverGuards guards,
      long lagBytes,
      Optional<Instant> oldestOpenTransaction,
      String openTransactionWhere,
      DowntimeEstimate downtime,
      Instant now) {
    CutoverGuards g = guards.withDefaults();
    if (oldestOpenTransaction.isPresent()) {
      long minutes = Duration.between(oldestOpenTransaction.get(), now).toMinutes();
      if (minutes > g.maxOpenTransactionMinutes()) {
        return Optional.of(
            new GuardHold(
                GuardHold.OPEN_TRANSACTION,
                "a transaction has been open for "
                    + minutes
                    + " min in "
                    + openTransactionWhere
                    + " (limit "
                    + g.maxOpenTransactionMinutes()
                    + " min): the switch would cut it off and its log would make the tail and the recovery long",
                minutes,
                g.maxOpenTransactionMinutes(),
                "min",
                now,
                null));
      }
    }
    long lagMb = lagBytes / 1_000_000;
    if (lagMb > g.maxLogLagMb()) {
      return Optional.of(
          new GuardHold(
              GuardHold.LOG_LAG,
              "log lag "
                  + lagMb
                  + " MB above the limit of "
                  + g.maxLogLagMb()
                  + " MB: shipping another log round first",
              lagMb,
              g.maxLogLagMb(),
              "MB",
              now,
              null));
    }
    if (downtime.totalSeconds() > g.maxDowntimeSeconds()) {
      return Optional.of(
          new GuardHold(
              GuardHold.DOWNTIME,
              String.format(
                  Locale.ROOT,
                  "estimated downtime %d s "
                      + "(tail-log backup %d s, tail restore %d s, recovery %d s, endpoint %d s) above maxDowntimeSeconds %d: "
                      + "shipping another log round first",
                  downtime.totalSeconds(),
                  downtime.tailBackupSeconds(),
                  downtime.tailRestoreSeconds(),
                  downtime.recoverySeconds(),
                  downtime.endpointSeconds(),
                  g.maxDowntimeSeconds()),
              downtime.totalSeconds(),
              g.maxDowntimeSeconds(),
              "s",
              now,
              null));
    }
    return Optional.empty();
  }

  /**
   * The log lag a holding lag or downtime guard asks the catch-up to get below: the lag limit, or
   * the bytes the tails may carry within the downtime limit (at least 1 MB).
   */
  public static long lagTargetBytes(
      CutoverGuards guards, String holding, long fixedDowntimeSeconds, double logGbPerHour) {
    CutoverGuards g = guards.withDefaults();
    if (GuardHold.DOWNTIME.equals(holding)) {
      long spare = Math.max(0, g.maxDowntimeSeconds() - fixedDowntimeSeconds);
      // The tail is moved twice (backup, then restore) at the log speed.
      return Math.max(1_000_000, (long) (spare / 2.0 / 3600 * logGbPerHour * 1e9));
    }
    return Math.max(1_000_000, g.maxLogLagMb() * 1_000_000);
  }
}
