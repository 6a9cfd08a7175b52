package dev.sqlup.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A duration estimate: seconds per phase (in execution order), the total, and the speeds used.
 * {@code fullBackupSkipped} is true when a full backup within 36 hours makes the fullBackup phase
 * 0.
 */
public record Estimate(
    Map<String, Long> phases,
    long totalSeconds,
    boolean fullBackupSkipped,
    double dataSizeGb,
    double logGb,
    Speeds speeds,
    Basis basis) {

  /**
   * Which source facts the estimate used and how old they were: {@code source} is {@code inventory}
   * (the stored discovery, {@code discoveredAt}, {@code ageSeconds} old at estimate time) or {@code
   * registration} (no inventory yet: the registered data size only, no log traffic, no recent
   * backup).
   */
  public record Basis(
      String source,
      java.time.Instant discoveredAt,
      long ageSeconds,
      boolean simulated,
      double dataSizeGb,
      double logGbPerHour,
      String logRateMethod,
      java.time.Instant lastFullBackupAt,
      int databases) {}

  public Estimate(
      Map<String, Long> phases,
      long totalSeconds,
      boolean fullBackupSkipped,
      double dataSizeGb,
      double logGb,
      Speeds speeds) {
    this(phases, totalSeconds, fullBackupSkipped, dataSizeGb, logGb, speeds, null);
  }

  public Estimate withBasis(Basis newBasis) {
    return new Estimate(
        phases, totalSeconds, fullBackupSkipped, dataSizeGb, logGb, speeds, newBasis);
  }

  public static final String CREATE = "create";
  public static final String FULL_BACKUP = "fullBackup";
  public static final String RESTORE_FULL = "restoreFull";
  public static final String LOG_BACKUP = "logBackup";
  public static final String LOG_APPLY = "logApply";
  public static final String RESTORE_DATABASES = "restoreDatabases";
  public static final String SWITCH = "switch";

  /** The phases in execution order. */
  public static final List<String> PHASES =
      List.of(CREATE, FULL_BACKUP, RESTORE_FULL, LOG_BACKUP, LOG_APPLY, RESTORE_DATABASES, SWITCH);

  public Estimate {
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (String phase : PHASES) {
      Long seconds = phases.get(phase);
      if (seconds == null || seconds < 0) {
        throw new IllegalArgumentException("phase " + phase + " needs a non-negative duration");
      }
      ordered.put(phase, seconds);
    }
    phases = Collections.unmodifiableMap(ordered);
  }

  public long seconds(String phase) {
    Long s = phases.get(phase);
    if (s == null) {
      throw new IllegalArgumentException("unknown phase " + phase);
    }
    return s;
  }

  /**
   * Seconds left when {@code currentPhase} is {@code fractionDone} (0..1) complete: the rest of the
   * current phase plus every later phase.
   */
  public long remaining(String currentPhase, double fractionDone) {
    int index = PHASES.indexOf(currentPhase);
    if (index < 0) {
      throw new IllegalArgumentException("unknown phase " + currentPhase);
    }
    double f = Math.max(0, Math.min(1, fractionDone));
    double left = seconds(currentPhase) * (1 - f);
    for (int i = index + 1; i < PHASES.size(); i++) {
      left += seconds(PHASES.get(i));
    }
    return Math.round(left);
  }

  /** Progress 0–100 matching {@link #remaining}. 100 only when nothing is left. */
  public int progress(String currentPhase, double fractionDone) {
    if (totalSeconds == 0) {
      return 100;
    }
    long left = remaining(currentPhase, fractionDone);
    int percent = (int) Math.floor(100.0 * (totalSeconds - left) / totalSeconds);
    return left > 0 ? Math.min(99, percent) : 100;
  }
}
