package dev.sqlup.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies: instances registered through the API and upgrade requests. */
final class Fixtures {
  static final double GB_PER_HOUR_FOR_10_GB_OF_LOG = 10.0 / 6;

  private Fixtures() {}

  static Map<String, Object> database(String name, double sizeGb) {
    return Map.of("name", name, "sizeGb", sizeGb, "recoveryModel", "FULL");
  }

  /**
   * The guide's example host: 4 cores, 8 GiB (mssql.x4.large), SQL Server 2019 SE,
   * High-availability.
   */
  static Map<String, Object> instance(
      String instanceId,
      double logGbPerHour,
      List<Map<String, Object>> databases,
      Map<String, Object> simulationExtra,
      Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instanceId", instanceId);
    body.put("engineVersion", "2019");
    body.put("sqlEdition", "Standard");
    body.put("rdsEdition", "HighAvailability");
    body.put("instanceType", "mssql.x4.large");
    body.put(
        "dataSizeGb",
        databases.stream().mapToDouble(d -> ((Number) d.get("sizeGb")).doubleValue()).sum());
    body.put("maintenanceWindow", "18:00Z-22:00Z");
    body.put("networkType", "VPC");
    body.put("endpoint", instanceId + ".sqlup.internal");
    body.put("vip", "10.0.0.5");
    body.put("port", 1433);
    body.put("tags", Map.of("team", "sales"));
    body.put("engine", Map.of("binding", "simulated"));
    Map<String, Object> simulation = new LinkedHashMap<>();
    simulation.put("databases", databases);
    simulation.put("logGbPerHour", logGbPerHour);
    simulation.putAll(simulationExtra);
    body.put("simulation", simulation);
    body.putAll(extra);
    return body;
  }

  static Map<String, Object> guideExample(String instanceId) {
    return instance(
        instanceId,
        GB_PER_HOUR_FOR_10_GB_OF_LOG,
        List.of(database("sales", 600)),
        Map.of(),
        Map.of());
  }

  static Map<String, Object> upgradeTo2022(String switchTime, String clientToken) {
    return Map.of(
        "engineVersion",
        "2022",
        "sqlEdition",
        "Standard",
        "rdsEdition",
        "HighAvailability",
        "instanceType",
        "mssql.x4.large",
        "switchTime",
        switchTime,
        "clientToken",
        clientToken);
  }
}
