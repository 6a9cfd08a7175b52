package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.cli.ApiClient;
import dev.sqlup.local.runtime.InProcessLambda;
import dev.sqlup.local.runtime.LocalServer;
import dev.sqlup.testing.Dynalite;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Fleet campaigns end to end on the local runtime (issue 15): template.yaml's routes, tables and
 * both state machines (the campaign's Distributed Map starting nested upgrade executions) on the
 * embedded engine in virtual time, real handlers, dynalite, the simulated data plane; everything
 * through the HTTP API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignE2eTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = Dynalite.projectRoot();
  private LocalServer server;
  private ApiClient api;

  @BeforeAll
  void start() {
    server =
        LocalServer.start(
            new LocalServer.Config(
                ROOT.resolve("template.yaml"),
                ROOT,
                0,
                0,
                0,
                "virtual",
                Instant.parse("2026-11-24T08:00:00Z"),
                null,
                null,
                InProcessLambda.SERVICES_CLASS),
            line -> {});
    api = new ApiClient(URI.create(server.api().url()), Map.of(), server.stepFunctions().clock());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void register(String id, String window, String tag, boolean failingFullBackup) {
    ObjectNode body = JSON.createObjectNode();
    body.put("instanceId", id)
        .put("engineVersion", "2016")
        .put("sqlEdition", "Standard")
        .put("rdsEdition", "HighAvailability")
        .put("instanceType", "mssql.x4.large")
        .put("dataSizeGb", 10)
        .put("maintenanceWindow", window)
        .put("endpoint", id + ".sqlup.internal")
        .put("vip", "10.0.0.5");
    body.putObject("tags").put("suite", tag);
    ObjectNode simulation = body.putObject("simulation");
    simulation
        .putArray("databases")
        .addObject()
        .put("name", "app")
        .put("sizeGb", 10)
        .put("recoveryModel", "FULL");
    simulation.put("logGbPerHour", 0.1);
    if (failingFullBackup) {
      simulation.putObject("faults").put("failOperation", "FULL_BACKUP").put("mode", "permanent");
    }
    api.post("/instances", body);
  }

  private ObjectNode campaign(String name, List<String> ids, boolean approval) {
    ObjectNode body = JSON.createObjectNode().put("name", name);
    ArrayNode list = body.putObject("selection").putArray("instanceIds");
    ids.forEach(list::add);
    body.putObject("target").put("engineVersion", "2022");
    ArrayNode waves = body.putArray("waves");
    waves
        .addObject()
        .put("name", "canary")
        .put("size", 1)
        .put("maxConcurrency", 1)
        .put("toleratedFailures", 0)
        .put("bakeSeconds", 600)
        .put("approvalRequired", approval);
    waves.addObject().put("name", "rest").put("maxConcurrency", 2).put("toleratedFailures", "50%");
    body.put("switchPolicy", "OwnMaintenanceWindow");
    return body;
  }

  private JsonNode get(String id) {
    return api.get("/campaigns/" + id);
  }

  private JsonNode awaitCampaign(String id, Predicate<JsonNode> done) throws InterruptedException {
    long deadline = System.nanoTime() + 240_000_000_000L;
    JsonNode c = get(id);
    while (!done.test(c)) {
      assertThat(System.nanoTime())
          .as("campaign %s still %s", id, c.path("status"))
          .isLessThan(deadline);
      Thread.sleep(100);
      c = get(id);
    }
    return c;
  }

  private JsonNode member(JsonNode campaign, String instanceId) {
    for (JsonNode i : campaign.path("instances")) {
      if (i.path("instanceId").asText().equals(instanceId)) {
        return i;
      }
    }
    throw new AssertionError(instanceId + " not in " + campaign);
  }

  private int tasksOf(String instanceId) {
    return api.get("/instances/" + instanceId + "/tasks").path("tasks").size();
  }

  @Test
  void aCanaryFailingBeyondItsBudget_haltsTheCampaign_andStartsNothingMore() throws Exception {
    // GIVEN a canary whose full backup fails and three healthy instances
    register("rm-halt-canary", "01:00Z-03:00Z", "halt", true);
    for (String id : List.of("rm-halt-1", "rm-halt-2", "rm-halt-3")) {
      register(id, "01:00Z-03:00Z", "halt", false);
    }
    // WHEN a campaign tolerating no canary failure runs
    String id =
        api.post(
                "/campaigns",
                campaign(
                    "halt",
                    List.of("rm-halt-canary", "rm-halt-1", "rm-halt-2", "rm-halt-3"),
                    false))
            .path("campaignId")
            .asText();
    JsonNode c = awaitCampaign(id, x -> x.path("status").asText().equals("Halted"));
    // THEN it halts after the canary; the other instances were never started
    assertThat(c.path("haltReason").asText()).contains("wave canary: 1 of 1 upgrades failed");
    JsonNode finalView =
        awaitCampaign(id, x -> x.at("/waves/1/status").asText().equals("NotStarted"));
    assertThat(finalView.at("/waves/0/status").asText()).isEqualTo("BudgetExceeded");
    assertThat(member(finalView, "rm-halt-canary").path("status").asText()).isEqualTo("Failed");
    for (String other : List.of("rm-halt-1", "rm-halt-2", "rm-halt-3")) {
      assertThat(member(finalView, other).path("status").asText()).isEqualTo("NotStarted");
      assertThat(tasksOf(other)).as(other).isZero();
    }
    // and the canary's source is serving, unchanged (the failure was before the point of no return)
    JsonNode canary = api.get("/instances/rm-halt-canary");
    assertThat(canary.path("status").asText()).isEqualTo("Running");
    assertThat(canary.path("engineVersion").asText()).isEqualTo("2016");
  }

  @Test
  void
      approvalBetweenWaves_isNeeded_pauseHoldsTheNextWave_resumeFinishes_andEachSwitchIsInItsOwnWindow()
          throws Exception {
    // GIVEN three instances with windows at different hours
    Map<String, String> windows =
        Map.of(
            "rm-app-1", "01:00Z-03:00Z", "rm-app-2", "09:00Z-11:00Z", "rm-app-3", "17:00Z-19:00Z");
    windows.forEach((id, w) -> register(id, w, "approve", false));
    String id =
        api.post(
                "/campaigns",
                campaign("approve", List.of("rm-app-1", "rm-app-2", "rm-app-3"), true))
            .path("campaignId")
            .asText();

    // WHEN the canary is done THEN the campaign waits for an approval and the next wave has not
    // started
    JsonNode waiting =
        awaitCampaign(id, x -> x.path("status").asText().equals("WaitingForApproval"));
    assertThat(waiting.path("approvalPending").asBoolean()).isTrue();
    assertThat(member(waiting, "rm-app-1").path("status").asText()).isEqualTo("Succeeded");
    assertThat(tasksOf("rm-app-2")).isZero();
    assertThat(tasksOf("rm-app-3")).isZero();

    // WHEN paused and then approved THEN the next wave's instances wait (nothing starts while
    // paused)
    assertThat(
            api.post(
                    "/campaigns/" + id + "/actions", JSON.createObjectNode().put("action", "pause"))
                .path("status")
                .asText())
        .isEqualTo("Paused");
    assertThat(
            api.post(
                    "/campaigns/" + id + "/actions",
                    JSON.createObjectNode().put("action", "approve"))
                .path("status")
                .asText())
        .isEqualTo("Paused");
    JsonNode paused = awaitCampaign(id, x -> x.at("/waves/1/status").asText().equals("Running"));
    Thread.sleep(2000);
    paused = get(id);
    assertThat(paused.path("status").asText()).isEqualTo("Paused");
    assertThat(tasksOf("rm-app-2")).isZero();
    assertThat(tasksOf("rm-app-3")).isZero();

    // WHEN resumed THEN the campaign finishes
    api.post("/campaigns/" + id + "/actions", JSON.createObjectNode().put("action", "resume"));
    JsonNode done = awaitCampaign(id, x -> x.path("status").asText().equals("Succeeded"));
    assertThat(done.at("/counts/succeeded").asInt()).isEqualTo(3);

    // AND every switch happened inside its own instance's window
    for (Map.Entry<String, String> e : windows.entrySet()) {
      JsonNode task = api.get("/tasks/" + member(done, e.getKey()).path("taskId").asText());
      assertThat(task.path("status").asText()).isEqualTo("Succeeded");
      JsonNode switchStep = null;
      for (JsonNode step : task.path("steps")) {
        if (step.path("name").asText().equals("switch")) {
          switchStep = step;
        }
      }
      assertThat(switchStep).as(e.getKey()).isNotNull();
      Instant at = Instant.parse(switchStep.path("startedAt").asText());
      assertThat(inWindow(e.getValue(), at))
          .as(e.getKey() + " switched at " + at + ", window " + e.getValue())
          .isTrue();
    }
  }

  @Test
  void anApprovalNotGivenWithinSevenDays_haltsTheCampaign_butIdleVirtualTimeDoesNotSkipToIt()
      throws Exception {
    // GIVEN a campaign waiting for the approval of its second wave
    register("rm-late-1", "02:00Z-04:00Z", "late", false);
    register("rm-late-2", "05:00Z-07:00Z", "late", false);
    String id =
        api.post("/campaigns", campaign("late", List.of("rm-late-1", "rm-late-2"), true))
            .path("campaignId")
            .asText();
    awaitCampaign(id, x -> x.path("status").asText().equals("WaitingForApproval"));
    Instant waitingSince = server.stepFunctions().clock().instant();

    // WHEN nothing else is due THEN the served runtime does not jump to the 7-day timeout: the
    // operator still has the time to answer
    Thread.sleep(2000);
    assertThat(get(id).path("status").asText()).isEqualTo("WaitingForApproval");
    assertThat(server.stepFunctions().clock().instant()).isEqualTo(waitingSince);

    // WHEN virtual time moves past the timeout for another reason (an 8-day Wait elsewhere)
    String wait =
        server
            .stepFunctions()
            .createStateMachine(
                "eight-days",
                "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":691200,"
                    + "\"End\":true}}}",
                "arn:aws:iam::000000000000:role/test",
                "STANDARD")
            .stateMachineArn();
    server.stepFunctions().startExecution(wait, null, "{}");

    // THEN the approval wait times out at 7 days and the campaign is halted with that reason; the
    // second wave never starts
    JsonNode halted = awaitCampaign(id, x -> x.path("status").asText().equals("Halted"));
    assertThat(halted.path("haltReason").asText())
        .startsWith("the approval wait ended without an approval: States.Timeout");
    assertThat(halted.at("/counts/succeeded").asInt()).isEqualTo(1);
    assertThat(halted.at("/counts/notStarted").asInt()).isEqualTo(1);
    assertThat(tasksOf("rm-late-1") + tasksOf("rm-late-2")).isEqualTo(1);
  }

  @Test
  void aWaveNeverRunsMoreUpgradesAtOnceThanItsMaxConcurrency() throws Exception {
    // GIVEN five instances, one wave of at most 2 at once, switching as soon as copied
    List<String> ids = List.of("rm-conc-1", "rm-conc-2", "rm-conc-3", "rm-conc-4", "rm-conc-5");
    ids.forEach(id -> register(id, "01:00Z-03:00Z", "conc", false));
    ObjectNode body = JSON.createObjectNode().put("name", "conc").put("switchPolicy", "Immediate");
    ArrayNode list = body.putObject("selection").putArray("instanceIds");
    ids.forEach(list::add);
    body.putObject("target").put("engineVersion", "2022");
    body.putArray("waves")
        .addObject()
        .put("name", "all")
        .put("maxConcurrency", 2)
        .put("toleratedFailures", 0);
    String id = api.post("/campaigns", body).path("campaignId").asText();

    JsonNode done = awaitCampaign(id, x -> x.path("status").asText().equals("Succeeded"));

    // THEN, from the task records (created → finished), at most 2 upgrades overlapped, and 2 did
    List<Instant[]> spans = new java.util.ArrayList<>();
    for (String instanceId : ids) {
      JsonNode task = api.get("/tasks/" + member(done, instanceId).path("taskId").asText());
      spans.add(
          new Instant[] {
            Instant.parse(task.path("createdAt").asText()),
            Instant.parse(task.path("updatedAt").asText())
          });
    }
    int peak = 0;
    for (Instant[] a : spans) {
      int overlapping = 0;
      for (Instant[] b : spans) {
        overlapping += !b[0].isAfter(a[0]) && b[1].isAfter(a[0]) ? 1 : 0;
      }
      peak = Math.max(peak, overlapping);
    }
    assertThat(peak).isEqualTo(2);
  }

  private static boolean inWindow(String window, Instant t) {
    String[] parts = window.replace("Z", "").split("-");
    LocalTime start = LocalTime.parse(parts[0]);
    LocalTime end = LocalTime.parse(parts[1]);
    LocalTime at = t.atOffset(ZoneOffset.UTC).toLocalTime();
    return start.isBefore(end)
        ? !at.isBefore(start) && at.isBefore(end)
        : !at.isBefore(start) || at.isBefore(end);
  }
}
