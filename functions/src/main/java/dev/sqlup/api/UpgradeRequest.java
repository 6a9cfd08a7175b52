package dev.sqlup.api;

import dev.sqlup.domain.CutoverGuards;
import dev.sqlup.domain.InstanceSpec;
import dev.sqlup.domain.SwitchTime;
import java.time.Instant;

/** The parsed body of {@code POST /instances/{instanceId}/upgrades} ({@link UpgradeRequests}). */
record UpgradeRequest(
    InstanceSpec target,
    SwitchTime switchTime,
    boolean dryRun,
    String clientToken,
    boolean acceleratedDatabaseRecovery,
    Double targetStorageGb,
    Instant switchAt,
    CutoverGuards cutoverGuards) {
  UpgradeRequest(
      InstanceSpec target,
      SwitchTime switchTime,
      boolean dryRun,
      String clientToken,
      boolean acceleratedDatabaseRecovery) {
    this(target, switchTime, dryRun, clientToken, acceleratedDatabaseRecovery, null, null, null);
  }
}
