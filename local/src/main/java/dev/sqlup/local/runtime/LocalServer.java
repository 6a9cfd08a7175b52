package dev.sqlup.local.runtime;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What {@code sqlup serve} runs: DynamoDB (dynalite, or an external endpoint) with the template's tables,
 * the {@link ServeExtension}s (the Step Functions API), the REST API and the schedules — all on loopback,
 * stopped in reverse order by {@link #close()}.
 */
public final class LocalServer implements AutoCloseable {

  /**
   * @param projectRoot holds {@code node_modules/dynalite}
   * @param externalDynamoDb use this endpoint instead of starting dynalite (null: start dynalite)
   * @param dataDir persistent data (null: in memory)
   * @param servicesClass the handlers' services type ({@link InProcessLambda#SERVICES_CLASS})
   */
  public record Config(Path template, Path projectRoot, int apiPort, int dynamoDbPort, int stepFunctionsPort,
      Clock clock, Path dataDir, URI externalDynamoDb, String servicesClass) {}

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private URI dynamoDbEndpoint;
  private ApiGatewayEmulator api;
  private ScheduleRunner schedules;
  private LocalDynamoDb dynalite;

  private LocalServer() {}

  /** Starts everything; on failure, stops what had started and rethrows. */
  public static LocalServer start(Config config, Consumer<String> log) {
    LocalServer server = new LocalServer();
    try {
      server.startAll(config, log);
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void startAll(Config config, Consumer<String> log) {
    SamTemplate template = SamTemplate.load(config.template());
    if (config.externalDynamoDb() != null) {
      dynamoDbEndpoint = config.externalDynamoDb();
      log.accept("DynamoDB: external " + dynamoDbEndpoint);
    } else {
      dynalite = LocalDynamoDb.start(config.projectRoot(), config.dynamoDbPort(), config.dataDir(), log);
      started.push(dynalite);
      dynamoDbEndpoint = dynalite.endpoint();
      log.accept("DynamoDB: dynalite " + dynamoDbEndpoint + " (pid " + dynalite.pid() + ", "
          + (config.dataDir() == null ? "in memory" : "data in " + config.dataDir().resolve("dynamodb")) + ")");
    }
    try (DynamoDbClient client = LocalDynamoDb.client(dynamoDbEndpoint)) {
      var created = LocalDynamoDb.createTables(client, template.tables());
      log.accept("tables: " + template.tables().stream().map(SamTable::tableName).toList()
          + (created.isEmpty() ? " (all existed)" : " (created " + created + ")"));
    }
    String sfnEndpoint = "http://127.0.0.1:" + config.stepFunctionsPort();
    InProcessLambda lambda = new InProcessLambda(template,
        LocalEndpoints.overrides(dynamoDbEndpoint.toString(), sfnEndpoint, null), config.clock(), log,
        config.servicesClass(), Thread.currentThread().getContextClassLoader());
    started.push(lambda);

    ServeContext context = new ServeContext(template, lambda, config.clock(), dynamoDbEndpoint,
        config.stepFunctionsPort(), config.dataDir(), log);
    boolean any = false;
    for (ServeExtension extension : ServiceLoader.load(ServeExtension.class)) {
      try {
        started.push(extension.start(context));
      } catch (UserException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(extension.name() + " failed to start: " + e.getMessage(), e);
      }
      log.accept(extension.name() + ": started");
      any = true;
    }
    if (!any) {
      log.accept("Step Functions API: not wired yet (no ServeExtension on the classpath); state machines do not run");
    }

    api = new ApiGatewayEmulator(lambda, config.apiPort(), config.clock(), log);
    started.push(api);
    log.accept("REST API: " + api.url() + " (" + api.routes().size() + " routes)");
    for (ApiRoute r : api.routes()) {
      log.accept("  " + r.method() + " " + r.resource() + " -> " + r.functionLogicalId());
    }

    schedules = new ScheduleRunner(lambda, config.clock().instant(), log);
    schedules.startTicking(config.clock(), Duration.ofSeconds(1));
    started.push(schedules);
    Object next = schedules.nextDue();
    log.accept("schedules: " + (next == null ? "none" : "next at " + next));
  }

  public URI dynamoDbEndpoint() {
    return dynamoDbEndpoint;
  }

  public ApiGatewayEmulator api() {
    return api;
  }

  public ScheduleRunner schedules() {
    return schedules;
  }

  /** The dynalite process, or null with an external DynamoDB. */
  public LocalDynamoDb dynalite() {
    return dynalite;
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        // keep stopping the rest: nothing started may be left running
      }
    }
  }
}
