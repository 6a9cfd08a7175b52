package dev.sqlup.domain.campaign;

import dev.sqlup.domain.EngineBinding;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.NetworkType;
import dev.sqlup.domain.RdsEdition;
import dev.sqlup.domain.SqlEdition;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Instances and campaign specs for the campaign tests (SQL Server 2016 Standard HA, guide-like
 * sizes).
 */
public final class CampaignFixtures {
  public static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  private CampaignFixtures() {}

  public static Instance instance(
      String id, String version, double gb, String window, Map<String, String> tags) {
    return new Instance(
        id,
        version,
        SqlEdition.Standard,
        RdsEdition.HighAvailability,
        "mssql.x4.large",
        gb,
        window,
        NetworkType.VPC,
        false,
        false,
        false,
        List.of(),
        id + ".sqlup.internal",
        "10.0.0.5",
        1433,
        tags,
        EngineBinding.simulated(),
        null,
        List.of(),
        InstanceStatus.Running,
        null,
        NOW,
        NOW,
        1);
  }

  public static Instance instance(String id, double gb, String window) {
    return instance(id, "2016", gb, window, Map.of("env", "prod"));
  }

  public static WaveSpec wave(String name, Amount size, int concurrency, Amount tolerated) {
    return new WaveSpec(name, size, concurrency, tolerated, 0, false);
  }

  public static CampaignSpec spec(List<WaveSpec> waves, SwitchPolicy policy) {
    return new CampaignSpec(
        "sql2016-eol",
        new Selection(List.of(), Map.of(), "2016"),
        new TargetRule("2022", null, null, Map.of()),
        waves,
        policy);
  }
}
