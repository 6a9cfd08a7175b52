package dev.sqlup.domain.campaign;

import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.InstanceSpec;
import dev.sqlup.domain.Precheck;
import java.time.Instant;
import java.util.List;

/**
 * One instance in a campaign plan: its target, prechecks and estimate; the wave it is in (null when
 * a precheck refuses it: it is reported, never started); when it is expected to start, to switch
 * (and the maintenance window occurrence that switch lands in, null for Immediate) and to end.
 */
public record PlannedInstance(
    String instanceId,
    Integer wave,
    boolean upgradable,
    InstanceSpec source,
    InstanceSpec target,
    List<Precheck> prechecks,
    Estimate estimate,
    Instant plannedStart,
    Instant switchAt,
    Instant switchWindowStart,
    Instant switchWindowEnd,
    Instant plannedEnd) {
  public PlannedInstance {
    prechecks = List.copyOf(prechecks);
  }
}
