package dev.sqlup.workflow.plan;

import java.time.Duration;

/**
 * When the log lag is "small" and how often to ship while waiting for the switch window.
 *
 * <p>A database is caught up when its last log round was at most {@code smallLagBytes} and the log
 * generated since that round started is estimated below the same bound: the tail-log backup then moves
 * little more than that, which keeps the downtime short. {@code maxRounds} stops a database whose log
 * grows about as fast as it can be shipped: that many consecutive rounds each found a large lag (the
 * upgrade then fails before the point of no return). Rounds that follow a small one, or are shipped while
 * waiting for the switch window, start the count again: waiting is not a failure to converge.
 *
 * @param smallLagBytes lag below which the tail-log backup may run
 * @param maxRounds most consecutive log rounds with a large lag per database before giving up
 * @param minShipInterval shortest interval between rounds while waiting for the window
 * @param maxShipInterval longest interval between rounds while waiting for the window
 */
public record CatchUpPolicy(long smallLagBytes, int maxRounds, Duration minShipInterval, Duration maxShipInterval) {
  public static final CatchUpPolicy DEFAULT =
      new CatchUpPolicy(2_000_000_000L, 24, Duration.ofMinutes(15), Duration.ofHours(6));

  public CatchUpPolicy {
    if (smallLagBytes <= 0 || maxRounds < 1) {
      throw new IllegalArgumentException("smallLagBytes must be > 0 and maxRounds >= 1");
    }
    if (minShipInterval.compareTo(maxShipInterval) > 0) {
      throw new IllegalArgumentException("minShipInterval must not exceed maxShipInterval");
    }
  }

  /**
   * The smallest log round {@code database} can reach: with every database shipping continuously, one
   * round of all of them takes {@code T = overhead + bytes / speed} on the host's backup (and restore)
   * channel, and the log written meanwhile is the next round: {@code T = overhead / (1 - R / speed)}
   * for the instance's rate {@code R}, and the database's round is its own rate times {@code T}. Above
   * {@link #smallLagBytes} the catch-up can never converge at these rates ({@link Long#MAX_VALUE} when
   * the instance writes log at least as fast as it can be shipped).
   *
   * @param databaseLogBytesPerHour the database's share of the log rate
   * @param instanceLogBytesPerHour the instance's log rate (all databases share one channel)
   * @param shipBytesPerHour log backup (and restore) speed
   * @param overheadPerRound fixed cost of each log backup and each log restore (the guide's 2 minutes)
   */
  public static long leastRoundBytes(long databaseLogBytesPerHour, long instanceLogBytesPerHour,
      double shipBytesPerHour, Duration overheadPerRound) {
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

  /** Whether a database's catch-up can get below {@link #smallLagBytes} (see {@link #leastRoundBytes}). */
  public boolean canConverge(long databaseLogBytesPerHour, long instanceLogBytesPerHour, double shipBytesPerHour,
      Duration overheadPerRound) {
    return leastRoundBytes(databaseLogBytesPerHour, instanceLogBytesPerHour, shipBytesPerHour, overheadPerRound)
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
