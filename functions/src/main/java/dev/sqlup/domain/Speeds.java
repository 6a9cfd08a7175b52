package dev.sqlup.domain;

/**
 * Transfer speeds an estimate uses, in GB per hour. {@code source} says where they come from:
 * {@code guide} (200 GB/h; Web edition 100 GB/h, no backup compression) or {@code calibrated} from
 * {@code samples} finished upgrades.
 */
public record Speeds(
    double backupGbPerHour,
    double restoreGbPerHour,
    double logGbPerHour,
    String source,
    int samples) {
  public static final double GUIDE_GB_PER_HOUR = 200;
  public static final double WEB_GB_PER_HOUR = 100;

  public Speeds {
    if (!(backupGbPerHour > 0) || !(restoreGbPerHour > 0) || !(logGbPerHour > 0)) {
      throw new IllegalArgumentException("speeds must be positive");
    }
  }

  public static Speeds guide(SqlEdition edition) {
    double speed = edition == SqlEdition.Web ? WEB_GB_PER_HOUR : GUIDE_GB_PER_HOUR;
    return new Speeds(speed, speed, speed, "guide", 0);
  }
}
