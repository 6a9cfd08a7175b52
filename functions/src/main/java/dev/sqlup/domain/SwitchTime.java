package dev.sqlup.domain;

import java.util.Arrays;
import java.util.Optional;

/** When workloads switch to the new instance: as soon as data migration completes, or in the maintenance window. */
public enum SwitchTime {
  Immediate,
  MaintenanceWindow;

  public static Optional<SwitchTime> parse(String value) {
    return Arrays.stream(values()).filter(e -> e.name().equals(value)).findFirst();
  }
}
