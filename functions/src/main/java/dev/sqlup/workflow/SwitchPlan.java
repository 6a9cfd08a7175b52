package dev.sqlup.workflow;


/**
 * When the workloads switch ({@code $.switchPlan}). {@code mode} is {@code Immediate} or
 * {@code MaintenanceWindow}; for a window, {@code at} and {@code windowEnd} are the occurrence the
 * upgrade waits for (RFC 3339, read by the Wait state's {@code TimestampPath}), {@code shipFirst} says
 * whether a log round is due before {@code at} (then the machine waits {@code $.wait} and ships), and
 * {@code fits}, set at the window start, whether catch-up + switch end before the window closes.
 */
public record SwitchPlan(String mode, String at, String windowEnd, Boolean shipFirst, Boolean fits, String reason) {
  public static final String IMMEDIATE = "Immediate";
  public static final String MAINTENANCE_WINDOW = "MaintenanceWindow";

  public static SwitchPlan immediate() {
    return new SwitchPlan(IMMEDIATE, null, null, false, true, "switch as soon as the data is caught up");
  }
}
