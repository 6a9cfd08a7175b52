package dev.sqlup.domain.campaign;

import dev.sqlup.domain.SwitchTime;
import java.util.Arrays;
import java.util.Optional;

/**
 * When each instance of a campaign switches: by default in its own maintenance window (instances of
 * one wave then switch at different times, each in its window), or as soon as its copy is done.
 */
public enum SwitchPolicy {
  OwnMaintenanceWindow(SwitchTime.MaintenanceWindow),
  Immediate(SwitchTime.Immediate);

  private final SwitchTime switchTime;

  SwitchPolicy(SwitchTime switchTime) {
    this.switchTime = switchTime;
  }

  /** The switch time each instance's upgrade is submitted with. */
  public SwitchTime switchTime() {
    return switchTime;
  }

  public static Optional<SwitchPolicy> parse(String value) {
    return Arrays.stream(values()).filter(e -> e.name().equals(value)).findFirst();
  }
}
