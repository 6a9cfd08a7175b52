package dev.sqlup.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.testing.ExampleTask;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 4: between the workflow's writes the task's remaining time counts down when read.
 */
class TaskViewTest {
  static final Instant WRITTEN = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void aRunningTask_countsDownFromItsLastWrite_inTheEnginesClock() {
    UpgradeTask task = at(TaskStatus.Running, 3600);

    Map<String, Object> view = Views.task(task, WRITTEN.plusSeconds(600));

    assertThat(((Number) view.get("remainingSeconds")).longValue()).isEqualTo(3000);
    assertThat(view.get("asOf")).isEqualTo("2026-11-24T10:10:00.000Z");
    assertThat(((Number) view.get("progress")).intValue()).isGreaterThanOrEqualTo(task.progress());
  }

  @Test
  void theCountdownStopsAtZero_andNeverGoesBelowTheStoredProgress() {
    Map<String, Object> view = Views.task(at(TaskStatus.Running, 60), WRITTEN.plusSeconds(3600));

    assertThat(((Number) view.get("remainingSeconds")).longValue()).isZero();
    assertThat(((Number) view.get("progress")).intValue()).isLessThanOrEqualTo(99);
  }

  @Test
  void aWaitWithoutKnownEnd_isNotCountedDown() {
    Map<String, Object> view =
        Views.task(at(TaskStatus.WaitingForApproval, 720), WRITTEN.plusSeconds(3600));

    assertThat(((Number) view.get("remainingSeconds")).longValue()).isEqualTo(720);
  }

  private static UpgradeTask at(TaskStatus status, long remaining) {
    UpgradeTask t = ExampleTask.running();
    return t.progressed(status, t.currentStep(), t.progress(), remaining, t.steps(), WRITTEN);
  }
}
