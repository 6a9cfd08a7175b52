package dev.sqlup.config;

import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.dataplane.TargetHosts;
import dev.sqlup.dataplane.simulated.FaultPlan;
import dev.sqlup.dataplane.simulated.SimulatedDataPlane;
import dev.sqlup.dataplane.sqlserver.PooledTargetHosts;
import dev.sqlup.dataplane.sqlserver.SqlServerDataPlaneFactory;
import dev.sqlup.dataplane.sqlserver.TargetHostPool;
import dev.sqlup.domain.EngineBinding;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The composition root of the data planes: builds each binding once from {@link Services} (its
 * tables, clients and clock), so API and workflow handlers depend only on the {@link DataPlane}
 * interface.
 */
public final class DataPlaneBindings {
  /**
   * How old a source's inventory may be for an upgrade on the real data plane (minutes; default
   * 60).
   */
  public static final String INVENTORY_MAX_AGE = "SOURCE_INVENTORY_MAX_AGE_MINUTES";

  private final Services services;
  private DataPlane simulated;
  private DataPlane sqlserver;
  private TargetHosts targetHosts;

  public DataPlaneBindings(Services services) {
    this.services = services;
  }

  /**
   * Bindings with ready data planes (tests: a recorded sqlserver source); a null one is built as
   * usual.
   */
  public DataPlaneBindings(Services services, DataPlane simulated, DataPlane sqlserver) {
    this.services = services;
    this.simulated = simulated;
    this.sqlserver = sqlserver;
  }

  /** The data plane of a binding; an unknown binding is an IllegalArgumentException. */
  public synchronized DataPlane forBinding(String binding) {
    if (EngineBinding.SIMULATED.equals(binding)) {
      if (simulated == null) {
        simulated = simulated(services);
      }
      return simulated;
    }
    if (EngineBinding.SQLSERVER.equals(binding)) {
      if (sqlserver == null) {
        sqlserver = sqlServer(services);
      }
      return sqlserver;
    }
    throw new IllegalArgumentException(
        "unknown data plane binding '"
            + binding
            + "' (known: "
            + EngineBinding.SIMULATED
            + ", "
            + EngineBinding.SQLSERVER
            + ")");
  }

  /**
   * The sqlserver binding's pool of prepared target hosts (table {@code TARGET_HOST_POOL_TABLE}).
   */
  public synchronized TargetHosts targetHosts() {
    if (targetHosts == null) {
      targetHosts =
          new PooledTargetHosts(
              new TargetHostPool(
                  services.dynamoDb(), services.env(SqlServerDataPlaneFactory.POOL_TABLE)));
    }
    return targetHosts;
  }

  /**
   * Whether upgrades on this binding need a fresh inventory (the real data plane: facts, not a
   * model).
   */
  public static boolean requiresDiscovery(String binding) {
    return EngineBinding.SQLSERVER.equals(binding);
  }

  public Duration inventoryMaxAge() {
    return Duration.ofMinutes(Long.parseLong(services.envOrDefault(INVENTORY_MAX_AGE, "60")));
  }

  /**
   * When the simulated fleet's clients had their connections moved to the target (empty before):
   * the workflow's downtime measure, which only the simulated binding can observe. Built here so
   * the workflow sees a function, not the binding.
   */
  public static java.util.function.Function<
          dev.sqlup.dataplane.InstanceRef, java.util.Optional<java.time.Instant>>
      connectionsMigratedAt(DataPlane simulated) {
    SimulatedDataPlane plane = (SimulatedDataPlane) simulated;
    return source ->
        plane
            .endpointState(source)
            .map(dev.sqlup.dataplane.simulated.EndpointState::connectionsMigratedAt);
  }

  public static SimulatedDataPlane simulated(Services services) {
    return new SimulatedDataPlane(
        services.dynamoDb(),
        services.env(Services.FLEET_TABLE),
        services.clock(),
        FaultPlan.parse(services.envOrDefault(FaultPlan.ENVIRONMENT_VARIABLE, "")));
  }

  /**
   * The sqlserver binding (docs/runbook.md): its operation journal and target host pool tables, and
   * Secrets Manager and Route 53 clients built like the other clients (url-connection, AWS_REGION,
   * the function environment's credentials, the standard endpoint override variables).
   */
  public static DataPlane sqlServer(Services services) {
    Map<String, String> env = new HashMap<>();
    for (String name :
        List.of(
            SqlServerDataPlaneFactory.OPERATIONS_TABLE,
            SqlServerDataPlaneFactory.POOL_TABLE,
            "SQLSERVER_LOGIN_TIMEOUT_SECONDS",
            "SQLSERVER_QUERY_TIMEOUT_SECONDS",
            "SECRET_CACHE_SECONDS")) {
      String value = services.envOrDefault(name, null);
      if (value != null) {
        env.put(name, value);
      }
    }
    Region region = Region.of(services.envOrDefault("AWS_REGION", "us-east-1"));
    var secrets =
        SecretsManagerClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .region(region)
            .credentialsProvider(services.credentials());
    String secretsEndpoint = services.envOrDefault("AWS_ENDPOINT_URL_SECRETS_MANAGER", null);
    if (secretsEndpoint != null) {
      secrets.endpointOverride(URI.create(secretsEndpoint));
    }
    // Route 53 is a global service: its API lives in us-east-1 (aws partition).
    var route53 =
        Route53Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(services.credentials());
    String route53Endpoint = services.envOrDefault("AWS_ENDPOINT_URL_ROUTE_53", null);
    if (route53Endpoint != null) {
      route53.endpointOverride(URI.create(route53Endpoint));
    }
    return SqlServerDataPlaneFactory.create(
        env, services.clock(), services.dynamoDb(), secrets.build(), route53.build());
  }
}
