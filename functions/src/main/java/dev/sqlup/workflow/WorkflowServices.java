package dev.sqlup.workflow;

import dev.sqlup.config.DataPlaneMode;
import dev.sqlup.config.JsonLog;
import dev.sqlup.config.Services;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.simulated.EndpointState;
import dev.sqlup.dataplane.simulated.FaultPlan;
import dev.sqlup.dataplane.simulated.SimulatedDataPlane;
import dev.sqlup.domain.EngineBinding;
import dev.sqlup.workflow.plan.CatchUpPolicy;
import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.dataplane.sqlserver.SqlServerDataPlaneFactory;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the {@link Workflow} of a Lambda container from {@link Services}: the store's repositories and
 * the data plane chosen by the instance's binding. The simulated binding keeps its state in
 * {@code FLEET_TABLE} and reads seeded faults from {@code SIM_FAULTS}.
 */
public final class WorkflowServices {
  public static final String SIM_FAULTS = FaultPlan.ENVIRONMENT_VARIABLE;

  private WorkflowServices() {}

  public static Workflow workflow(Services services) {
    return new Workflow(new StoreUpgradeRecords(services.instances(), services.tasks()), dataPlanes(services),
        services.clock(), CatchUpPolicy.DEFAULT, services::catalogue,
        services.envOrDefault(JsonLog.METRICS_NAMESPACE, null));
  }

  /** The data plane per binding; each is built on first use and kept for the container's life. */
  public static DataPlanes dataPlanes(Services services) {
    DataPlaneMode mode = DataPlaneMode.of(services);
    return new DataPlanes() {
      private BoundDataPlane simulated;
      private BoundDataPlane sqlserver;

      @Override
      public boolean accepts(String binding) {
        return mode.accepts(binding);
      }

      @Override
      public synchronized BoundDataPlane forBinding(String binding) {
        if (EngineBinding.SIMULATED.equals(binding) && !mode.accepts(binding)) {
          // An instance registered before the stack was switched to sqlserver, or written around the API.
          throw new UpgradeFailedException("BindingUnavailable", mode.refusal(binding));
        }
        if (EngineBinding.SIMULATED.equals(binding)) {
          if (simulated == null) {
            SimulatedDataPlane plane = new SimulatedDataPlane(services.dynamoDb(),
                services.env(Services.FLEET_TABLE), services.clock(),
                FaultPlan.parse(services.envOrDefault(SIM_FAULTS, "")));
            simulated = new BoundDataPlane(plane, (InstanceRef source) ->
                plane.endpointState(source).map(EndpointState::connectionsMigratedAt));
          }
          return simulated;
        }
        if (EngineBinding.SQLSERVER.equals(binding)) {
          if (sqlserver == null) {
            sqlserver = new BoundDataPlane(sqlServer(services), source -> Optional.empty());
          }
          return sqlserver;
        }
        throw new UpgradeFailedException("BindingUnavailable", "unknown data plane binding '" + binding
            + "' (known: " + EngineBinding.SIMULATED + ", " + EngineBinding.SQLSERVER + ")");
      }
    };
  }


  /**
   * The sqlserver binding (docs/runbook.md): its operation journal and target host pool tables, and
   * Secrets Manager and Route 53 clients built like the other clients (url-connection, AWS_REGION,
   * the function environment's credentials, the standard endpoint override variables).
   */
  static DataPlane sqlServer(Services services) {
    Map<String, String> env = new HashMap<>();
    for (String name : List.of(SqlServerDataPlaneFactory.OPERATIONS_TABLE, SqlServerDataPlaneFactory.POOL_TABLE,
        "SQLSERVER_LOGIN_TIMEOUT_SECONDS", "SQLSERVER_QUERY_TIMEOUT_SECONDS", "SECRET_CACHE_SECONDS")) {
      String value = services.envOrDefault(name, null);
      if (value != null) {
        env.put(name, value);
      }
    }
    Region region = Region.of(services.envOrDefault("AWS_REGION", "us-east-1"));
    var secrets = SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(region)
        .credentialsProvider(services.credentials());
    String secretsEndpoint = services.envOrDefault("AWS_ENDPOINT_URL_SECRETS_MANAGER", null);
    if (secretsEndpoint != null) {
      secrets.endpointOverride(URI.create(secretsEndpoint));
    }
    // Route 53 is a global service: its API lives in us-east-1 (aws partition).
    var route53 = Route53Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.AWS_GLOBAL)
        .credentialsProvider(services.credentials());
    String route53Endpoint = services.envOrDefault("AWS_ENDPOINT_URL_ROUTE_53", null);
    if (route53Endpoint != null) {
      route53.endpointOverride(URI.create(route53Endpoint));
    }
    return SqlServerDataPlaneFactory.create(env, services.clock(), services.dynamoDb(), secrets.build(),
        route53.build());
  }
}
