package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.testing.Dynalite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: {@code sqlup serve --data-dir} (the CLI jar, virtual clock) runs a campaign and is
 * killed with SIGKILL at seeded random moments mid-campaign, then restarted on the same data: the
 * campaign still finishes, every instance upgraded exactly once (one task per instance), nothing
 * lost.
 *
 * <p>Needs {@code local/target/sqlup-local.jar}: {@code mvn -B -o -Pslow -pl tests -am verify
 * -Dtest=CampaignCrashResumeTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
class CampaignCrashResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int INSTANCES = Integer.getInteger("proof.campaignCrash.instances", 12);
  static final int KILLS = Integer.getInteger("proof.campaignCrash.kills", 3);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void sigkilledServe_restarted_theCampaignFinishes_eachInstanceUpgradedOnce() throws Exception {
    Path root = Dynalite.projectRoot();
    Path jar = root.resolve("local/target/sqlup-local.jar");
    assertThat(jar).as("build the CLI jar first (./sqlup, or mvn -pl local -am package)").exists();
    Path data = Files.createTempDirectory("sqlup-campaign-crash-");
    int api = freePort();
    int dynamo = freePort();
    int sfn = freePort();
    SplittableRandom random = new SplittableRandom(20261203L);
    Process serve = start(jar, root, data, api, dynamo, sfn);
    try {
      for (int i = 0; i < INSTANCES; i++) {
        String id = String.format("rm-cc-%02d", i);
        ObjectNode body =
            JSON.createObjectNode()
                .put("instanceId", id)
                .put("engineVersion", "2016")
                .put("sqlEdition", "Standard")
                .put("rdsEdition", "HighAvailability")
                .put("instanceType", "mssql.x4.large")
                .put("dataSizeGb", 10 + 20 * (i % 4))
                .put(
                    "maintenanceWindow",
                    String.format("%02d:00Z-%02d:00Z", i % 24, (i % 24 + 3) % 24))
                .put("endpoint", id + ".sqlup.internal")
                .put("vip", "10.0.0.5");
        body.putObject("tags").put("suite", "crash");
        body.putObject("simulation")
            .put("logGbPerHour", 0.1)
            .putArray("databases")
            .addObject()
            .put("name", "app")
            .put("sizeGb", 10 + 20 * (i % 4))
            .put("recoveryModel", "FULL");
        assertThat(post(api, "/instances", body).statusCode()).isEqualTo(201);
      }
      ObjectNode campaign =
          JSON.createObjectNode().put("name", "crash").put("clientToken", "crash-1");
      campaign.putObject("selection").putObject("tags").put("suite", "crash");
      campaign.putObject("target").put("engineVersion", "2022");
      ArrayNode waves = campaign.putArray("waves");
      waves
          .addObject()
          .put("name", "canary")
          .put("size", 2)
          .put("maxConcurrency", 2)
          .put("toleratedFailures", 0);
      waves
          .addObject()
          .put("name", "rest")
          .put("maxConcurrency", 4)
          .put("toleratedFailures", "20%");
      HttpResponse<String> created = post(api, "/campaigns", campaign);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
      String id = JSON.readTree(created.body()).path("campaignId").asText();

      List<String> atKill = new ArrayList<>();
      for (int k = 0; k < KILLS; k++) {
        Thread.sleep(1000 + random.nextInt(4000));
        JsonNode before = JSON.readTree(get(api, "/campaigns/" + id).body());
        atKill.add(
            before.path("status").asText()
                + " "
                + before.at("/counts/succeeded").asInt()
                + "/"
                + INSTANCES);
        serve.destroyForcibly(); // SIGKILL: no shutdown hook runs
        serve.waitFor();
        serve = start(jar, root, data, api, dynamo, sfn);
      }

      // The kills must have hit the campaign mid-way, or the test proves nothing.
      assertThat(atKill)
          .as("campaign status at each kill")
          .anyMatch(
              a -> a.startsWith("Running ") && !a.endsWith(" " + INSTANCES + "/" + INSTANCES));
      long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
      JsonNode c = JSON.readTree(get(api, "/campaigns/" + id).body());
      while (!c.path("status").asText().equals("Succeeded")
          && !c.path("status").asText().equals("Halted")
          && System.nanoTime() < deadline) {
        Thread.sleep(1000);
        c = JSON.readTree(get(api, "/campaigns/" + id).body());
      }
      assertThat(c.path("status").asText()).as(c.toString()).isEqualTo("Succeeded");
      List<String> problems = new ArrayList<>();
      for (JsonNode member : c.path("instances")) {
        String instanceId = member.path("instanceId").asText();
        if (!member.path("status").asText().equals("Succeeded")) {
          problems.add(
              instanceId
                  + " "
                  + member.path("status").asText()
                  + " "
                  + member.path("reason").asText());
        }
        JsonNode tasks =
            JSON.readTree(get(api, "/instances/" + instanceId + "/tasks").body()).path("tasks");
        if (tasks.size() != 1) {
          problems.add(instanceId + ": " + tasks.size() + " tasks");
        }
        JsonNode instance = JSON.readTree(get(api, "/instances/" + instanceId).body());
        if (!instance.path("engineVersion").asText().equals("2022")
            || instance.hasNonNull("activeTaskId")) {
          problems.add(
              instanceId
                  + ": "
                  + instance.path("engineVersion").asText()
                  + " lock "
                  + instance.path("activeTaskId"));
        }
      }
      assertThat(problems).isEmpty();
      assertThat(c.at("/counts/succeeded").asInt()).isEqualTo(INSTANCES);
      System.out.println(
          "campaign crash-resume: "
              + INSTANCES
              + " instances, "
              + KILLS
              + " SIGKILLs at "
              + atKill
              + ", all Succeeded, one task each");
    } finally {
      serve.destroyForcibly();
      serve.waitFor();
    }
  }

  private static Process start(Path jar, Path root, Path data, int api, int dynamo, int sfn)
      throws Exception {
    return ServeProcess.serveJarOnData(jar, root, data, api, dynamo, sfn, Duration.ofSeconds(120));
  }

  private HttpResponse<String> post(int port, String path, Object body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
