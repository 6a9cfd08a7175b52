package dev.sqlup.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * When workloads switch to the new instance: as soon as data migration completes, in the
 * maintenance window, at a scheduled time ({@code switchAt}), or when an operator approves ({@code
 * POST /tasks/{taskId}/switchover}); until then log catch-up keeps the target current.
 */
public enum SwitchTime {
  Immediate,
  MaintenanceWindow,
  ScheduledTime,
  OnApproval;

  public static Optional<SwitchTime> parse(String value) {
    return Arrays.stream(values()).filter(e -> e.name().equals(value)).findFirst();
  }
}
