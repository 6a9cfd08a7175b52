package dev.sqlup.domain;

import java.util.Arrays;
import java.util.Optional;

/** Lifecycle status of an instance. Only a {@code Running} instance can start an upgrade. */
public enum InstanceStatus {
  Running,
  UpgradingVersion,
  Stopped,
  Maintenance;

  public static Optional<InstanceStatus> parse(String value) {
    return Arrays.stream(values()).filter(e -> e.name().equals(value)).findFirst();
  }
}
