package dev.sqlup.workflow.plan;

import java.time.Duration;

/**
 * When the log lag is "small" and how often to ship while waiting for the switch window.
 *
 * <p>A database is caught up when its last log round was at most {@code smallLagBytes} and the log
 * generated since that round started is estimated below the same bound: the tail-log backup then moves
 * little more than that, which keeps the downtime short. {@code maxRounds} stops a database whose log
 * grows faster than it can be shipped (the upgrade then fails before the point of no return).
 *
 * @param smallLagBytes lag below which the tail-log backup may run
 * @param maxRounds most log rounds per database before giving up
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
