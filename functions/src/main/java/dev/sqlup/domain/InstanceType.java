package dev.sqlup.domain;

import java.util.List;

/**
 * One instance type of the catalogue and the (version, SQL edition, RDS edition) combinations
 * offering it.
 */
public record InstanceType(
    String name,
    int cpuCores,
    int memoryGib,
    int maxConnections,
    int maxIops,
    List<Offering> offeredFor) {

  public InstanceType {
    offeredFor = List.copyOf(offeredFor);
  }

  public boolean isOfferedFor(String engineVersion, SqlEdition sqlEdition, RdsEdition rdsEdition) {
    return offeredFor.stream().anyMatch(o -> o.includes(engineVersion, sqlEdition, rdsEdition));
  }

  /** True when this type has at least the cores and the memory of {@code other}. */
  public boolean isAtLeast(InstanceType other) {
    return cpuCores >= other.cpuCores && memoryGib >= other.memoryGib;
  }

  /** A set of combinations: every version × SQL edition × RDS edition listed. */
  public record Offering(
      List<String> engineVersions, List<SqlEdition> sqlEditions, List<RdsEdition> rdsEditions) {
    public Offering {
      engineVersions = List.copyOf(engineVersions);
      sqlEditions = List.copyOf(sqlEditions);
      rdsEditions = List.copyOf(rdsEditions);
    }

    boolean includes(String engineVersion, SqlEdition sqlEdition, RdsEdition rdsEdition) {
      return engineVersions.contains(engineVersion)
          && sqlEditions.contains(sqlEdition)
          && rdsEditions.contains(rdsEdition);
    }
  }
}
