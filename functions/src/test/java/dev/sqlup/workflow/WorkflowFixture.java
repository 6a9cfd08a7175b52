package dev.sqlup.workflow;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.api.RegisterInstanceHandler;
import dev.sqlup.api.SubmitUpgradeHandler;
import dev.sqlup.config.DataPlaneMode;
import dev.sqlup.config.Services;
import dev.sqlup.config.UpgradeLauncher;
import dev.sqlup.dataplane.simulated.FaultPlan;
import dev.sqlup.dataplane.simulated.SimulatedDataPlane;
import dev.sqlup.store.TableDefinitions;
import dev.sqlup.store.TestTables;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The workflow's handlers wired as in the Lambda runtime (through {@link Services}), against fresh
 * dynalite tables, a settable virtual clock and the real simulated data plane. Instances are
 * registered and upgrades submitted through the real API handlers; the launcher records the
 * execution input.
 */
final class WorkflowFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  final VirtualClock clock;
  final Services services;
  final String fleetTable;
  final List<String> launched = new ArrayList<>();

  WorkflowFixture(DynamoDbClient dynamo, Instant start) {
    this.clock = new VirtualClock(start);
    TestTables tables = TestTables.create(dynamo);
    this.fleetTable = "Fleet-" + UUID.randomUUID().toString().substring(0, 8);
    TableDefinitions.createAll(
        dynamo,
        List.of(dev.sqlup.dataplane.simulated.FleetTableDefinition.createTableRequest(fleetTable)));
    AtomicInteger ids = new AtomicInteger();
    UpgradeLauncher launcher = (taskId, input) -> launched.add(input);
    this.services =
        new Services(
                Map.of(
                    Services.INSTANCES_TABLE,
                    tables.instances(),
                    Services.TASKS_TABLE,
                    tables.tasks(),
                    Services.FLEET_TABLE,
                    fleetTable,
                    Services.UPGRADE_STATE_MACHINE_ARN,
                    "arn:aws:states:us-east-1:123456789012:stateMachine:UpgradeStateMachine",
                    DataPlaneMode.VARIABLE,
                    "simulated"),
                clock)
            .withDynamoDb(dynamo)
            .withLauncher(launcher)
            .withTaskIds(() -> "up-wf-" + ids.incrementAndGet());
  }

  SimulatedDataPlane sim() {
    return new SimulatedDataPlane(services.dynamoDb(), fleetTable, clock, FaultPlan.NONE);
  }

  /** Registers an instance through the API (201 expected); {@code body} is the request JSON. */
  void register(Map<String, Object> body) {
    var r =
        new RegisterInstanceHandler(services)
            .handleRequest(event("POST", "/instances", Map.of(), body), null);
    if (r.getStatusCode() != 201) {
      throw new IllegalStateException("register failed: " + r.getStatusCode() + " " + r.getBody());
    }
  }

  /** Submits an upgrade through the API; returns the task id (202 expected). */
  String submit(String instanceId, Map<String, Object> body) {
    var r =
        new SubmitUpgradeHandler(services)
            .handleRequest(
                event(
                    "POST",
                    "/instances/{instanceId}/upgrades",
                    Map.of("instanceId", instanceId),
                    body),
                null);
    if (r.getStatusCode() != 202 && r.getStatusCode() != 201) {
      throw new IllegalStateException("submit failed: " + r.getStatusCode() + " " + r.getBody());
    }
    try {
      return JSON.readTree(r.getBody()).path("taskId").asText();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> guideInstance(
      String instanceId,
      double logGbPerHour,
      List<Map<String, Object>> databases,
      Map<String, Object> extra) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
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
    Map<String, Object> simulation = new java.util.LinkedHashMap<>();
    simulation.put("databases", databases);
    simulation.put("logGbPerHour", logGbPerHour);
    body.put("simulation", simulation);
    body.putAll(extra);
    return body;
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

  private static APIGatewayProxyRequestEvent event(
      String method, String resource, Map<String, String> path, Map<String, Object> body) {
    APIGatewayProxyRequestEvent e = new APIGatewayProxyRequestEvent();
    e.setHttpMethod(method);
    e.setResource(resource);
    e.setPath(resource);
    e.setPathParameters(path.isEmpty() ? null : path);
    e.setHeaders(Map.of("Content-Type", "application/json"));
    try {
      e.setBody(JSON.writeValueAsString(body));
    } catch (java.io.IOException ex) {
      throw new IllegalStateException(ex);
    }
    return e;
  }

  /** Virtual time the tests move; never sleeps. */
  static final class VirtualClock extends Clock {
    private volatile Instant now;

    VirtualClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    void advanceSeconds(long seconds) {
      now = now.plusSeconds(seconds);
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
}
