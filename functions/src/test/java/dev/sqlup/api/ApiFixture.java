package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
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
 * Handlers wired as the Lambda runtime would, against fresh dynalite tables, a settable clock, seeded
 * task ids and a recording launcher. Events are read with the Lambda runtime's own serializer.
 */
final class ApiFixture {
  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final PojoSerializer<APIGatewayProxyRequestEvent> EVENTS =
      LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, ApiFixture.class.getClassLoader());

  final DynamoDbClient dynamo;
  final TestTables tables;
  final SettableClock clock = new SettableClock(T0);
  final RecordingLauncher launcher = new RecordingLauncher();
  final Services services;

  ApiFixture(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
    this.tables = TestTables.create(dynamo);
    AtomicInteger ids = new AtomicInteger();
    this.services = new Services(Map.of(
        Services.INSTANCES_TABLE, tables.instances(),
        Services.TASKS_TABLE, tables.tasks(),
        Services.UPGRADE_STATE_MACHINE_ARN, "arn:aws:states:us-east-1:123456789012:stateMachine:UpgradeStateMachine",
        RegisterTargetHostHandler.TABLE_VARIABLE, tables.instances() + "-pool",
        dev.sqlup.config.CampaignServices.CAMPAIGNS_TABLE, tables.instances() + "-campaigns"),
        clock)
        .withDynamoDb(dynamo)
        .withLauncher(launcher)
        .withTaskIds(() -> "up-test-" + ids.incrementAndGet());
  }

  /** The handler serving an event's route, as template.yaml wires it. */
  ApiHandler handlerFor(APIGatewayProxyRequestEvent event) {
    return switch (event.getHttpMethod() + " " + event.getResource()) {
      case "POST /instances" -> new RegisterInstanceHandler(services);
      case "GET /instances" -> new ListInstancesHandler(services);
      case "GET /instances/{instanceId}" -> new GetInstanceHandler(services);
      case "GET /instances/{instanceId}/upgrade-options" -> new GetUpgradeOptionsHandler(services);
      case "POST /instances/{instanceId}/upgrades" -> new SubmitUpgradeHandler(services);
      case "GET /instances/{instanceId}/tasks" -> new ListInstanceTasksHandler(services);
      case "GET /tasks/{taskId}" -> new GetTaskHandler(services);
      case "DELETE /tasks/{taskId}" -> new CancelTaskHandler(services);
      case "POST /target-hosts" -> {
        createPoolTable();
        yield new RegisterTargetHostHandler(services);
      }
      case "POST /campaigns" -> {
        createCampaignsTable();
        yield new CreateCampaignHandler(services, campaigns(), new CampaignWorld.RecordingControl());
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
        yield new CampaignActionHandler(services, campaigns(), new CampaignWorld.RecordingControl());
      }
      default -> throw new IllegalArgumentException("no route " + event.getHttpMethod() + " " + event.getResource());
    };
  }

  private boolean poolTable;

  private boolean campaignsTable;

  /** The Campaigns table, created when a test first uses a campaign route. */
  private synchronized void createCampaignsTable() {
    if (!campaignsTable) {
      dev.sqlup.store.TableDefinitions.createAll(dynamo, List.of(dev.sqlup.store.TableDefinitions.campaigns(
          services.env(dev.sqlup.config.CampaignServices.CAMPAIGNS_TABLE))));
      campaignsTable = true;
    }
  }

  private dev.sqlup.store.CampaignRepository campaigns() {
    return dev.sqlup.config.CampaignServices.campaigns(services);
  }

  /** The target host pool's table, created when a test first uses its route (most never do). */
  private synchronized void createPoolTable() {
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
    try (InputStream in = ApiFixture.class.getResourceAsStream("/apigateway/events/" + fixture + ".json")) {
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
    try {
      com.fasterxml.jackson.databind.node.ObjectNode body =
          (com.fasterxml.jackson.databind.node.ObjectNode) TestJson.MAPPER.readTree(event("register-instance").getBody());
      overrides.forEach((k, v) -> body.set(k, TestJson.MAPPER.valueToTree(v)));
      return send(withBody("register-instance", body.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A running task {@code up-example-task} of rm-guide-1, which the task events of the fixtures name. */
  void seedExampleTask() {
    services.tasks().create(ExampleTask.running());
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
