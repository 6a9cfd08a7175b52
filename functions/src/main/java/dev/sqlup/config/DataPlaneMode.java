package dev.sqlup.config;

import dev.sqlup.domain.EngineBinding;

/**
 * Which data planes a stack accepts, from {@code DATA_PLANE} (template parameter {@code
 * DataPlane}): {@code sqlserver} (the deployed default) accepts only real SQL Server instances;
 * {@code simulated} (what the local runtime sets) enables the simulated fleet as well. Missing or
 * blank means {@code sqlserver}: the simulated fleet runs only when asked for by name.
 */
public enum DataPlaneMode {
  SQLSERVER,
  SIMULATED;

  public static final String VARIABLE = "DATA_PLANE";

  public static DataPlaneMode of(Services services) {
    return parse(services.envOrDefault(VARIABLE, EngineBinding.SQLSERVER));
  }

  /**
   * {@code sqlserver} or {@code simulated}; anything else is a configuration error naming the
   * variable.
   */
  public static DataPlaneMode parse(String value) {
    return switch (value.trim()) {
      case EngineBinding.SQLSERVER -> SQLSERVER;
      case EngineBinding.SIMULATED -> SIMULATED;
      default ->
          throw new IllegalStateException(
              VARIABLE + " must be sqlserver or simulated, got '" + value + "'");
    };
  }

  /** Whether instances with this binding may be registered and upgraded here. */
  public boolean accepts(String binding) {
    return EngineBinding.SQLSERVER.equals(binding)
        || this == SIMULATED && EngineBinding.SIMULATED.equals(binding);
  }

  /** Why a binding is refused, for error messages. */
  public String refusal(String binding) {
    return "this stack runs the sqlserver data plane only ("
        + VARIABLE
        + "=sqlserver): the '"
        + binding
        + "' binding is not accepted; register the instance with engine.binding sqlserver, engine.host and "
        + "engine.secretArn, or deploy with the parameter DataPlane=simulated for a simulated fleet";
  }
}
