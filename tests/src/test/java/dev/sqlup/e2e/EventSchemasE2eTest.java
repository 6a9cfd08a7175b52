package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.sqlup.local.asl.model.ExecutionStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 items 5 and 6 end to end (template + state machine + handlers + dynalite, virtual time):
 * every event the upgrades emit validates against schemas/events/&lt;DetailType&gt;.json and is
 * documented in docs/events.md, and every JSON line the phase handlers log carries taskId,
 * instanceId and phase, with phase durations, downtime and the outcome as embedded-metric lines.
 */
class EventSchemasE2eTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  static final Path SCHEMAS = UpgradeWorld.ROOT.resolve("schemas/events");
  static final List<JsonNode> EVENTS = new ArrayList<>();
  static final List<String> LOGS = new CopyOnWriteArrayList<>();

  /** One upgrade through a maintenance window that succeeds, one that fails and is compensated. */
  @BeforeAll
  static void runUpgrades() {
    Map<String, String> env = Map.of("METRICS_NAMESPACE", "sqlup/e2e");
    try (UpgradeWorld world = new UpgradeWorld(T0, env, LOGS::add)) {
      world.register(
          Fixtures.instance(
              "rm-events-ok", 2, List.of(Fixtures.database("sales", 20)), Map.of(), Map.of()));
      String ok =
          world.submit("rm-events-ok", Fixtures.upgradeTo2022("MaintenanceWindow", "events-ok"));
      assertThat(world.await(ok).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      world.register(
          Fixtures.instance(
              "rm-events-fail",
              2,
              List.of(Fixtures.database("sales", 20)),
              Map.of("faults", Map.of("failOperation", "FULL_BACKUP", "mode", "permanent")),
              Map.of()));
      String failed =
          world.submit("rm-events-fail", Fixtures.upgradeTo2022("Immediate", "events-fail"));
      assertThat(world.await(failed).status()).isEqualTo(ExecutionStatus.FAILED);
      EVENTS.addAll(world.events);
    }
  }

  @Test
  void everyEmittedEvent_validatesAgainstTheSchemaOfItsDetailType() {
    Set<String> types = new LinkedHashSet<>();
    Map<String, JsonSchema> schemas = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode entry : EVENTS) {
      String type = entry.path("DetailType").asText();
      types.add(type);
      assertThat(entry.path("Source").asText()).as(type).isEqualTo("dev.sqlup.upgrade");
      JsonSchema schema = schemas.computeIfAbsent(type, EventSchemasE2eTest::schema);
      schema
          .validate(UpgradeWorld.detail(entry))
          .forEach(m -> problems.add(type + ": " + m.getMessage()));
    }
    assertThat(problems).isEmpty();
    // Events added later must bring their schema (schema() fails without one); these five must
    // stay.
    assertThat(types)
        .as("the runs emit every event the state machine has")
        .contains(
            "UpgradeStarted",
            "UpgradePhaseChanged",
            "UpgradeWaitingForWindow",
            "UpgradeSucceeded",
            "UpgradeFailed");
  }

  @Test
  void theSchemasCanFail_andEveryDetailTypeIsDocumented() throws IOException {
    JsonNode ok =
        UpgradeWorld.JSON.readTree(
            "{\"taskId\":\"up-1\",\"instanceId\":\"rm-1\",\"error\":\"UpgradeFailed\","
                + "\"reason\":\"OperationFailed: x\"}");
    assertThat(schema("UpgradeFailed").validate(ok)).isEmpty();
    JsonNode noReason =
        UpgradeWorld.JSON.readTree("{\"taskId\":\"up-1\",\"instanceId\":\"rm-1\",\"error\":\"x\"}");
    assertThat(schema("UpgradeFailed").validate(noReason)).isNotEmpty();
    JsonNode badPhase =
        UpgradeWorld.JSON.readTree(
            "{\"taskId\":\"up-1\",\"instanceId\":\"rm-1\",\"phase\":\"Nap\"}");
    assertThat(schema("UpgradePhaseChanged").validate(badPhase)).isNotEmpty();
    JsonNode badTime =
        UpgradeWorld.JSON.readTree(
            "{\"taskId\":\"up-1\",\"instanceId\":\"rm-1\",\"windowStart\":\"soon\","
                + "\"reason\":\"r\"}");
    assertThat(schema("UpgradeWaitingForWindow").validate(badTime)).isNotEmpty();

    String doc = Files.readString(UpgradeWorld.ROOT.resolve("docs/events.md"));
    try (var files = Files.list(SCHEMAS)) {
      List<String> documented =
          files.map(f -> f.getFileName().toString().replace(".json", "")).toList();
      assertThat(documented)
          .contains(
              "UpgradeWaitingForApproval",
              "UpgradeCutoverGuardHolding",
              "UpgradeSwitchRescheduled");
      for (String type : documented) {
        assertThat(doc).as("docs/events.md documents " + type).contains("`" + type + "`");
      }
    }
  }

  @Test
  void everyPhaseLogLine_isJsonWithTaskInstanceAndPhase_andStepsDowntimeAndOutcomeAreMetrics()
      throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : LOGS) {
      if (line.startsWith("{")) {
        lines.add(UpgradeWorld.JSON.readTree(line));
      }
    }
    assertThat(lines).hasSizeGreaterThan(20);
    for (JsonNode line : lines) {
      assertThat(line.path("taskId").asText()).as(line.toString()).isNotBlank();
      assertThat(line.path("instanceId").asText()).as(line.toString()).startsWith("rm-events-");
      assertThat(line.path("phase").asText()).as(line.toString()).isNotBlank();
      assertThat(line.path("level").asText()).isIn("INFO", "ERROR");
      assertThat(line.path("timestamp").asText()).isNotBlank();
    }
    assertThat(lines.stream().map(l -> l.path("phase").asText()).distinct())
        .contains(
            "Precheck",
            "CreateTarget",
            "FullBackup",
            "RestoreFull",
            "CatchUp",
            "CheckWindow",
            "Switchover",
            "MoveEndpoint",
            "Finalize",
            "Compensate");
    List<JsonNode> metrics = lines.stream().filter(l -> l.has("_aws")).toList();
    assertThat(
            metrics.stream()
                .map(m -> m.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText())
                .distinct())
        .contains("PhaseDurationSeconds", "DowntimeSeconds", "UpgradesSucceeded", "UpgradesFailed");
    for (JsonNode m : metrics) {
      assertThat(m.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("sqlup/e2e");
      String name = m.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText();
      assertThat(m.path(name).isNumber()).as(m.toString()).isTrue();
      m.at("/_aws/CloudWatchMetrics/0/Dimensions/0")
          .forEach(d -> assertThat(m.has(d.asText())).isTrue());
    }
    assertThat(metrics.stream().filter(m -> m.path("Phase").asText().equals("fullBackup")))
        .isNotEmpty();
    assertThat(
            lines.stream()
                .filter(l -> l.path("level").asText().equals("ERROR"))
                .map(l -> l.path("instanceId").asText()))
        .contains("rm-events-fail")
        .doesNotContain("rm-events-ok");
  }

  static JsonSchema schema(String detailType) {
    Path file = SCHEMAS.resolve(detailType + ".json");
    assertThat(file).as("schema of " + detailType).exists();
    try {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
          .getSchema(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
