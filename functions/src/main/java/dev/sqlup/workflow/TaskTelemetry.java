package dev.sqlup.workflow;

import dev.sqlup.config.JsonLog;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.TaskStep;
import dev.sqlup.domain.UpgradeTask;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a task write tells operators, as log lines that are also metrics (the dashboard's phase
 * durations, downtime and failures): a step that ended in this write ({@code PhaseDurationSeconds},
 * dimension {@code Phase}), the downtime once it is known ({@code DowntimeSeconds}), and the task
 * ending ({@code UpgradesSucceeded} / {@code UpgradesFailed}). Called after the write succeeded, so
 * a retried invocation that changes nothing logs nothing again.
 */
final class TaskTelemetry {
  private TaskTelemetry() {}

  static void changed(UpgradeTask before, UpgradeTask after, JsonLog log) {
    for (TaskStep step : after.steps()) {
      if (step.endedAt() == null
          || step.startedAt() == null
          || TaskSteps.isFinished(before.steps(), step.name())) {
        continue;
      }
      long seconds = Duration.between(step.startedAt(), step.endedAt()).toSeconds();
      log.metric(
          "step " + step.name() + " " + step.status(),
          "PhaseDurationSeconds",
          "Seconds",
          seconds,
          Map.of("Phase", step.name()));
    }
    if (after.downtimeSeconds() != null && before.downtimeSeconds() == null) {
      log.metric(
          "downtime measured", "DowntimeSeconds", "Seconds", after.downtimeSeconds(), Map.of());
    }
    if (after.status() != before.status()
        && (after.status() == TaskStatus.Succeeded || after.status() == TaskStatus.Failed)) {
      String metric =
          after.status() == TaskStatus.Succeeded ? "UpgradesSucceeded" : "UpgradesFailed";
      log.metric("task " + after.status(), metric, "Count", 1, Map.of());
      if (after.failureReason() != null) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("failureReason", after.failureReason());
        log.error("upgrade failed", fields);
      }
    }
  }
}
