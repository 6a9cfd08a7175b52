package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.domain.TaskStep;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * switchTime MaintenanceWindow: the switch happens inside the instance's window, never outside it.
 */
class MaintenanceWindowE2eTest {

  @Test
  void theSwitchWaitsForTheWindow_shipsLogMeanwhile_andHappensInsideIt() {
    Instant t0 = Instant.parse("2026-11-24T08:00:00Z");
    try (UpgradeWorld world = new UpgradeWorld(t0)) {
      world.register(
          Fixtures.instance(
              "rm-window",
              1.0,
              List.of(Fixtures.database("sales", 100)),
              Map.of(),
              Map.of("maintenanceWindow", "18:00Z-22:00Z")));
      String taskId =
          world.submit("rm-window", Fixtures.upgradeTo2022("MaintenanceWindow", "window-e2e"));

      ExecutionInfo execution = world.await(taskId);

      assertThat(execution.status()).as(execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
      UpgradeTask task = world.task(taskId);
      Instant windowStart = Instant.parse("2026-11-24T18:00:00Z");
      Instant windowEnd = Instant.parse("2026-11-24T22:00:00Z");
      assertThat(step(task, "pointOfNoReturn").startedAt()).isBetween(windowStart, windowEnd);
      assertThat(step(task, "switch").endedAt()).isBetween(windowStart, windowEnd);
      assertThat(step(task, "restoreFull").endedAt()).isBefore(windowStart);
      assertThat(world.eventTypes(taskId))
          .contains("UpgradeWaitingForWindow")
          .endsWith("UpgradeSucceeded");
      // Log kept shipping during the ~9 h wait, so the catch-up at 18:00 was one short round.
      assertThat(step(task, "logBackup").detail())
          .matches(".*sales: ([4-9]|\\d\\d) round\\(s\\).*");
      System.out.printf(
          "E2E window: switch %s..%s, downtime %d s, %d transitions, %s%n",
          step(task, "pointOfNoReturn").startedAt(),
          step(task, "switch").endedAt(),
          task.downtimeSeconds(),
          world.transitions(taskId),
          step(task, "logBackup").detail());
    }
  }

  @Test
  void whenTheRestCannotFinishBeforeTheWindowCloses_itWaitsForTheNextWindow_andSaysSo() {
    Instant t0 = Instant.parse("2026-11-24T08:10:00Z");
    try (UpgradeWorld world = new UpgradeWorld(t0)) {
      world.register(
          Fixtures.instance(
              "rm-window-late",
              1.0,
              List.of(Fixtures.database("sales", 10)),
              Map.of(),
              Map.of("maintenanceWindow", "08:15Z-08:40Z")));
      String taskId =
          world.submit("rm-window-late", Fixtures.upgradeTo2022("MaintenanceWindow", "late-e2e"));
      // Issue 13 item 4: the copy ends inside today's window with too little of it left, so the
      // remaining time counts the wait for tomorrow's (a later window than the next one to open),
      // from the submission on, and the expected end never moves earlier.
      Instant switchWindow = Instant.parse("2026-11-25T08:15:00Z");
      List<String> etas = new ArrayList<>();
      // each sample: when the task's figure was written, and the figure
      etas.add(world.task(taskId).updatedAt() + " " + world.task(taskId).remainingSeconds());
      for (String function :
          List.of("CreateTargetFunction", "CatchUpFunction", "KeepShippingFunction")) {
        world.beforeRun.put(
            function,
            n -> {
              UpgradeTask t = world.task(taskId);
              etas.add(t.updatedAt() + " " + t.remainingSeconds());
            });
      }

      ExecutionInfo execution = world.await(taskId);

      Instant previousEnd = null;
      for (String sample : etas) {
        Instant at = Instant.parse(sample.split(" ")[0]);
        Instant end = at.plusSeconds(Long.parseLong(sample.split(" ")[1]));
        if (at.isBefore(switchWindow)) {
          assertThat(end).as("ETA at " + sample + " of " + etas).isAfter(switchWindow);
        }
        if (previousEnd != null) {
          assertThat(end)
              .as("expected end at " + sample + " of " + etas)
              .isAfterOrEqualTo(previousEnd);
        }
        previousEnd = end;
      }

      assertThat(execution.status()).as(execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
      UpgradeTask task = world.task(taskId);
      assertThat(task.warnings())
          .anyMatch(w -> w.startsWith("WaitingForNextWindow") && w.contains("closes at"));
      Instant nextStart = Instant.parse("2026-11-25T08:15:00Z");
      Instant nextEnd = Instant.parse("2026-11-25T08:40:00Z");
      assertThat(step(task, "pointOfNoReturn").startedAt()).isBetween(nextStart, nextEnd);
      assertThat(step(task, "switch").endedAt()).isBetween(nextStart, nextEnd);
      // The copy ended inside today's window, too late to switch in it: one wait, announced once,
      // for the
      // next window, and the roll recorded as a reschedule by sqlup.
      assertThat(
              world.eventTypes(taskId).stream().filter("UpgradeWaitingForWindow"::equals).count())
          .isEqualTo(1);
      assertThat(world.eventTypes(taskId)).contains("UpgradeSwitchRescheduled");
      assertThat(task.cutover().history())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.by()).isEqualTo("sqlup");
                assertThat(c.action()).isEqualTo("RolledToNextWindow");
              });
    }
  }

  @Test
  void aWindowTooShortForTheSwitch_failsAtThePrecheck_beforeCopyingAnything() {
    Instant t0 = Instant.parse("2026-11-24T08:00:00Z");
    try (UpgradeWorld world = new UpgradeWorld(t0)) {
      world.register(
          Fixtures.instance(
              "rm-window-short",
              1.0,
              List.of(Fixtures.database("sales", 10)),
              Map.of(),
              Map.of("maintenanceWindow", "18:00Z-18:10Z")));
      String taskId =
          world.submit("rm-window-short", Fixtures.upgradeTo2022("MaintenanceWindow", "short-e2e"));

      ExecutionInfo execution = world.await(taskId);

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(world.task(taskId).failureReason()).startsWith("MaintenanceWindowTooShort");
      assertThat(world.sim().effectCounts("rm-window-short")).doesNotContainKey("FULL_BACKUP");
    }
  }

  private static TaskStep step(UpgradeTask task, String name) {
    return task.steps().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + name + " in " + task.steps()));
  }
}
