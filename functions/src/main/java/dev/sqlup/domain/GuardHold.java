package dev.sqlup.domain;

import java.time.Instant;

/**
 * A cutover guard holding the switch: which guard, why, its figure against its limit (in {@code
 * unit}), since when, and until when ({@code null} while it still holds).
 */
public record GuardHold(
    String guard,
    String reason,
    long value,
    long limit,
    String unit,
    Instant since,
    Instant until) {
  public static final String LOG_LAG = "logLag";
  public static final String OPEN_TRANSACTION = "openTransaction";
  public static final String DOWNTIME = "downtime";
  public static final String WINDOW = "window";
}
