package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.config.DataPlaneMode;
import dev.sqlup.config.Services;
import dev.sqlup.config.UpgradeLauncher;
import dev.sqlup.dataplane.sqlserver.TargetHostPool;
import dev.sqlup.store.TestTables;
import dev.sqlup.testing.ExampleTask;
import dev.sqlup.testing.TestJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Handlers wired as the Lambda runtime would, against fresh dynalite tables, a settable clock,
 * seeded task ids and a recording launcher. Events are read with the Lambda runtime's own
 * serializer.
 */
final class ApiFixture {
  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final PojoSerializer<APIGatewayProxyRequestEvent> EVENTS =
      LambdaEventSerializers.serializerFor(
          APIGatewayProxyRequestEvent.class, ApiFixture.class.getClassLoader());

  final DynamoDbClient dynamo;
  final TestTables tables;
  final SettableClock clock = new SettableClock(T0);
  final RecordingLauncher launcher = new RecordingLauncher();
  final Services services;
  final String fleetTable;

  /**
   * The sqlserver binding's discovery: recorded SQL Server 2016 result sets (no SQL Server runs
   * here).
   */
  final dev.sqlup.dataplane.sqlserver.RecordedSqlServerPlane sqlServer =
      new dev.sqlup.dataplane.sqlserver.RecordedSqlServerPlane("2016", clock);

  ApiFixture(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
    this.tables = TestTables.create(dynamo);
    // Registration discovers the source: the simulated binding reads its fleet table.
    this.fleetTable = tables.instances() + "-fleet";
    dev.sqlup.store.TableDefinitions.createAll(
        dynamo,
        List.of(dev.sqlup.dataplane.simulated.FleetTableDefinition.createTableRequest(fleetTable)));
    AtomicInteger ids = new AtomicInteger();
    this.services =
        new Services(
                Map.of(
                    Services.FLEET_TABLE,
                    fleetTable,
                    Services.INSTANCES_TABLE,
                    tables.instances(),
                    Services.TASKS_TABLE,
                    tables.tasks(),
                    Services.UPGRADE_STATE_MACHINE_ARN,
                    "arn:aws:states:us-east-1:123456789012:stateMachine:UpgradeStateMachine",
                    RegisterTargetHostHandler.TABLE_VARIABLE,
                    tables.instances() + "-pool",
                    DataPlaneMode.VARIABLE,
                    "simulated",
                    dev.sqlup.config.CampaignServices.CAMPAIGNS_TABLE,
                    tables.instances() + "-campaigns"),
                clock)
            .withDynamoDb(dynamo)
            .withDataPlanes(s -> new dev.sqlup.config.DataPlaneBindings(s, null, sqlServer))
            .withLauncher(launcher)
            .withTaskIds(() -> "up-test-" + ids.incrementAndGet());
  }

  /** The handler serving an event's route, as template.yaml wires it. */
  ApiHandler handlerFor(APIGatewayProxyRequestEvent event) {
    return switch (event.getHttpMethod() + " " + event.getResource()) {
      case "POST /instances" -> new RegisterInstanceHandler(services);
      case "GET /instances" -> new ListInstancesHandler(services);
      case "GET /instances/{instanceId}" -> new GetInstanceHandler(services);
      case "POST /instances/{instanceId}/discover" -> new DiscoverSourceHandler(services);
      case "PATCH /instances/{instanceId}" -> new UpdateInstanceHandler(services);
      case "DELETE /instances/{instanceId}" -> new DeleteInstanceHandler(services);
      case "GET /target-hosts" -> {
        createPoolTable();
        yield new ListTargetHostsHandler(services);
      }
      case "DELETE /target-hosts/{hostId}" -> {
        createPoolTable();
        yield new DeleteTargetHostHandler(services);
      }
      case "POST /target-hosts/{hostId}/return" -> {
        createPoolTable();
        yield new ReturnTargetHostHandler(services);
      }
      case "GET /instances/{instanceId}/upgrade-options" -> new GetUpgradeOptionsHandler(services);
      case "POST /instances/{instanceId}/upgrades" -> new SubmitUpgradeHandler(services);
      case "GET /instances/{instanceId}/tasks" -> new ListInstanceTasksHandler(services);
      case "GET /tasks/{taskId}" -> new GetTaskHandler(services);
      case "DELETE /tasks/{taskId}" -> new CancelTaskHandler(services);
      case "POST /tasks/{taskId}/switchover" -> new SwitchoverTaskHandler(services);
      case "PATCH /tasks/{taskId}" -> new UpdateTaskHandler(services);
      case "POST /target-hosts" -> {
        createPoolTable();
        yield new RegisterTargetHostHandler(services);
      }
      case "POST /campaigns" -> {
        createCampaignsTable();
        yield new CreateCampaignHandler(
            services, campaigns(), new CampaignWorld.RecordingControl());
      }
      case "GET /campaigns" -> {
        createCampaignsTable();
        yield new ListCampaignsHandler(services);
      }
      case "GET /campaigns/{campaignId}" -> {
        createCampaignsTable();
        yield new GetCampaignHandler(services);
      }
      case "POST /campaigns/{campaignId}/actions" -> {
        createCampaignsTable();
        yield new CampaignActionHandler(
            services, campaigns(), new CampaignWorld.RecordingControl());
      }
      default ->
          throw new IllegalArgumentException(
              "no route " + event.getHttpMethod() + " " + event.getResource());
    };
  }

  private boolean poolTable;

  private boolean campaignsTable;

  /** The Campaigns table, created when a test first uses a campaign route. */
  private synchronized void createCampaignsTable() {
    if (!campaignsTable) {
      dev.sqlup.store.TableDefinitions.createAll(
          dynamo,
          List.of(
              dev.sqlup.store.TableDefinitions.campaigns(
                  services.env(dev.sqlup.config.CampaignServices.CAMPAIGNS_TABLE))));
      campaignsTable = true;
    }
  }

  private dev.sqlup.store.CampaignRepository campaigns() {
    return dev.sqlup.config.CampaignServices.campaigns(services);
  }

  /** The target host pool's table, created when a test first uses its route (most never do). */
  synchronized void createPoolTable() {
    if (!poolTable) {
      TargetHostPool.createTable(dynamo, services.env(RegisterTargetHostHandler.TABLE_VARIABLE));
      poolTable = true;
    }
  }

  Response send(APIGatewayProxyRequestEvent event) {
    APIGatewayProxyResponseEvent r = handlerFor(event).handleRequest(event, null);
    return new Response(r.getStatusCode(), read(r.getBody()));
  }

  Response send(String fixture) {
    return send(event(fixture));
  }

  static APIGatewayProxyRequestEvent event(String fixture) {
    try (InputStream in =
        ApiFixture.class.getResourceAsStream("/apigateway/events/" + fixture + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + fixture);
      }
      return EVENTS.fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static APIGatewayProxyRequestEvent event(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return EVENTS.fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fixture with another body (null: none). */
  static APIGatewayProxyRequestEvent withBody(String fixture, String body) {
    APIGatewayProxyRequestEvent e = event(fixture);
    e.setBody(body);
    return e;
  }

  static APIGatewayProxyRequestEvent withPath(String fixture, String name, String value) {
    APIGatewayProxyRequestEvent e = event(fixture);
    java.util.Map<String, String> p = new java.util.HashMap<>(e.getPathParameters());
    p.put(name, value);
    e.setPathParameters(p);
    return e;
  }

  /** Registers the fixture instance (the guide's example) with edits to its JSON. */
  Response register(Map<String, Object> overrides) {
    return register(java.util.Set.of(), overrides);
  }

  /**
   * Registers the fixture instance without the {@code removed} fields and with edits to its JSON.
   */
  Response register(java.util.Set<String> removed, Map<String, Object> overrides) {
    try {
      com.fasterxml.jackson.databind.node.ObjectNode body =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              TestJson.MAPPER.readTree(event("register-instance").getBody());
      removed.forEach(body::remove);
      overrides.forEach((k, v) -> body.set(k, TestJson.MAPPER.valueToTree(v)));
      return send(withBody("register-instance", body.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A running task {@code up-example-task} of rm-guide-1, which the task events of the fixtures
   * name.
   */
  void seedExampleTask() {
    services.tasks().create(ExampleTask.running());
  }

  /**
   * Host {@code sql22-std-07} of the target-host events, DIRTY: an upgrade was compensated on it.
   */
  void seedDirtyHost() {
    createPoolTable();
    TargetHostPool pool =
        new TargetHostPool(dynamo, services.env(RegisterTargetHostHandler.TABLE_VARIABLE));
    dev.sqlup.dataplane.sqlserver.TargetHost host =
        pool.register(
            new dev.sqlup.dataplane.sqlserver.TargetHost(
                "sql22-std-07",
                "sql22-std-07.db.internal",
                1433,
                "2022",
                "Standard",
                "mssql.x4.large",
                8,
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:sqlup/pool/sql22-std-07-AbCdEf",
                "/var/opt/mssql/data",
                "/var/opt/mssql/log",
                false,
                null,
                null));
    pool.claim(host.poolKey(), 1433, "up-compensated");
    pool.markDirty(host.poolKey(), "sql22-std-07", "up-compensated");
  }

  /**
   * Seeds what an event of {@code events/} names: the guide's instance, a running task, a DIRTY
   * host.
   */
  void seedFor(Path file) {
    String name = file.getFileName().toString();
    if (!name.equals("register-instance.json")) {
      if (register(Map.of()).status() != 201) {
        throw new IllegalStateException("could not register the guide's instance");
      }
      seedExampleTask();
    }
    if (name.contains("target-host") && !name.startsWith("register-")) {
      seedDirtyHost();
    }
  }

  /** Every item of both tables, for "nothing changed" checks. */
  List<Map<String, AttributeValue>> snapshot() {
    List<Map<String, AttributeValue>> all = new java.util.ArrayList<>();
    for (String t : List.of(tables.instances(), tables.tasks())) {
      dynamo.scanPaginator(b -> b.tableName(t).consistentRead(true)).items().forEach(all::add);
    }
    all.sort(java.util.Comparator.comparing(Object::toString));
    return all;
  }

  private static JsonNode read(String body) {
    try {
      return body == null ? null : TestJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Response(int status, JsonNode body) {
    String code() {
      return body.path("code").asText(null);
    }
  }

  static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static final class RecordingLauncher implements UpgradeLauncher {
    final List<String> started = new CopyOnWriteArrayList<>();
    final List<String> inputs = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public void start(String taskId, String inputJson) {
      if (failing) {
        throw new LaunchFailedException("Step Functions unavailable", null);
      }
      started.add(taskId);
      inputs.add(inputJson);
    }
  }
}
