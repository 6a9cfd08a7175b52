package dev.sqlup.domain;

import java.util.Map;

/**
 * Which data plane runs the instance's SQL Server operations: {@code simulated} (default) or {@code
 * sqlserver}. For {@code sqlserver}: {@code host}, {@code secretArn} (the login's secret, never a
 * password) and binding-specific {@code properties}.
 */
public record EngineBinding(
    String binding, String host, String secretArn, Map<String, String> properties) {
  public static final String SIMULATED = "simulated";
  public static final String SQLSERVER = "sqlserver";

  public EngineBinding {
    binding = binding == null ? SIMULATED : binding;
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  public static EngineBinding simulated() {
    return new EngineBinding(SIMULATED, null, null, Map.of());
  }
}
