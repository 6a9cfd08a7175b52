package dev.sqlup.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * When an in-flight task counts as over its estimate (the TasksOverEstimate metric the sweeper
 * publishes).
 */
class TaskMetricsTest {
  static final Instant CREATED = Instant.parse("2026-11-24T08:00:00Z");

  /**
   * A task created at 08:00 with a 2 h estimate (allowance 3 h), optionally waiting for its window.
   */
  static UpgradeTask task(String status, String waitStart, String waitEnd) {
    String steps =
        waitStart == null
            ? "[]"
            : "[{\"name\": \"waitForWindow\", \"status\": \"Succeeded\", \"startedAt\": \""
                + waitStart
                + "\""
                + (waitEnd == null ? "" : ", \"endedAt\": \"" + waitEnd + "\"")
                + "}]";
    return Json.read(
        """
        {"taskId": "up-1", "instanceId": "rm-1", "status": "%s", "requestHash": "x",
         "createdAt": "2026-11-24T08:00:00.000Z", "steps": %s,
         "estimate": {"phases": {"create": 720, "fullBackup": 3000, "restoreFull": 3000, "logBackup": 120,
                                 "logApply": 120, "restoreDatabases": 240, "switch": 0},
                      "totalSeconds": 7200, "fullBackupSkipped": false, "dataSizeGb": 100, "logGb": 1}}
        """
            .formatted(status, steps),
        UpgradeTask.class);
  }

  @Test
  void aRunningTask_isOverItsEstimate_afterOneAndAHalfTimesIt() {
    assertThat(TaskMetrics.overEstimate(task("Running", null, null), CREATED.plusSeconds(3 * 3600)))
        .isFalse();
    assertThat(
            TaskMetrics.overEstimate(
                task("Running", null, null), CREATED.plusSeconds(3 * 3600 + 1)))
        .isTrue();
    assertThat(
            TaskMetrics.overEstimate(task("Switching", null, null), CREATED.plusSeconds(5 * 3600)))
        .isTrue();
  }

  @Test
  void timeWaitingForTheWindow_doesNotCount() {
    UpgradeTask waited = task("Switching", "2026-11-24T09:00:00.000Z", "2026-11-24T18:00:00.000Z");
    assertThat(TaskMetrics.overEstimate(waited, Instant.parse("2026-11-24T20:00:00Z"))).isFalse();
    assertThat(TaskMetrics.overEstimate(waited, Instant.parse("2026-11-24T20:00:01Z"))).isTrue();
    UpgradeTask waiting = task("WaitingForSwitchWindow", "2026-11-24T09:00:00.000Z", null);
    assertThat(TaskMetrics.overEstimate(waiting, Instant.parse("2026-11-26T09:00:00Z"))).isFalse();
  }

  @Test
  void aWaitStillOpen_stopsTheClock_butATaskAlreadyOverStaysOver() {
    UpgradeTask waitingInTime =
        task("WaitingForApproval", "2026-11-24T10:00:00.000Z", null); // 2 h in, 3 h allowed
    assertThat(TaskMetrics.overEstimate(waitingInTime, Instant.parse("2026-11-30T00:00:00Z")))
        .isFalse();
    UpgradeTask waitingLate = task("WaitingForApproval", "2026-11-24T12:00:00.000Z", null);
    assertThat(TaskMetrics.overEstimate(waitingLate, Instant.parse("2026-11-24T12:30:00Z")))
        .isTrue();
  }

  @Test
  void aShortEstimate_getsAtLeastFifteenMinutesOfSlack() {
    UpgradeTask small =
        Json.read(
            Json.write(task("Running", null, null))
                .replace("\"totalSeconds\":7200", "\"totalSeconds\":600"),
            UpgradeTask.class);
    assertThat(TaskMetrics.overEstimate(small, CREATED.plusSeconds(600 + 900))).isFalse();
    assertThat(TaskMetrics.overEstimate(small, CREATED.plusSeconds(600 + 901))).isTrue();
  }
}
