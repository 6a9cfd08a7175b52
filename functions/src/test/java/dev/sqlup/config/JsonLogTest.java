package dev.sqlup.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLogTest {
  final Clock clock = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);
  final List<String> lines = new ArrayList<>();

  @Test
  void everyLine_isOneJsonObject_withTheContext_andNullsLeftOut() {
    JsonLog log =
        JsonLog.to(lines::add, clock, null)
            .with("taskId", "up-1")
            .with("instanceId", "rm-1")
            .with("phase", "CatchUp")
            .with("absent", null);
    log.info("phase advanced", Map.of("done", false));
    log.error("phase failed", Map.of("error", "x.Y"));

    assertThat(lines).hasSize(2);
    Map<String, Object> first = Json.readObject(lines.get(0));
    assertThat(first)
        .containsEntry("taskId", "up-1")
        .containsEntry("instanceId", "rm-1")
        .containsEntry("phase", "CatchUp")
        .containsEntry("level", "INFO")
        .containsEntry("message", "phase advanced")
        .containsEntry("done", false)
        .containsEntry("timestamp", "2026-11-24T08:00:00.000Z")
        .doesNotContainKey("absent")
        .doesNotContainKey("_aws");
    assertThat(Json.readObject(lines.get(1)))
        .containsEntry("level", "ERROR")
        .containsEntry("error", "x.Y");
    assertThat(lines).allMatch(l -> !l.contains("\n"));
  }

  @Test
  void metrics_areEmbeddedMetricFormat_withANamespace_andPlainLinesWithout() {
    JsonLog.to(lines::add, clock, "sqlup/prod")
        .with("taskId", "up-1")
        .metric(
            "step fullBackup Succeeded",
            "PhaseDurationSeconds",
            "Seconds",
            720,
            Map.of("Phase", "fullBackup"));
    JsonLog.to(lines::add, clock, " ").metric("m", "DowntimeSeconds", "Seconds", 58, Map.of());

    Map<String, Object> emf = Json.readObject(lines.get(0));
    @SuppressWarnings("unchecked")
    Map<String, Object> aws = (Map<String, Object>) emf.get("_aws");
    assertThat(((Number) aws.get("Timestamp")).longValue()).isEqualTo(1795507200000L);
    @SuppressWarnings("unchecked")
    Map<String, Object> directive =
        ((List<Map<String, Object>>) aws.get("CloudWatchMetrics")).get(0);
    assertThat(directive)
        .containsEntry("Namespace", "sqlup/prod")
        .containsEntry("Dimensions", List.of(List.of("Phase")))
        .containsEntry(
            "Metrics", List.of(Map.of("Name", "PhaseDurationSeconds", "Unit", "Seconds")));
    assertThat(emf)
        .containsEntry("Phase", "fullBackup")
        .containsEntry("PhaseDurationSeconds", 720.0)
        .containsEntry("taskId", "up-1");
    assertThat(Json.readObject(lines.get(1)))
        .doesNotContainKey("_aws")
        .containsEntry("DowntimeSeconds", 58.0);
  }

  @Test
  void current_isTheInvocationsLogger_onlyWhileItRuns() {
    JsonLog log = JsonLog.to(lines::add, clock, null).with("phase", "Finalize");
    JsonLog.current().info("before", Map.of());
    String seen =
        log.during(
            () -> {
              JsonLog.current().info("inside", Map.of());
              return "ok";
            });
    JsonLog.current().info("after", Map.of());

    assertThat(seen).isEqualTo("ok");
    assertThat(lines).hasSize(1);
    assertThat(Json.readObject(lines.get(0)))
        .containsEntry("message", "inside")
        .containsEntry("phase", "Finalize");
  }
}
