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
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> logs = Fixtures.logs();

  private LocalServer.Config config(int apiPort) {
    return new LocalServer.Config(Fixtures.templatePath(), Dynalite.projectRoot(), apiPort, 0, 18083,
        Clock.systemUTC(), null, null, FakeServices.class.getName());
  }

  @Test
  void startsDynamoDbTablesExtensionsApiAndSchedules_andStopsThemAll() throws Exception {
    LocalServer server = LocalServer.start(config(0), logs::add);
    long nodePid = server.dynalite().pid();
    try (server; var client = LocalDynamoDb.client(server.dynamoDbEndpoint())) {
      assertThat(client.listTables().tableNames()).contains("InstancesTable", "sqlup-local-tasks");
      assertThat(RecordingServeExtension.STARTED.get().stepFunctionsPort()).isEqualTo(18083);
      assertThat(RecordingServeExtension.STARTED.get().dynamoDbEndpoint()).isEqualTo(server.dynamoDbEndpoint());

      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.api().url() + "/instances")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      var body = JSON.readTree(r.body());
      assertThat(body.get("dynamodbEndpoint").asText()).isEqualTo(server.dynamoDbEndpoint().toString());
      assertThat(server.schedules().nextDue()).isNotNull();
      Fixtures.awaitLog(logs, l -> l.matches("GET /instances 200 \\d+ ms"));
      assertThat(logs).anyMatch(l -> l.startsWith("DynamoDB: dynalite http://127.0.0.1:"))
          .anyMatch(l -> l.startsWith("tables: [InstancesTable, sqlup-local-tasks] (created"))
          .contains("Recording extension: started")
          .anyMatch(l -> l.startsWith("REST API: http://127.0.0.1:") && l.endsWith("(5 routes)"))
          .anyMatch(l -> l.matches("GET /instances 200 \\d+ ms"));
    }
    assertThat(RecordingServeExtension.CLOSED.get()).isTrue();
    assertThat(ProcessHandle.of(nodePid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void apiPortInUse_failsWithOneLine_andLeavesNothingRunning() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> LocalServer.start(config(taken.getLocalPort()), logs::add))
          .isInstanceOf(UserException.class).hasMessageContaining("is in use");
    }
    assertThat(RecordingServeExtension.CLOSED.get()).isTrue();
    String dynalite = logs.stream().filter(l -> l.startsWith("DynamoDB: dynalite")).findFirst().orElseThrow();
    long pid = Long.parseLong(dynalite.replaceAll(".*\\(pid (\\d+),.*", "$1"));
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }
}
