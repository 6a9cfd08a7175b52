package dev.sqlup.dataplane.sqlserver;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the sqlserver data plane from a container's clients and environment (for {@code
 * dev.sqlup.config.Services}). Variables: {@code SQLSERVER_OPERATIONS_TABLE} (the operation
 * journal), {@code TARGET_HOST_POOL_TABLE}, and optionally {@code SQLSERVER_LOGIN_TIMEOUT_SECONDS}
 * (default 15), {@code SQLSERVER_QUERY_TIMEOUT_SECONDS} (default 60), {@code SECRET_CACHE_SECONDS}
 * (default 300).
 */
public final class SqlServerDataPlaneFactory {
  public static final String OPERATIONS_TABLE = "SQLSERVER_OPERATIONS_TABLE";
  public static final String POOL_TABLE = "TARGET_HOST_POOL_TABLE";

  private SqlServerDataPlaneFactory() {}

  public static SqlServerDataPlane create(
      Map<String, String> environment,
      Clock clock,
      DynamoDbClient dynamo,
      SecretsManagerClient secretsManager,
      Route53Client route53) {
    int loginTimeout =
        Integer.parseInt(environment.getOrDefault("SQLSERVER_LOGIN_TIMEOUT_SECONDS", "15"));
    int queryTimeout =
        Integer.parseInt(environment.getOrDefault("SQLSERVER_QUERY_TIMEOUT_SECONDS", "60"));
    long cacheSeconds = Long.parseLong(environment.getOrDefault("SECRET_CACHE_SECONDS", "300"));
    SecretsManagerLogins logins =
        new SecretsManagerLogins(secretsManager, clock, Duration.ofSeconds(cacheSeconds));
    return new SqlServerDataPlane(
        new MssqlJdbcConnector(logins, loginTimeout, queryTimeout),
        new OperationJournal(dynamo, required(environment, OPERATIONS_TABLE)),
        new TargetHostPool(dynamo, required(environment, POOL_TABLE)),
        new Route53Endpoint(route53),
        clock,
        queryTimeout);
  }

  private static String required(Map<String, String> environment, String name) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: the sqlserver data plane needs it");
    }
    return value;
  }
}
