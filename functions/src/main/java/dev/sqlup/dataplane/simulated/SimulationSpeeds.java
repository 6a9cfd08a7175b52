package dev.sqlup.dataplane.simulated;

import java.time.Duration;

/**
 * How fast the simulated hosts work. {@link #GUIDE} holds the guide's "Estimated duration" figures;
 * SQL Server Web has no backup compression, so its backups and restores run at half speed.
 *
 * @param createTarget create and configure the new instance (guide: 10–15 min, example ~12 min)
 * @param bytesPerHour full backup, full restore, log backup and log apply throughput (guide: 200
 *     GB/h)
 * @param webBytesPerHour the same for SQL Server Web (guide: "may be less than 100 GB per hour")
 * @param logOverhead fixed cost of each scheduled log backup and each log apply (guide: +2 min)
 * @param tailOverhead fixed cost of the tail-log backup and of its restore: they run directly, not
 *     through the scheduled backup job, so they skip most of the job overhead
 * @param recoverDatabase RESTORE ... WITH RECOVERY of one database as a statement of its own
 *     (guide: all databases within 2 min): the fixed cost every directly run RESTORE statement pays
 *     ({@code tailOverhead}) plus the recovery itself (undo, bringing the database online);
 *     recovering in the tail's own RESTORE LOG pays only the latter ({@link
 *     #recoveryInTailRestore})
 * @param acceleratedRecoveryFactor multiplier on recovery with Accelerated Database Recovery
 * @param dnsPropagation endpoint DNS record UPSERT until every authoritative server answers with it
 *     (an assumption: Route 53 reports most changes INSYNC within seconds); clients re-resolve when
 *     their cached answer expires, so the endpoint resolves to the target for all of them after
 *     this plus the record's TTL ({@link SimulatedDataPlane#DEFAULT_ENDPOINT_TTL_SECONDS}, or the
 *     lowered one)
 * @param connectionMigration old VIP drains after the switch (the rest of the guide's ~10 min; not
 *     downtime)
 * @param openDatabase {@code ALTER DATABASE ... SET MULTI_USER} of one database after the tail
 *     restore left it RESTRICTED_USER, databases one after another (an assumption, not in the
 *     guide: a metadata change that waits for no user connection, since only privileged ones could
 *     connect; well under a second on an idle database, counted as a whole second)
 */
public record SimulationSpeeds(
    Duration createTarget,
    long bytesPerHour,
    long webBytesPerHour,
    Duration logOverhead,
    Duration tailOverhead,
    Duration recoverDatabase,
    double acceleratedRecoveryFactor,
    Duration dnsPropagation,
    Duration connectionMigration,
    Duration openDatabase) {

  public static final long GB = 1_000_000_000L;

  public static final SimulationSpeeds GUIDE =
      new SimulationSpeeds(
          Duration.ofMinutes(12),
          200 * GB,
          100 * GB,
          Duration.ofMinutes(2),
          Duration.ofSeconds(20),
          Duration.ofSeconds(30),
          0.5,
          Duration.ofSeconds(10),
          Duration.ofMinutes(9),
          Duration.ofSeconds(1));

  public SimulationSpeeds {
    if (bytesPerHour <= 0 || webBytesPerHour <= 0) {
      throw new IllegalArgumentException("throughput must be positive");
    }
    if (acceleratedRecoveryFactor <= 0) {
      throw new IllegalArgumentException("acceleratedRecoveryFactor must be positive");
    }
  }

  /**
   * The recovery part of RESTORE LOG ... WITH RECOVERY of the tail: {@code recoverDatabase} less
   * the fixed cost of a RESTORE statement, which the tail's restore has already paid; scaled by
   * {@code acceleratedRecoveryFactor} with Accelerated Database Recovery.
   */
  public Duration recoveryInTailRestore(boolean acceleratedRecovery) {
    Duration work = recoverDatabase.minus(tailOverhead);
    if (work.isNegative()) {
      work = Duration.ZERO;
    }
    return acceleratedRecovery
        ? Duration.ofMillis(Math.round(work.toMillis() * acceleratedRecoveryFactor))
        : work;
  }

  /** Throughput for an edition: Web editions run without backup compression. */
  public long throughput(String sqlEdition) {
    return isWeb(sqlEdition) ? webBytesPerHour : bytesPerHour;
  }

  /** Time to move {@code bytes} at the edition's throughput, rounded up to the millisecond. */
  public Duration transfer(long bytes, String sqlEdition) {
    long perHour = throughput(sqlEdition);
    long millis = (long) Math.ceil(bytes * 3_600_000.0 / perHour);
    return Duration.ofMillis(millis);
  }

  static boolean isWeb(String sqlEdition) {
    return sqlEdition != null && sqlEdition.toLowerCase(java.util.Locale.ROOT).contains("web");
  }
}
