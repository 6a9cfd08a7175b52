package dev.sqlup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sqlup.domain.Fixtures;
import dev.sqlup.store.TableDefinitions;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.testing.TestJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Services built from an environment map: endpoints, credentials, tables; the Step Functions
 * launcher over HTTP.
 */
class ServicesTest {
  private HttpServer sfn;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> mode = new AtomicReference<>("ok");

  @BeforeEach
  void fakeStepFunctionsEndpoint() throws IOException {
    // A minimal AWS JSON 1.0 endpoint answering StartExecution, to drive the real SDK client.
    sfn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    sfn.createContext(
        "/",
        exchange -> {
          requests.add(TestJson.MAPPER.readTree(exchange.getRequestBody()));
          String body;
          int status;
          switch (mode.get()) {
            case "exists" -> {
              status = 400;
              body =
                  "{\"__type\":\"ExecutionAlreadyExists\",\"message\":\"Execution Already Exists\"}";
            }
            case "down" -> {
              status = 400;
              body =
                  "{\"__type\":\"StateMachineDoesNotExist\",\"message\":\"no such state machine\"}";
            }
            default -> {
              status = 200;
              body =
                  "{\"executionArn\":\"arn:aws:states:us-east-1:123456789012:execution:UpgradeStateMachine:x\",\"startDate\":1772445600}";
            }
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    sfn.start();
  }

  @AfterEach
  void stop() {
    sfn.stop(0);
  }

  private Services services(Map<String, String> extra) {
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                "local",
                "AWS_SECRET_ACCESS_KEY",
                "local",
                "AWS_ENDPOINT_URL_SFN",
                "http://127.0.0.1:" + sfn.getAddress().getPort(),
                "UPGRADE_STATE_MACHINE_ARN",
                "arn:aws:states:us-east-1:123456789012:stateMachine:UpgradeStateMachine"));
    env.putAll(extra);
    return new Services(env, Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void launcher_startsAnExecutionNamedAfterTheTask() {
    services(Map.of()).launcher().start("up-1", "{\"taskId\":\"up-1\",\"instanceId\":\"rm-1\"}");

    assertThat(requests)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.get("name").asText()).isEqualTo("up-1");
              assertThat(r.get("stateMachineArn").asText())
                  .endsWith(":stateMachine:UpgradeStateMachine");
              assertThat(r.get("input").asText()).contains("rm-1");
            });
  }

  @Test
  void launcher_treatsExecutionAlreadyExistsAsSuccess_andOtherErrorsAsLaunchFailed() {
    UpgradeLauncher launcher = services(Map.of()).launcher();
    mode.set("exists");
    launcher.start("up-1", "{}");

    mode.set("down");
    assertThatThrownBy(() -> launcher.start("up-2", "{}"))
        .isInstanceOf(UpgradeLauncher.LaunchFailedException.class)
        .hasMessageContaining("up-2");
  }

  @Test
  void missingVariable_isAClearError() {
    Services services = new Services(Map.of(), Clock.systemUTC());

    assertThatThrownBy(services::instances)
        .hasMessage("environment variable INSTANCES_TABLE is not set");
    assertThatThrownBy(() -> services.env("TASKS_TABLE")).hasMessageContaining("TASKS_TABLE");
  }

  @Test
  void dynamoDb_usesTheEndpointOverride_andTheTablesFromTheEnvironment() {
    String table = "Instances-services-" + System.nanoTime();
    TableDefinitions.createAll(Dynalite.client(), List.of(TableDefinitions.instances(table)));
    Services services =
        services(
            Map.of(
                "AWS_ENDPOINT_URL_DYNAMODB",
                Dynalite.endpoint().toString(),
                "INSTANCES_TABLE",
                table));

    services.instances().create(Fixtures.guideExample());

    assertThat(services.instances().get("rm-guide-1").createdAt())
        .isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    assertThat(services.dynamoDb()).isSameAs(services.dynamoDb());
    assertThat(services.withDynamoDb(Dynalite.client()).instances())
        .isNotSameAs(services.instances());
  }
}
