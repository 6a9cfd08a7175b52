package dev.sqlup.domain.campaign;

import dev.sqlup.domain.InstanceSpec;
import dev.sqlup.domain.RdsEdition;
import dev.sqlup.domain.SqlEdition;
import java.util.Map;
import java.util.Objects;

/**
 * The target of every instance of a campaign: one engine version; the SQL Server and RDS editions
 * kept unless given; the instance type kept unless {@code instanceTypes} maps the source type to
 * another (e.g. {@code mssql.x2.medium → mssql.x4.large}).
 */
public record TargetRule(
    String engineVersion,
    SqlEdition sqlEdition,
    RdsEdition rdsEdition,
    Map<String, String> instanceTypes) {
  public TargetRule {
    Objects.requireNonNull(engineVersion, "engineVersion");
    instanceTypes = instanceTypes == null ? Map.of() : Map.copyOf(instanceTypes);
  }

  public InstanceSpec targetFor(InstanceSpec source) {
    return new InstanceSpec(
        engineVersion,
        sqlEdition == null ? source.sqlEdition() : sqlEdition,
        rdsEdition == null ? source.rdsEdition() : rdsEdition,
        instanceTypes.getOrDefault(source.instanceType(), source.instanceType()));
  }
}
