package dev.sqlup.domain.campaign;

import java.util.List;
import java.util.Objects;

/** Everything a campaign is created with. */
public record CampaignSpec(
    String name,
    Selection selection,
    TargetRule target,
    List<WaveSpec> waves,
    SwitchPolicy switchPolicy) {
  public static final int MAX_WAVES = 20;

  public CampaignSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(target, "target");
    waves = waves == null ? List.of() : List.copyOf(waves);
    switchPolicy = switchPolicy == null ? SwitchPolicy.OwnMaintenanceWindow : switchPolicy;
    if (waves.isEmpty() || waves.size() > MAX_WAVES) {
      throw new IllegalArgumentException("a campaign has 1 to " + MAX_WAVES + " waves");
    }
    for (int i = 0; i < waves.size() - 1; i++) {
      if (waves.get(i).size() == null) {
        throw new IllegalArgumentException(
            "only the last wave may leave out its size (it takes the rest)");
      }
    }
  }
}
