package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Section 5 of {@code sqlup demo}: one finished upgrade as the API shows it — its timeline against
 * the estimate, the total, the downtime and its breakdown (from the {@code endpointMove} step), the
 * instance after it and the replication tasks to restart.
 */
final class DemoReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;
  private final ApiClient api;

  DemoReport(PrintWriter out, ApiClient api) {
    this.out = out;
    this.api = api;
  }

  void print(String taskId, String instanceId) {
    JsonNode task = api.get("/tasks/" + taskId);
    JsonNode instance = api.get("/instances/" + instanceId);
    JsonNode estimate = task.path("estimate");
    out.printf("   timeline (virtual time):%n");
    Map<String, Long> estimated = new LinkedHashMap<>();
    estimate
        .path("phases")
        .fields()
        .forEachRemaining(e -> estimated.put(e.getKey(), e.getValue().asLong()));
    List<JsonNode> steps = new ArrayList<>();
    task.path("steps").forEach(steps::add);
    steps.sort(java.util.Comparator.comparing((JsonNode s) -> s.path("startedAt").asText("~")));
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode s : steps) {
      ObjectNode row = JSON.createObjectNode();
      row.put("step", s.path("name").asText());
      row.put("status", s.path("status").asText());
      row.put("started", time(s.path("startedAt")));
      row.put("ended", time(s.path("endedAt")));
      row.put(
          "took",
          s.hasNonNull("startedAt") && s.hasNonNull("endedAt")
              ? hm(
                  Duration.between(
                          Instant.parse(s.path("startedAt").asText()),
                          Instant.parse(s.path("endedAt").asText()))
                      .toSeconds())
              : "-");
      Long guide = estimated.get(s.path("name").asText());
      row.put("estimate", guide == null ? "" : hm(guide));
      row.put("detail", s.path("detail").asText(""));
      rows.add(row);
    }
    out.print(
        indent(
            indent(
                TableRenderer.table(
                    rows,
                    List.of("step", "status", "started", "ended", "took", "estimate", "detail")))));
    long actual =
        Duration.between(
                Instant.parse(task.path("createdAt").asText()),
                Instant.parse(task.path("updatedAt").asText()))
            .toSeconds();
    out.printf(
        "   total: %s actual against %s estimated (%+.1f %%); downtime %s (guide: ~20 min)%n",
        hm(actual),
        hm(estimate.path("totalSeconds").asLong()),
        100.0
            * (actual - estimate.path("totalSeconds").asLong())
            / estimate.path("totalSeconds").asLong(),
        ms(task.path("downtimeSeconds").asLong()));
    for (JsonNode s : steps) {
      String detail = s.path("detail").asText("");
      if (s.path("name").asText().equals("endpointMove") && detail.contains("; downtime ")) {
        // writes stop (tail-log backup) -> endpoint resolves to the target, step by step
        out.printf(
            "   downtime breakdown: %s%n",
            detail.substring(detail.indexOf("; downtime ") + "; downtime ".length()));
      }
    }
    out.printf(
        "   task %s; instance %s now %s %s/%s %s, status %s, endpoint %s (VIP 10.0.0.5 -> %s)%n",
        task.path("status").asText(),
        instanceId,
        instance.path("engineVersion").asText(),
        instance.path("sqlEdition").asText(),
        instance.path("rdsEdition").asText(),
        instance.path("instanceType").asText(),
        instance.path("status").asText(),
        instance.path("endpoint").asText(),
        instance.path("vip").asText());
    out.printf(
        "   replication tasks stopped for you to restart: %s%n%n",
        task.path("stoppedReplicationTasks"));
  }

  private static String time(JsonNode instant) {
    return instant == null || instant.isNull() || instant.isMissingNode()
        ? "-"
        : Instant.parse(instant.asText()).toString().substring(11, 19);
  }

  static String hm(long seconds) {
    return seconds >= 3600
        ? String.format("%dh%02dm", seconds / 3600, seconds / 60 % 60)
        : seconds >= 60 ? String.format("%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
  }

  private static String ms(long seconds) {
    return String.format("%dm%02ds", seconds / 60, seconds % 60);
  }

  static String indent(String text) {
    return text.lines().map(l -> "   " + l).reduce("", (a, b) -> a + b + "\n");
  }
}
