package dev.sqlup.domain;

import java.util.List;

/**
 * The downtime a switch would cause now (writes stop → the databases are open to applications and
 * the endpoint resolves to the target), for the cutover guard on {@code maxDowntimeSeconds}: the
 * tail-log backups, then their restores WITH RECOVERY, RESTRICTED_USER (their bytes queue on the
 * source's and the target's one channel, their fixed costs and the recoveries overlap) side by side
 * with the endpoint switch, then the opening (SET MULTI_USER, one database after another). The
 * fixed costs are the ones the simulated data plane uses (docs/architecture.md, "Simulated
 * binding"); on the sqlserver binding they are an estimate.
 */
public record DowntimeEstimate(
    long tailBackupSeconds,
    long tailRestoreSeconds,
    long recoverySeconds,
    long endpointSeconds,
    long openSeconds) {
  /** SET MULTI_USER of one database (an assumption of the simulated data plane). */
  public static final long OPEN_SECONDS_PER_DATABASE = 1;

  /**
   * Fixed cost of a tail-log backup and of its restore (run directly, not through a scheduled job).
   */
  public static final long TAIL_OVERHEAD_SECONDS = 20;

  /**
   * RESTORE ... WITH RECOVERY of a database whose log is applied, as a statement of its own; halved
   * with Accelerated Database Recovery.
   */
  public static final long RECOVERY_SECONDS = 30;

  /**
   * The recovery inside the tail's RESTORE LOG ... WITH RECOVERY: {@link #RECOVERY_SECONDS} less
   * the fixed cost of a RESTORE statement, which the tail's restore already pays.
   */
  public static final long RECOVERY_IN_TAIL_RESTORE_SECONDS =
      RECOVERY_SECONDS - TAIL_OVERHEAD_SECONDS;

  /**
   * The log the final catch-up leaves for the tails (the workflow's target; less when the log rate
   * allows).
   */
  public static final long FINAL_LAG_BYTES = 256_000_000L;

  /** The TTL the endpoint record is lowered to when the switch becomes due. */
  public static final long LOWERED_TTL_SECONDS = 5;

  /**
   * Endpoint move until every client resolves the target: propagation (10 s, assumed) + the lowered
   * TTL.
   */
  public static final long ENDPOINT_SECONDS = 10 + LOWERED_TTL_SECONDS;

  /** The downtime expected before the upgrade starts: tails of {@link #FINAL_LAG_BYTES} in all. */
  public static DowntimeEstimate expected(double logGbPerHour, boolean acceleratedRecovery) {
    return of(List.of(FINAL_LAG_BYTES), logGbPerHour, acceleratedRecovery, ENDPOINT_SECONDS);
  }

  /**
   * @param tailBytes the log each database's tail-log backup would carry
   * @param logGbPerHour log backup and restore speed
   * @param acceleratedRecovery Accelerated Database Recovery on the target
   * @param endpointSeconds how long until the endpoint resolves to the target after the move starts
   */
  public static DowntimeEstimate of(
      List<Long> tailBytes,
      double logGbPerHour,
      boolean acceleratedRecovery,
      long endpointSeconds) {
    long bytes = tailBytes.stream().mapToLong(Long::longValue).sum();
    long transfer = Math.round(Math.ceil(bytes / 1e9 / logGbPerHour * 3600));
    long tail = tailBytes.isEmpty() ? 0 : TAIL_OVERHEAD_SECONDS + transfer;
    long recovery =
        tailBytes.isEmpty()
            ? 0
            : acceleratedRecovery
                ? RECOVERY_IN_TAIL_RESTORE_SECONDS / 2
                : RECOVERY_IN_TAIL_RESTORE_SECONDS;
    return new DowntimeEstimate(
        tail, tail, recovery, endpointSeconds, OPEN_SECONDS_PER_DATABASE * tailBytes.size());
  }

  /** The endpoint moves while the tails are restored: only the longer of the two counts. */
  public long totalSeconds() {
    return tailBackupSeconds
        + Math.max(tailRestoreSeconds + recoverySeconds, endpointSeconds)
        + openSeconds;
  }
}
