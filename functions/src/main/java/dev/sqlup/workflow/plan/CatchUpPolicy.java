package dev.sqlup.workflow.plan;

import java.time.Duration;

/**
 * When the log lag is "small" and how often to ship while waiting for the switch window.
 *
 * <p>A database is caught up when its last log round was at most {@code smallLagBytes} and the log
 * generated since that round started is estimated below the same bound: the tail-log backup then
 * moves little more than that, which keeps the downtime short. {@code maxRounds} stops a database
 * whose log grows about as fast as it can be shipped: that many consecutive rounds each found a
 * large lag (the upgrade then fails before the point of no return). Rounds that follow a small one,
 * or are shipped while waiting for the switch window, start the count again: waiting is not a
 * failure to converge.
 *
 * <p>A failed log backup or log restore before the point of no return is retried by the next round
 * instead of failing the upgrade (SQL Server log shipping works this way): a failed {@code BACKUP
 * LOG} records no backup set, so the next log backup covers the range from the last good one and
 * the chain is unbroken; a failed {@code RESTORE LOG ... WITH NORECOVERY} leaves the target
 * RESTORING at the last LSN it applied, so applying the same backup again is safe. {@code
 * maxLogFailuresInRow} bounds that.
 *
 * @param smallLagBytes lag below which the tail-log backup may run
 * @param maxRounds most consecutive log rounds with a large lag per database before giving up
 * @param minShipInterval shortest interval between rounds while waiting for the window
 * @param maxShipInterval longest interval between rounds while waiting for the window
 * @param maxLogFailuresInRow the failed log operations (backups and restores) in a row of one
 *     database that fail the upgrade; a successful one starts the count again
 */
public record CatchUpPolicy(
    long smallLagBytes,
    int maxRounds,
    Duration minShipInterval,
    Duration maxShipInterval,
    int maxLogFailuresInRow) {
  /**
   * Three: independent faults (a lost connection to the backup share, a killed job, a fault drawn
   * at 1 % per operation) almost never strike one database three times in a row, while a lasting
   * cause (backup share gone, log or target disk full, permissions changed) fails every attempt,
   * and more attempts would only hold the target and the upgrade lock longer before the same clean
   * failure.
   */
  public static final int DEFAULT_MAX_LOG_FAILURES_IN_ROW = 3;

  public static final CatchUpPolicy DEFAULT =
      new CatchUpPolicy(2_000_000_000L, 24, Duration.ofMinutes(15), Duration.ofHours(6));

  /**
   * A policy with the default bound on failed log operations ({@link
   * #DEFAULT_MAX_LOG_FAILURES_IN_ROW}).
   */
  public CatchUpPolicy(
      long smallLagBytes, int maxRounds, Duration minShipInterval, Duration maxShipInterval) {
    this(
        smallLagBytes,
        maxRounds,
        minShipInterval,
        maxShipInterval,
        DEFAULT_MAX_LOG_FAILURES_IN_ROW);
  }

  public CatchUpPolicy {
    if (smallLagBytes <= 0 || maxRounds < 1) {
      throw new IllegalArgumentException("smallLagBytes must be > 0 and maxRounds >= 1");
    }
    if (maxLogFailuresInRow < 1) {
      throw new IllegalArgumentException(
          "maxLogFailuresInRow must be >= 1 (1: the first failed log operation fails the upgrade)");
    }
    if (minShipInterval.compareTo(maxShipInterval) > 0) {
      throw new IllegalArgumentException("minShipInterval must not exceed maxShipInterval");
    }
  }

  /**
   * The smallest log round {@code database} can reach: with every database shipping continuously,
   * one round of all of them takes {@code T = overhead + bytes / speed} on the host's backup (and
   * restore) channel, and the log written meanwhile is the next round: {@code T = overhead / (1 - R
   * / speed)} for the instance's rate {@code R}, and the database's round is its own rate times
   * {@code T}. Above {@link #smallLagBytes} the catch-up can never converge at these rates ({@link
   * Long#MAX_VALUE} when the instance writes log at least as fast as it can be shipped).
   *
   * @param databaseLogBytesPerHour the database's share of the log rate
   * @param instanceLogBytesPerHour the instance's log rate (all databases share one channel)
   * @param shipBytesPerHour log backup (and restore) speed
   * @param overheadPerRound fixed cost of each log backup and each log restore (the guide's 2
   *     minutes)
   */
  public static long leastRoundBytes(
      long databaseLogBytesPerHour,
      long instanceLogBytesPerHour,
      double shipBytesPerHour,
      Duration overheadPerRound) {
    if (databaseLogBytesPerHour <= 0) {
      return 0;
    }
    double busy = instanceLogBytesPerHour / shipBytesPerHour;
    if (busy >= 1) {
      return Long.MAX_VALUE;
    }
    double roundHours = overheadPerRound.toSeconds() / 3600.0 / (1 - busy);
    return Math.round(databaseLogBytesPerHour * roundHours);
  }

  /**
   * Whether a database's catch-up can get below {@link #smallLagBytes} (see {@link
   * #leastRoundBytes}).
   */
  public boolean canConverge(
      long databaseLogBytesPerHour,
      long instanceLogBytesPerHour,
      double shipBytesPerHour,
      Duration overheadPerRound) {
    return leastRoundBytes(
            databaseLogBytesPerHour, instanceLogBytesPerHour, shipBytesPerHour, overheadPerRound)
        <= smallLagBytes;
  }

  /**
   * While waiting for the window, ship once the unshipped log reaches the small-lag bound, so the
   * catch-up at the window start stays one short round; clamped to [min, max].
   */
  public Duration shipInterval(long logBytesPerHour) {
    if (logBytesPerHour <= 0) {
      return maxShipInterval;
    }
    Duration d = Duration.ofSeconds(Math.max(1, smallLagBytes * 3600 / logBytesPerHour));
    if (d.compareTo(minShipInterval) < 0) {
      return minShipInterval;
    }
    return d.compareTo(maxShipInterval) > 0 ? maxShipInterval : d;
  }
}
