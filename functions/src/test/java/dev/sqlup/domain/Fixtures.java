package dev.sqlup.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Instances for domain tests: the guide's example is SQL Server 2019 Standard, HA, 4 cores / 8 GB,
 * 600 GB.
 */
public final class Fixtures {
  private Fixtures() {}

  public static Instance guideExample() {
    return new Instance(
        "rm-guide-1",
        "2019",
        SqlEdition.Standard,
        RdsEdition.HighAvailability,
        "mssql.x4.large",
        600,
        "18:00Z-22:00Z",
        NetworkType.VPC,
        false,
        false,
        false,
        List.of(),
        "rm-guide-1.sqlup.internal",
        "10.0.0.5",
        1433,
        Map.of("team", "sales"),
        EngineBinding.simulated(),
        null,
        List.of(),
        InstanceStatus.Running,
        null,
        Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2026-01-01T00:00:00Z"),
        1);
  }

  public static Instance with(
      Instance i,
      boolean ad,
      boolean serverless,
      NetworkType network,
      boolean readOnly,
      RdsEdition rds,
      List<String> replicas) {
    return new Instance(
        i.instanceId(),
        i.engineVersion(),
        i.sqlEdition(),
        rds,
        i.instanceType(),
        i.dataSizeGb(),
        i.maintenanceWindow(),
        network,
        ad,
        serverless,
        readOnly,
        replicas,
        i.endpoint(),
        i.vip(),
        i.port(),
        i.tags(),
        i.engine(),
        i.simulation(),
        i.replicationTasks(),
        i.status(),
        i.activeTaskId(),
        i.createdAt(),
        i.updatedAt(),
        i.version());
  }
}
