package dev.sqlup.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sqlup.config.JsonLog;
import dev.sqlup.config.Services;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.json.Json;
import dev.sqlup.store.TestTables;
import dev.sqlup.testing.Dynalite;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The sweeper's metrics: in-flight tasks read from the tasks table (dynalite), counted, sent with
 * the real CloudWatch client to a loopback server playing CloudWatch; a failing CloudWatch never
 * fails the sweep.
 */
class SweeperMetricsTest {
  final DynamoDbClient dynamo = Dynalite.client();
  final TestTables tables = TestTables.create(dynamo);
  final Clock clock = Clock.fixed(Instant.parse("2026-11-24T14:00:00Z"), ZoneOffset.UTC);

  SweeperHandler sweeper(int cloudWatchStatus, List<String> bodies) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          bodies.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
          exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
          exchange.sendResponseHeaders(cloudWatchStatus, -1);
          exchange.close();
        });
    server.start();
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                Services.INSTANCES_TABLE,
                tables.instances(),
                Services.TASKS_TABLE,
                tables.tasks(),
                Services.FLEET_TABLE,
                "Fleet",
                Services.UPGRADE_STATE_MACHINE_ARN,
                "arn:aws:states:us-east-1:123456789012:stateMachine:M",
                "METRICS_NAMESPACE",
                "sqlup/test",
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                "k",
                "AWS_SECRET_ACCESS_KEY",
                "s",
                "AWS_ENDPOINT_URL_CLOUDWATCH",
                "http://127.0.0.1:" + server.getAddress().getPort()));
    env.put("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:1");
    return new SweeperHandler(new Services(env, clock).withDynamoDb(dynamo));
  }

  void seed(Services services) {
    for (String[] t :
        new String[][] {
          {"up-ok", "2026-11-24T13:00:00.000Z"}, {"up-late", "2026-11-24T08:00:00.000Z"}
        }) {
      services
          .tasks()
          .create(
              Json.read(
                  """
          {"taskId": "%s", "instanceId": "rm-1", "status": "Running", "requestHash": "x", "createdAt": "%s",
           "estimate": {"phases": {"create": 720, "fullBackup": 1000, "restoreFull": 1000, "logBackup": 120,
                                   "logApply": 120, "restoreDatabases": 240, "switch": 0},
                        "totalSeconds": 3200, "fullBackupSkipped": false, "dataSizeGb": 10, "logGb": 1}}
          """
                      .formatted(t[0], t[1]),
                  UpgradeTask.class));
    }
  }

  @Test
  void activeUpgradesAndTasksOverEstimate_areCounted_andSent() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    SweeperHandler handler = sweeper(200, bodies);
    seed(new Services(Map.of(Services.TASKS_TABLE, tables.tasks()), clock).withDynamoDb(dynamo));
    List<String> lines = new ArrayList<>();

    TaskMetrics.Snapshot snapshot = handler.publishMetrics(JsonLog.to(lines::add, clock, null));

    assertThat(snapshot.active()).isEqualTo(2);
    assertThat(snapshot.overEstimate()).containsExactly("up-late");
    assertThat(bodies).hasSize(1);
    assertThat(bodies.get(0)).contains("sqlup/test", "ActiveUpgrades", "TasksOverEstimate");
    assertThat(Json.readObject(lines.get(0)))
        .containsEntry("message", "upgrades in flight")
        .containsEntry("published", true)
        .containsEntry("tasksOverEstimate", List.of("up-late"));
  }

  @Test
  void aFailingCloudWatch_isLogged_andDoesNotFailTheSweep() throws Exception {
    SweeperHandler handler = sweeper(500, new CopyOnWriteArrayList<>());
    List<String> lines = new ArrayList<>();

    assertThat(handler.publishMetrics(JsonLog.to(lines::add, clock, null))).isNull();
    assertThat(Json.readObject(lines.get(lines.size() - 1)))
        .containsEntry("level", "ERROR")
        .containsEntry("message", "task metrics not published");
  }
}
