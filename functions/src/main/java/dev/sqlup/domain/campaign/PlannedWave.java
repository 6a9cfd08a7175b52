package dev.sqlup.domain.campaign;

import java.time.Instant;
import java.util.List;

/**
 * One wave of a plan: its instances, its limits resolved to counts, and its expected start and end
 * (the end includes the bake time; time waiting for an approval is not known in advance and not
 * counted).
 */
public record PlannedWave(
    int index,
    String name,
    List<String> instanceIds,
    int maxConcurrency,
    Amount toleratedFailures,
    long bakeSeconds,
    boolean approvalRequired,
    Instant plannedStart,
    Instant plannedEnd) {
  public PlannedWave {
    instanceIds = List.copyOf(instanceIds);
  }
}
