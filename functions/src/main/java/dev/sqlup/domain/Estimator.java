package dev.sqlup.domain;

import java.util.HashMap;
import java.util.Map;

/**
 * Upgrade duration following the guide's table: create + configure 12 min (the guide's 10–15, its
 * worked example uses 12); full backup at the backup speed only without a full backup in the last
 * 36 hours; restore at the restore speed; each log backup and each log apply at the log speed + 2
 * min; restore databases 2 min; switch 10 min. Speeds: 200 GB/h, Web edition 100 GB/h, or
 * calibrated ones.
 */
public final class Estimator {
  public static final long CREATE_SECONDS = 12 * 60;
  public static final long LOG_OVERHEAD_SECONDS = 2 * 60;
  public static final long RESTORE_DATABASES_SECONDS = 2 * 60;
  public static final long SWITCH_SECONDS = 10 * 60;

  /**
   * @param dataSizeGb data to back up and restore
   * @param logGb transaction log generated during the copy, shipped in {@code logBackupRounds}
   *     backups
   * @param logBackupRounds how many log backups (each pays the 2-minute overhead twice: backup and
   *     apply); ≥ 1
   * @param recentFullBackup a full backup exists within the last 36 hours
   * @param sqlEdition the source's SQL Server edition (Web has no backup compression)
   * @param calibrated speeds measured on finished upgrades, or null for the guide's
   */
  public record Input(
      double dataSizeGb,
      double logGb,
      int logBackupRounds,
      boolean recentFullBackup,
      SqlEdition sqlEdition,
      Speeds calibrated) {
    public Input {
      if (!(dataSizeGb >= 0) || !(logGb >= 0) || logBackupRounds < 1) {
        throw new IllegalArgumentException("data and log sizes must be >= 0 and rounds >= 1");
      }
    }
  }

  public Estimate estimate(Input in) {
    Speeds speeds = in.calibrated() != null ? in.calibrated() : Speeds.guide(in.sqlEdition());
    Map<String, Long> phases = new HashMap<>();
    phases.put(Estimate.CREATE, CREATE_SECONDS);
    phases.put(
        Estimate.FULL_BACKUP,
        in.recentFullBackup() ? 0 : hours(in.dataSizeGb(), speeds.backupGbPerHour()));
    phases.put(Estimate.RESTORE_FULL, hours(in.dataSizeGb(), speeds.restoreGbPerHour()));
    long logTransfer = hours(in.logGb(), speeds.logGbPerHour());
    long logOverhead = LOG_OVERHEAD_SECONDS * in.logBackupRounds();
    phases.put(Estimate.LOG_BACKUP, logTransfer + logOverhead);
    phases.put(Estimate.LOG_APPLY, logTransfer + logOverhead);
    phases.put(Estimate.RESTORE_DATABASES, RESTORE_DATABASES_SECONDS);
    phases.put(Estimate.SWITCH, SWITCH_SECONDS);
    long total = phases.values().stream().mapToLong(Long::longValue).sum();
    return new Estimate(phases, total, in.recentFullBackup(), in.dataSizeGb(), in.logGb(), speeds);
  }

  private static long hours(double gb, double gbPerHour) {
    return Math.round(gb / gbPerHour * 3600);
  }
}
