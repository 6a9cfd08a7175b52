package dev.sqlup.domain;

import java.util.List;
import java.util.Optional;

/**
 * "Refer to the data volume and time for the last upgrade": derives speeds from finished upgrades
 * of comparable instances (same SQL edition, since Web has no backup compression). Speeds are total
 * GB over total hours of each phase, so a large upgrade weighs more than a small one.
 */
public final class SpeedCalibration {
  /** Minimum data volume for a sample to count: tiny upgrades are dominated by fixed overheads. */
  public static final double MIN_SAMPLE_GB = 10;

  /**
   * A finished upgrade's measured phases; {@code fullBackupSeconds} is 0 when the backup was
   * skipped; {@code logGb}/{@code logTransferSeconds} describe log backups without their fixed
   * overhead (0 if unknown).
   */
  public record Sample(
      SqlEdition sqlEdition,
      double dataSizeGb,
      long fullBackupSeconds,
      long restoreFullSeconds,
      double logGb,
      long logTransferSeconds) {}

  public Optional<Speeds> calibrate(List<Sample> samples, SqlEdition edition) {
    List<Sample> comparable =
        samples.stream()
            .filter(
                s ->
                    s.sqlEdition() == edition
                        && s.dataSizeGb() >= MIN_SAMPLE_GB
                        && s.restoreFullSeconds() > 0)
            .toList();
    if (comparable.isEmpty()) {
      return Optional.empty();
    }
    Speeds guide = Speeds.guide(edition);
    double restore =
        rate(
            comparable.stream().mapToDouble(Sample::dataSizeGb).sum(),
            comparable.stream().mapToLong(Sample::restoreFullSeconds).sum());
    List<Sample> backedUp = comparable.stream().filter(s -> s.fullBackupSeconds() > 0).toList();
    double backup =
        backedUp.isEmpty()
            ? restore
            : rate(
                backedUp.stream().mapToDouble(Sample::dataSizeGb).sum(),
                backedUp.stream().mapToLong(Sample::fullBackupSeconds).sum());
    List<Sample> logged =
        comparable.stream().filter(s -> s.logGb() > 0 && s.logTransferSeconds() > 0).toList();
    double log =
        logged.isEmpty()
            ? guide.logGbPerHour()
            : rate(
                logged.stream().mapToDouble(Sample::logGb).sum(),
                logged.stream().mapToLong(Sample::logTransferSeconds).sum());
    return Optional.of(new Speeds(backup, restore, log, "calibrated", comparable.size()));
  }

  private static double rate(double gb, long seconds) {
    return gb / (seconds / 3600.0);
  }
}
