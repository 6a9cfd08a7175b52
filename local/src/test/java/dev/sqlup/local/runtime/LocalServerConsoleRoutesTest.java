package dev.sqlup.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.runtime.handlers.FakeServices;
import dev.sqlup.testing.Dynalite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's read-only local routes beside the template's API: the state machine and one
 * execution's path.
 */
class LocalServerConsoleRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> logs = Fixtures.logs();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesTheStateMachineAndThePathAnExecutionTook_besideTheApi() throws Exception {
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
              "up-1",
              "{\"name\":\"ada\",\"times\":2}");
      engine.awaitExecution(execution.executionArn(), Duration.ofSeconds(30));

      HttpResponse<String> machine = get(server, "/local/state-machine");
      assertThat(machine.statusCode()).isEqualTo(200);
      JsonNode definition = JSON.readTree(machine.body()).path("definition");
      assertThat(definition.path("StartAt").asText()).isEqualTo("Greet");
      assertThat(machine.body()).doesNotContain("${");

      HttpResponse<String> path = get(server, "/local/executions/up-1");
      assertThat(path.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(path.body());
      // this input fails in the Choice (no rule matches it): the path shows where it stopped
      assertThat(body.path("status").asText()).isEqualTo("FAILED");
      assertThat(body.path("states").get(0).path("name").asText()).isEqualTo("Greet");
      assertThat(body.path("states").get(0).path("status").asText()).isEqualTo("Succeeded");
      assertThat(body.path("transitions").get(0).toString()).isEqualTo("[\"Greet\",\"IsLarge\"]");
      assertThat(body.has("currentState")).isFalse();
      assertThat(body.path("states").get(1).path("name").asText()).isEqualTo("IsLarge");
      assertThat(body.path("states").get(1).path("status").asText()).isEqualTo("Failed");
      assertThat(body.path("states").findValuesAsText("name")).containsExactly("Greet", "IsLarge");

      HttpResponse<String> missing = get(server, "/local/executions/up-2");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(JSON.readTree(missing.body()).path("code").asText())
          .isEqualTo("ExecutionDoesNotExist");
      assertThat(get(server, "/local/executions/NOT_AN_ID").statusCode()).isEqualTo(404);
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(URI.create(server.api().url() + "/local/state-machine"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);

      // the template's routes are untouched, and / leads to the console
      assertThat(get(server, "/instances").statusCode()).isEqualTo(200);
      HttpResponse<String> root = get(server, "/");
      assertThat(root.statusCode()).isEqualTo(302);
      assertThat(root.headers().firstValue("Location")).hasValue("/console/");
      assertThat(logs)
          .anyMatch(l -> l.startsWith("web console: " + server.api().url() + "/console/"));
    }
  }

  private HttpResponse<String> get(LocalServer server, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.api().url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
