package dev.sqlup.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * What the estimate needs from the source, read from the instance's {@code simulation} object
 * ({@code logGbPerHour}, {@code lastFullBackupAt}, {@code databases[].recoveryModel}); absent values mean
 * no log traffic and no recent full backup (the conservative estimate).
 */
public record SourceProfile(double dataSizeGb, double logGbPerHour, Instant lastFullBackupAt,
    List<String> nonFullRecoveryDatabases) {
  /** A full backup younger than this is reused instead of taking a new one. */
  public static final Duration RECENT_FULL_BACKUP = Duration.ofHours(36);

  public static SourceProfile of(Instance instance) {
    Map<String, Object> sim = instance.simulation() == null ? Map.of() : instance.simulation();
    double logRate = sim.get("logGbPerHour") instanceof Number n ? Math.max(0, n.doubleValue()) : 0;
    Instant lastFull = null;
    if (sim.get("lastFullBackupAt") instanceof String s) {
      try {
        lastFull = Instant.parse(s);
      } catch (DateTimeParseException ignored) {
        lastFull = null;
      }
    }
    List<String> nonFull = List.of();
    if (sim.get("databases") instanceof List<?> dbs) {
      nonFull = dbs.stream().filter(d -> d instanceof Map<?, ?>).map(d -> (Map<?, ?>) d)
          .filter(d -> d.get("recoveryModel") instanceof String m && !"FULL".equalsIgnoreCase(m))
          .map(d -> String.valueOf(d.get("name"))).toList();
    }
    return new SourceProfile(instance.dataSizeGb(), logRate, lastFull, nonFull);
  }

  public boolean hasRecentFullBackup(Instant now) {
    return lastFullBackupAt != null && !lastFullBackupAt.isAfter(now)
        && Duration.between(lastFullBackupAt, now).compareTo(RECENT_FULL_BACKUP) <= 0;
  }

  /**
   * The estimate for this source: log volume = log rate × hours of full backup + restore (the log
   * generated while the copy runs, shipped in one catch-up round before the tail backup). When a recent
   * full backup is reused, the log written since that backup must be shipped too: restoring a full
   * backup taken at T needs every log record after T.
   */
  public Estimate estimate(Estimator estimator, SqlEdition edition, Instant now, Speeds calibrated) {
    boolean recent = hasRecentFullBackup(now);
    Estimate withoutLogs = estimator.estimate(new Estimator.Input(dataSizeGb, 0, 1, recent, edition, calibrated));
    double copyHours = (withoutLogs.seconds(Estimate.FULL_BACKUP) + withoutLogs.seconds(Estimate.RESTORE_FULL)) / 3600.0;
    if (recent) {
      copyHours += Duration.between(lastFullBackupAt, now).toSeconds() / 3600.0;
    }
    double logGb = Math.round(logGbPerHour * copyHours * 100) / 100.0;
    return estimator.estimate(new Estimator.Input(dataSizeGb, logGb, 1, recent, edition, calibrated));
  }
}
