package dev.sqlup.dataplane;

import java.util.Map;

/** What the new instance must be: target version, editions and instance type, sized settings. */
public record TargetSpec(
    String engineVersion,
    String sqlEdition,
    String rdsEdition,
    String instanceType,
    int cpuCores,
    int memoryGib,
    int maxConnections,
    Map<String, String> tags) {

  public TargetSpec {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }
}
