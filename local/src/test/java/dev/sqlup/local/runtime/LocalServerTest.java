package dev.sqlup.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.runtime.handlers.FakeServices;
import dev.sqlup.testing.Dynalite;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> logs = Fixtures.logs();

  private LocalServer.Config config(int apiPort) {
    return new LocalServer.Config(
        Fixtures.templatePath(),
        Dynalite.projectRoot(),
        apiPort,
        0,
        0,
        "real",
        null,
        null,
        null,
        FakeServices.class.getName());
  }

  @Test
  void startsDynamoDbTablesStepFunctionsApiAndSchedules_andStopsThemAll() throws Exception {
    LocalServer server = LocalServer.start(config(0), logs::add);
    long nodePid = server.dynalite().pid();
    try (server;
        var client = LocalDynamoDb.client(server.dynamoDbEndpoint())) {
      assertThat(client.listTables().tableNames()).contains("InstancesTable", "sqlup-local-tasks");
      assertThat(server.stateMachines()).containsOnlyKeys("UpgradeStateMachine");
      assertThat(
              server
                  .stepFunctions()
                  .describeStateMachine(server.stateMachines().get("UpgradeStateMachine"))
                  .definition())
          .contains("arn:aws:lambda:us-east-1:123456789012:function:")
          .doesNotContain("${");

      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.api().url() + "/instances")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      var body = JSON.readTree(r.body());
      assertThat(body.get("dynamodbEndpoint").asText())
          .isEqualTo(server.dynamoDbEndpoint().toString());
      assertThat(server.schedules().nextDue()).isNotNull();
      Fixtures.awaitLog(logs, l -> l.matches("GET /instances 200 \\d+ ms"));
      assertThat(logs)
          .anyMatch(l -> l.startsWith("DynamoDB: dynalite http://127.0.0.1:"))
          .anyMatch(l -> l.startsWith("tables: [InstancesTable, sqlup-local-tasks] (created"))
          .anyMatch(l -> l.startsWith("Step Functions API: http://127.0.0.1:"))
          .anyMatch(l -> l.startsWith("REST API: http://127.0.0.1:") && l.endsWith("(5 routes)"))
          .anyMatch(l -> l.matches("GET /instances 200 \\d+ ms"));
    }
    assertThat(ProcessHandle.of(nodePid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void stateMachineTasksRunTheTemplatesFunctionsInProcess() {
    LocalServer.Config virtual =
        new LocalServer.Config(
            Fixtures.templatePath(),
            Dynalite.projectRoot(),
            0,
            0,
            0,
            "virtual",
            null,
            null,
            null,
            FakeServices.class.getName());
    try (LocalServer server = LocalServer.start(virtual, logs::add)) {
      var engine = server.stepFunctions();
      var execution =
          engine.startExecution(
              server.stateMachines().get("UpgradeStateMachine"),
              "greet-1",
              "{\"name\":\"ada\",\"times\":2}");
      engine.awaitExecution(execution.executionArn(), java.time.Duration.ofSeconds(30));
      assertThat(engine.getExecutionHistory(execution.executionArn()))
          .filteredOn(e -> e.type().equals("LambdaFunctionSucceeded"))
          .singleElement()
          .satisfies(e -> assertThat(e.details().path("output").asText()).contains("hello ada"));
      assertThat(logs)
          .anyMatch(l -> l.startsWith("sfn greet-1 > Greet at "))
          .anyMatch(l -> l.startsWith("sfn greet-1 ExecutionStarted at "));
    }
  }

  @Test
  void apiPortInUse_failsWithOneLine_andLeavesNothingRunning() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> LocalServer.start(config(taken.getLocalPort()), logs::add))
          .isInstanceOf(UserException.class)
          .hasMessageContaining("is in use");
    }
    String dynalite =
        logs.stream().filter(l -> l.startsWith("DynamoDB: dynalite")).findFirst().orElseThrow();
    long pid = Long.parseLong(dynalite.replaceAll(".*\\(pid (\\d+),.*", "$1"));
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }
}
