package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.dataplane.simulated.FaultPlan;
import dev.sqlup.dataplane.simulated.SimulatedDataPlane;
import dev.sqlup.proof.Docs;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 7 §2: {@code sqlup serve} (the CLI jar, virtual clock, data kept in a directory) runs 50
 * upgrades and is killed with SIGKILL at seeded random moments, then restarted on the same data;
 * every upgrade must still finish, with the campaign's invariants.
 *
 * <p>Needs {@code local/target/sqlup-local.jar}: {@code mvn -B -o -Pslow -pl functions,local,tests
 * verify -Dtest=CrashResumeTest -Dsurefire.failIfNoSpecifiedTests=false -Dproof.docs=true}.
 */
@Tag("slow")
class CrashResumeTest {
  static final int UPGRADES = Integer.getInteger("proof.crash.upgrades", 50);
  static final int KILLS = Integer.getInteger("proof.crash.kills", 6);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void sigkilledServe_restarted_everyUpgradeFinishes() throws Exception {
    Path root = Dynalite.projectRoot();
    Path jar = root.resolve("local/target/sqlup-local.jar");
    assertThat(jar).as("build the CLI jar first (mvn -pl functions,local package)").exists();
    Path data = Files.createTempDirectory("sqlup-crash-");
    int api = freePort();
    int dynamo = freePort();
    int sfn = freePort();
    SplittableRandom random = new SplittableRandom(20261124L);
    List<String> serveLog = new ArrayList<>();
    Process serve = start(jar, root, data, api, dynamo, sfn);
    Map<String, String> tasks = new LinkedHashMap<>();
    Map<String, Integer> databases = new LinkedHashMap<>();
    int kills = 0;
    long started = System.nanoTime();
    try {
      for (int i = 0; i < UPGRADES; i++) {
        String id = "rm-crash-" + i;
        int dbCount = 1 + random.nextInt(4);
        List<Map<String, Object>> dbs = new ArrayList<>();
        for (int d = 0; d < dbCount; d++) {
          dbs.add(Fixtures.database("db" + d, 5 + random.nextInt(300)));
        }
        databases.put(id, dbCount);
        Map<String, Object> body =
            Fixtures.instance(
                id,
                0.5 + random.nextDouble() * 3,
                dbs,
                Map.of(
                    "faults",
                    Map.of(
                        "seed",
                        1 + i,
                        "transientProbability",
                        0.02,
                        "slowProbability",
                        0.1,
                        "slowFactor",
                        2.0)),
                Map.of());
        assertThat(post(api, "/instances", body).statusCode()).isEqualTo(201);
        HttpResponse<String> submitted =
            post(
                api,
                "/instances/" + id + "/upgrades",
                Fixtures.upgradeTo2022(
                    random.nextInt(4) == 0 ? "MaintenanceWindow" : "Immediate", "crash-" + i));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        tasks.put(id, UpgradeWorld.JSON.readTree(submitted.body()).path("taskId").asText());
      }
      List<Integer> runningAtKill = new ArrayList<>();
      for (; kills < KILLS; kills++) {
        Thread.sleep(500 + random.nextInt(4000));
        int running = 0;
        for (String taskId : tasks.values()) {
          String st =
              UpgradeWorld.JSON
                  .readTree(get(api, "/tasks/" + taskId).body())
                  .path("status")
                  .asText();
          running += st.equals("Succeeded") || st.equals("Failed") ? 0 : 1;
        }
        runningAtKill.add(running);
        serve.destroyForcibly(); // SIGKILL: no shutdown hook runs
        serve.waitFor();
        serve = start(jar, root, data, api, dynamo, sfn);
      }
      // Every upgrade must reach Succeeded or Failed after the last restart.
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      Map<String, String> status = new TreeMap<>();
      while (System.nanoTime() < deadline) {
        status.clear();
        for (Map.Entry<String, String> t : tasks.entrySet()) {
          HttpResponse<String> r = get(api, "/tasks/" + t.getValue());
          status.put(
              t.getKey(),
              r.statusCode() == 200
                  ? UpgradeWorld.JSON.readTree(r.body()).path("status").asText()
                  : "HTTP " + r.statusCode());
        }
        if (status.values().stream().allMatch(s -> s.equals("Succeeded") || s.equals("Failed"))) {
          break;
        }
        Thread.sleep(2000);
      }
      // Invariants, read from the instances API and the fleet table.
      List<String> violations = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      Map<String, Integer> outcomes = new TreeMap<>();
      try (DynamoDbClient client =
          DynamoDbClient.builder()
              .endpointOverride(URI.create("http://127.0.0.1:" + dynamo))
              .region(Region.US_EAST_1)
              .httpClientBuilder(UrlConnectionHttpClient.builder())
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
              .build()) {
        SimulatedDataPlane sim =
            new SimulatedDataPlane(
                client,
                "FleetTable",
                Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC),
                FaultPlan.NONE);
        for (Map.Entry<String, String> t : tasks.entrySet()) {
          String id = t.getKey();
          String s = status.get(id);
          outcomes.merge(s, 1, Integer::sum);
          if (s.equals("Failed")) {
            String reason =
                UpgradeWorld.JSON
                    .readTree(get(api, "/tasks/" + t.getValue()).body())
                    .path("failureReason")
                    .asText();
            failures.add(
                id + ": " + (reason.length() > 160 ? reason.substring(0, 160) + "…" : reason));
          }
          JsonNode instance = UpgradeWorld.JSON.readTree(get(api, "/instances/" + id).body());
          Map<String, Integer> effects = sim.effectCounts(id);
          int dbs = databases.get(id);
          if (!s.equals("Succeeded") && !s.equals("Failed")) {
            violations.add(id + ": not finished: " + s);
          }
          if (sim.targetsEverCreated(id) > 1
              || effects.getOrDefault("CREATE_TARGET", 0) > 1
              || effects.getOrDefault("MOVE_ENDPOINT", 0) > 1) {
            violations.add(id + ": duplicated target or move " + effects);
          }
          for (String perDb :
              List.of(
                  "FULL_BACKUP",
                  "RESTORE_FULL",
                  "TAIL_LOG_BACKUP",
                  "RESTORE_TAIL",
                  "RECOVER_TARGET",
                  "RESTORE_TAIL_WITH_RECOVERY")) {
            if (effects.getOrDefault(perDb, 0) > dbs) {
              violations.add(
                  id + ": " + perDb + " x" + effects.get(perDb) + " for " + dbs + " databases");
            }
          }
          if (instance.hasNonNull("activeTaskId")
              && (s.equals("Succeeded") || s.equals("Failed"))) {
            violations.add(id + ": still locked by " + instance.get("activeTaskId"));
          }
          if (s.equals("Succeeded")
              && (!instance.path("engineVersion").asText().equals("2022")
                  || sim.targetsOf(id).size() != 1)) {
            violations.add(
                id
                    + ": succeeded but "
                    + instance.path("engineVersion")
                    + ", live targets "
                    + sim.targetsOf(id));
          }
          if (s.equals("Failed")
              && (!instance.path("engineVersion").asText().equals("2019")
                  || !instance.path("status").asText().equals("Running")
                  || !sim.targetsOf(id).isEmpty())) {
            violations.add(
                id
                    + ": failed but "
                    + instance.path("engineVersion")
                    + " "
                    + instance.path("status")
                    + ", live targets "
                    + sim.targetsOf(id));
          }
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      String summary =
          String.format(
              "crash-resume: %d upgrades, serve SIGKILLed and restarted %d times (upgrades "
                  + "still running at each kill: %s), all done in %.0f s: %s; %d invariant violations",
              UPGRADES, kills, runningAtKill, seconds, outcomes, violations.size());
      System.out.println(summary);
      Docs.write(
          "RELIABILITY.md",
          "## Crash-resume",
          "## Crash-resume\n\nCommand: `mvn -B -o -Pslow -pl "
              + "functions,local,tests verify -Dtest=CrashResumeTest -Dsurefire.failIfNoSpecifiedTests=false "
              + "-Dproof.docs=true` (class `dev.sqlup.e2e.CrashResumeTest`: `java -jar local/target/sqlup-local.jar serve "
              + "--clock virtual --data-dir DIR`, SIGKILL via Process.destroyForcibly at seeded random moments).\n\nResult: "
              + summary
              + "\n"
              + (failures.isEmpty() ? "" : "\nFailed upgrades (their reasons): " + failures + "\n")
              + (violations.isEmpty() ? "" : "\nViolations: " + violations + "\n"));
      assertThat(violations).isEmpty();
    } finally {
      serve.destroyForcibly();
      serve.waitFor();
    }
  }

  private static Process start(Path jar, Path root, Path data, int api, int dynamo, int sfn)
      throws Exception {
    return ServeProcess.serveJarOnData(jar, root, data, api, dynamo, sfn, Duration.ofSeconds(90));
  }

  private HttpResponse<String> post(int port, String path, Object body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(UpgradeWorld.JSON.writeValueAsString(body)))
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
