package dev.sqlup.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What the estimate needs from the source: data size, log generation rate and the last full backup,
 * read from the instance's stored inventory ({@link SourceInventory}). Without an inventory (never
 * discovered) it is the registered {@code dataSizeGb} with no log traffic and no recent backup, and
 * the estimate's basis says so.
 */
public record SourceProfile(
    double dataSizeGb, double logGbPerHour, Instant lastFullBackupAt, SourceInventory inventory) {
  /** A full backup younger than this is reused instead of taking a new one. */
  public static final Duration RECENT_FULL_BACKUP = Duration.ofHours(36);

  /** Inventories count bytes; the estimate counts GB as the guide does (10^9 bytes). */
  public static final double GB = 1e9;

  public static SourceProfile of(Instance instance) {
    SourceInventory inventory = instance.inventory();
    if (inventory == null) {
      return new SourceProfile(instance.dataSizeGb(), 0, null, null);
    }
    return new SourceProfile(
        inventory.totalDataBytes() / GB,
        inventory.logBytesPerHour() / GB,
        inventory.lastFullBackupOfAll(),
        inventory);
  }

  public boolean hasRecentFullBackup(Instant now) {
    return lastFullBackupAt != null
        && !lastFullBackupAt.isAfter(now)
        && Duration.between(lastFullBackupAt, now).compareTo(RECENT_FULL_BACKUP) <= 0;
  }

  /**
   * The estimate for this source: log volume = log rate × hours of full backup + restore (the log
   * generated while the copy runs, shipped in one catch-up round before the tail backup). When a
   * recent full backup is reused, the log written since that backup must be shipped too: restoring
   * a full backup taken at T needs every log record after T. The estimate's basis names these facts
   * and their age.
   */
  public Estimate estimate(
      Estimator estimator, SqlEdition edition, Instant now, Speeds calibrated) {
    boolean recent = hasRecentFullBackup(now);
    Estimate withoutLogs =
        estimator.estimate(new Estimator.Input(dataSizeGb, 0, 1, recent, edition, calibrated));
    double copyHours =
        (withoutLogs.seconds(Estimate.FULL_BACKUP) + withoutLogs.seconds(Estimate.RESTORE_FULL))
            / 3600.0;
    if (recent) {
      copyHours += Duration.between(lastFullBackupAt, now).toSeconds() / 3600.0;
    }
    double logGb = Math.round(logGbPerHour * copyHours * 100) / 100.0;
    return estimator
        .estimate(new Estimator.Input(dataSizeGb, logGb, 1, recent, edition, calibrated))
        .withBasis(basis(now));
  }

  private Estimate.Basis basis(Instant now) {
    if (inventory == null) {
      return new Estimate.Basis("registration", null, 0, false, dataSizeGb, 0, null, null, 0);
    }
    return new Estimate.Basis(
        "inventory",
        inventory.discoveredAt(),
        inventory.age(now).toSeconds(),
        inventory.simulated(),
        round(dataSizeGb),
        round(logGbPerHour),
        inventory.logRate() == null ? null : inventory.logRate().method(),
        lastFullBackupAt,
        inventory.databases().size());
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
