package dev.sqlup.proof.api;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.sqlup.api.CancelTaskHandler;
import dev.sqlup.api.DeleteInstanceHandler;
import dev.sqlup.api.DeleteTargetHostHandler;
import dev.sqlup.api.DiscoverSourceHandler;
import dev.sqlup.api.GetInstanceHandler;
import dev.sqlup.api.GetTaskHandler;
import dev.sqlup.api.GetUpgradeOptionsHandler;
import dev.sqlup.api.ListInstanceTasksHandler;
import dev.sqlup.api.ListInstancesHandler;
import dev.sqlup.api.ListTargetHostsHandler;
import dev.sqlup.api.RegisterInstanceHandler;
import dev.sqlup.api.RegisterTargetHostHandler;
import dev.sqlup.api.ReturnTargetHostHandler;
import dev.sqlup.api.SubmitUpgradeHandler;
import dev.sqlup.api.SwitchoverTaskHandler;
import dev.sqlup.api.UpdateInstanceHandler;
import dev.sqlup.api.UpdateTaskHandler;
import dev.sqlup.config.DataPlaneMode;
import dev.sqlup.config.Services;
import dev.sqlup.config.UpgradeLauncher;
import dev.sqlup.dataplane.sqlserver.TargetHostPool;
import dev.sqlup.proof.CfnTemplate;
import dev.sqlup.store.TableDefinitions;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.testing.ExampleTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The real API handlers, in-process, on fresh dynalite tables, routed as template.yaml routes them,
 * with a launcher that records workflow starts. Seeds the guide's instance {@code rm-guide-1} and a
 * running task {@code up-example-task}, which the events of {@code events/} refer to.
 */
final class ApiRig {
  /**
   * Route (METHOD resource) → handler, as template.yaml wires them; its typed method (the Lambda
   * runtime calls the stream one).
   */
  static final Map<
          String,
          Function<
              Services, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>>>
      ROUTES =
          new TreeMap<>(
              Map.ofEntries(
                  route("POST /instances", s -> new RegisterInstanceHandler(s)::handleRequest),
                  route("GET /instances", s -> new ListInstancesHandler(s)::handleRequest),
                  route(
                      "GET /instances/{instanceId}", s -> new GetInstanceHandler(s)::handleRequest),
                  route(
                      "GET /instances/{instanceId}/upgrade-options",
                      s -> new GetUpgradeOptionsHandler(s)::handleRequest),
                  route(
                      "POST /instances/{instanceId}/upgrades",
                      s -> new SubmitUpgradeHandler(s)::handleRequest),
                  route(
                      "GET /instances/{instanceId}/tasks",
                      s -> new ListInstanceTasksHandler(s)::handleRequest),
                  route("GET /tasks/{taskId}", s -> new GetTaskHandler(s)::handleRequest),
                  route("DELETE /tasks/{taskId}", s -> new CancelTaskHandler(s)::handleRequest),
                  route("POST /target-hosts", s -> new RegisterTargetHostHandler(s)::handleRequest),
                  route(
                      "POST /instances/{instanceId}/discover",
                      s -> new DiscoverSourceHandler(s)::handleRequest),
                  route(
                      "PATCH /instances/{instanceId}",
                      s -> new UpdateInstanceHandler(s)::handleRequest),
                  route(
                      "DELETE /instances/{instanceId}",
                      s -> new DeleteInstanceHandler(s)::handleRequest),
                  route("GET /target-hosts", s -> new ListTargetHostsHandler(s)::handleRequest),
                  route(
                      "DELETE /target-hosts/{hostId}",
                      s -> new DeleteTargetHostHandler(s)::handleRequest),
                  route(
                      "POST /target-hosts/{hostId}/return",
                      s -> new ReturnTargetHostHandler(s)::handleRequest),
                  route(
                      "POST /campaigns",
                      s -> new dev.sqlup.api.CreateCampaignHandler(s)::handleRequest),
                  route(
                      "GET /campaigns",
                      s -> new dev.sqlup.api.ListCampaignsHandler(s)::handleRequest),
                  route(
                      "GET /campaigns/{campaignId}",
                      s -> new dev.sqlup.api.GetCampaignHandler(s)::handleRequest),
                  route(
                      "POST /campaigns/{campaignId}/actions",
                      s -> new dev.sqlup.api.CampaignActionHandler(s)::handleRequest),
                  route(
                      "POST /tasks/{taskId}/switchover",
                      s -> new SwitchoverTaskHandler(s)::handleRequest),
                  route("PATCH /tasks/{taskId}", s -> new UpdateTaskHandler(s)::handleRequest)));

  private static Map.Entry<
          String,
          Function<
              Services, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>>>
      route(
          String route,
          Function<
                  Services,
                  RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>>
              make) {
    return Map.entry(route, make);
  }

  private static final PojoSerializer<APIGatewayProxyRequestEvent> EVENTS =
      LambdaEventSerializers.serializerFor(
          APIGatewayProxyRequestEvent.class, ApiRig.class.getClassLoader());

  final DynamoDbClient dynamo;
  final String instancesTable;
  final String tasksTable;
  final String poolTable;
  final String fleetTable;
  final String campaignsTable;
  final List<String> launched = new CopyOnWriteArrayList<>();
  final Services services;
  private final Map<
          String, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>>
      handlers = new LinkedHashMap<>();

  ApiRig(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    instancesTable = "Instances-proof-" + suffix;
    tasksTable = "UpgradeTasks-proof-" + suffix;
    poolTable = "TargetHostPool-proof-" + suffix;
    TableDefinitions.createAll(
        dynamo,
        List.of(TableDefinitions.instances(instancesTable), TableDefinitions.tasks(tasksTable)));
    TargetHostPool.createTable(dynamo, poolTable);
    // Registration discovers the source: the simulated binding reads its fleet table.
    fleetTable = "Fleet-proof-" + suffix;
    TableDefinitions.createAll(
        dynamo,
        List.of(dev.sqlup.dataplane.simulated.FleetTableDefinition.createTableRequest(fleetTable)));
    campaignsTable = "Campaigns-proof-" + suffix;
    TableDefinitions.createAll(dynamo, List.of(TableDefinitions.campaigns(campaignsTable)));
    AtomicInteger ids = new AtomicInteger();
    UpgradeLauncher launcher = (taskId, input) -> launched.add(taskId);
    services =
        new Services(
                Map.of(
                    Services.INSTANCES_TABLE, instancesTable,
                    Services.TASKS_TABLE, tasksTable,
                    Services.FLEET_TABLE, fleetTable,
                    Services.UPGRADE_STATE_MACHINE_ARN,
                        "arn:aws:states:us-east-1:123456789012:stateMachine:UpgradeStateMachine",
                    RegisterTargetHostHandler.TABLE_VARIABLE, poolTable,
                    DataPlaneMode.VARIABLE, "simulated",
                    dev.sqlup.config.CampaignServices.CAMPAIGNS_TABLE, campaignsTable),
                Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC))
            .withDynamoDb(dynamo)
            .withLauncher(launcher)
            .withTaskIds(() -> "up-proof-" + ids.incrementAndGet());
    ROUTES.forEach((route, make) -> handlers.put(route, make.apply(services)));
  }

  /** Registers rm-guide-1 (the register-instance event) and a running task up-example-task. */
  ApiRig seeded() {
    registered();
    services.tasks().create(ExampleTask.running());
    return this;
  }

  /** Registers rm-guide-1 only. */
  ApiRig registered() {
    APIGatewayProxyResponseEvent r = send(event("register-instance"));
    if (r.getStatusCode() != 201) {
      throw new IllegalStateException("seeding failed: " + r.getBody());
    }
    return this;
  }

  /**
   * A new handler for a route, as a separate Lambda container would build it (own Services, own
   * caches).
   */
  RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> newContainer(
      String route) {
    return ROUTES.get(route).apply(services.withDynamoDb(dynamo));
  }

  APIGatewayProxyResponseEvent send(APIGatewayProxyRequestEvent event) {
    var handler = handlers.get(event.getHttpMethod() + " " + event.getResource());
    if (handler == null) {
      throw new IllegalArgumentException(
          "no route " + event.getHttpMethod() + " " + event.getResource());
    }
    return handler.handleRequest(event, null);
  }

  /** An event of the top-level events/ folder (read with the Lambda runtime's serializer). */
  static APIGatewayProxyRequestEvent event(String name) {
    try (InputStream in =
        Files.newInputStream(Dynalite.projectRoot().resolve("events/" + name + ".json"))) {
      return EVENTS.fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> apiEventNames() {
    try (var files = Files.list(Dynalite.projectRoot().resolve("events"))) {
      List<String> names = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String text = Files.readString(f);
        if (text.contains("\"httpMethod\"") && text.contains("\"resource\"")) {
          names.add(f.getFileName().toString().replace(".json", ""));
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The API routes template.yaml declares (METHOD path), or null before the template exists. */
  static List<String> templateRoutes() {
    Path file = CfnTemplate.defaultPath(Dynalite.projectRoot());
    if (!Files.exists(file)) {
      return null;
    }
    List<String> routes = new ArrayList<>();
    CfnTemplate.load(file)
        .resourcesOfType("AWS::Serverless::Function")
        .values()
        .forEach(
            fn ->
                CfnTemplate.map(CfnTemplate.properties(fn).get("Events"))
                    .values()
                    .forEach(
                        e -> {
                          Map<String, Object> ev = CfnTemplate.map(e);
                          if ("Api".equals(ev.get("Type"))) {
                            Map<String, Object> p = CfnTemplate.properties(ev);
                            routes.add(
                                p.get("Method").toString().toUpperCase() + " " + p.get("Path"));
                          }
                        }));
    routes.sort(Comparator.naturalOrder());
    return routes;
  }

  /** Every item of both tables, sorted, for "nothing changed" checks. */
  List<String> snapshot() {
    List<String> all = new ArrayList<>();
    for (String t : List.of(instancesTable, tasksTable, poolTable, campaignsTable)) {
      dynamo
          .scanPaginator(b -> b.tableName(t).consistentRead(true))
          .items()
          .forEach(
              item -> all.add(t.substring(0, 5) + " " + new TreeMap<String, AttributeValue>(item)));
    }
    all.sort(Comparator.naturalOrder());
    return all;
  }
}
