package dev.sqlup.domain.campaign;

import java.time.Instant;
import java.util.List;

/**
 * A dry run of a campaign: every selected instance (upgradable or refused), the waves, when the
 * campaign is expected to end (approval waits excluded), and listed ids that matched no instance.
 */
public record CampaignPlan(
    List<PlannedInstance> instances,
    List<PlannedWave> waves,
    Instant expectedEnd,
    List<String> missingIds) {
  public CampaignPlan {
    instances = List.copyOf(instances);
    waves = List.copyOf(waves);
    missingIds = List.copyOf(missingIds);
  }

  public long refusedCount() {
    return instances.stream().filter(i -> !i.upgradable()).count();
  }
}
