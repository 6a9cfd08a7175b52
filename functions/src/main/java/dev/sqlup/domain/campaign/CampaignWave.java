package dev.sqlup.domain.campaign;

import java.time.Instant;
import java.util.List;

/**
 * One wave of a stored campaign: what was asked, its instances, status, times, and its planned
 * duration.
 */
public record CampaignWave(
    int index,
    WaveSpec spec,
    List<String> instanceIds,
    WaveStatus status,
    Instant startedAt,
    Instant endedAt,
    long plannedSeconds) {
  public CampaignWave {
    instanceIds = instanceIds == null ? List.of() : List.copyOf(instanceIds);
  }

  public CampaignWave with(WaveStatus newStatus, Instant newStartedAt, Instant newEndedAt) {
    return new CampaignWave(
        index, spec, instanceIds, newStatus, newStartedAt, newEndedAt, plannedSeconds);
  }
}
