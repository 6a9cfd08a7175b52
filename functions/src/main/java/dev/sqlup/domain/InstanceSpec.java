package dev.sqlup.domain;

import java.util.Objects;

/**
 * The four things an upgrade can change: engine version, SQL Server edition, RDS edition, instance
 * type.
 */
public record InstanceSpec(
    String engineVersion, SqlEdition sqlEdition, RdsEdition rdsEdition, String instanceType) {
  public InstanceSpec {
    Objects.requireNonNull(engineVersion, "engineVersion");
    Objects.requireNonNull(sqlEdition, "sqlEdition");
    Objects.requireNonNull(rdsEdition, "rdsEdition");
    Objects.requireNonNull(instanceType, "instanceType");
  }
}
