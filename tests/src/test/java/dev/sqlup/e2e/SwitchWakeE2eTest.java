package dev.sqlup.e2e;

import static dev.sqlup.e2e.CutoverE2eTest.DBA;
import static dev.sqlup.e2e.CutoverE2eTest.T0;
import static dev.sqlup.e2e.CutoverE2eTest.assertNoDataLoss;
import static dev.sqlup.e2e.CutoverE2eTest.assertSucceeded;
import static dev.sqlup.e2e.CutoverE2eTest.request;
import static dev.sqlup.e2e.CutoverE2eTest.small;
import static dev.sqlup.e2e.CutoverE2eTest.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.HistoryEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: while an upgrade sleeps waiting for its switch (here a maintenance window 20 hours
 * away), a change through the API wakes the waiting loop at once (the task token its listener
 * stored), instead of at the end of a sleep that now lasts until the next log round or the 6-hour
 * cap. Template + state machine + real handlers + embedded engine (virtual time) + dynalite; the
 * API handlers answer the token through the engine's Step Functions HTTP API.
 */
class SwitchWakeE2eTest {
  /** 04:00–06:00 UTC: from the submission at 08:00, the window opens 20 hours later. */
  static final String FAR_WINDOW = "04:00Z-06:00Z";

  static final Instant WINDOW = Instant.parse("2026-11-25T04:00:00Z");

  @Test
  void switchoverWhileTheLoopSleepsHours_switchesAtOnce_notAtTheEndOfTheSleep() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(small("rm-wake-now", Map.of(), Map.of("maintenanceWindow", FAR_WINDOW)));
      String taskId =
          world.submit("rm-wake-now", request("MaintenanceWindow", "wake-now", Map.of()));
      AtomicReference<Instant> actedAt = new AtomicReference<>();
      actDuringASleep(
          world,
          () -> {
            assertThat(world.task(taskId).status()).isEqualTo(TaskStatus.WaitingForSwitchWindow);
            APIGatewayProxyResponseEvent r = world.switchover(taskId, DBA);
            assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(202);
            return world.now();
          },
          actedAt);

      ExecutionInfo execution = world.await(taskId);

      assertSucceeded(execution);
      assertTheLoopWasAsleepAndWokeAtOnce(world, taskId, actedAt.get());
      UpgradeTask task = world.task(taskId);
      assertThat(step(task, "pointOfNoReturn").startedAt())
          .isBetween(actedAt.get(), actedAt.get().plus(Duration.ofMinutes(15)));
      assertThat(task.cutover().history())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.action()).isEqualTo("SwitchNow");
                assertThat(c.at()).isEqualTo(actedAt.get());
              });
      assertNoDataLoss(world, execution);
    }
  }

  @Test
  void patchWhileTheLoopSleepsHours_reschedulesAtOnce_andSwitchesAtTheNewTime() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(small("rm-wake-patch", Map.of(), Map.of("maintenanceWindow", FAR_WINDOW)));
      String taskId =
          world.submit("rm-wake-patch", request("MaintenanceWindow", "wake-patch", Map.of()));
      AtomicReference<Instant> actedAt = new AtomicReference<>();
      AtomicReference<Instant> switchAt = new AtomicReference<>();
      actDuringASleep(
          world,
          () -> {
            switchAt.set(world.now().plus(Duration.ofMinutes(30)));
            APIGatewayProxyResponseEvent r =
                world.patchTask(
                    taskId,
                    Map.of("switchTime", "ScheduledTime", "switchAt", switchAt.get().toString()),
                    DBA);
            assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
            return world.now();
          },
          actedAt);

      ExecutionInfo execution = world.await(taskId);

      assertSucceeded(execution);
      assertTheLoopWasAsleepAndWokeAtOnce(world, taskId, actedAt.get());
      UpgradeTask task = world.task(taskId);
      assertThat(step(task, "pointOfNoReturn").startedAt())
          .isBetween(switchAt.get(), switchAt.get().plus(Duration.ofMinutes(10)))
          .isBefore(WINDOW);
      assertThat(world.eventTypes(taskId)).contains("UpgradeSwitchRescheduled");
      assertNoDataLoss(world, execution);
    }
  }

  /**
   * Runs {@code action} one minute into the first long sleep that starts after five hours of
   * waiting (the listener's invocation marks its start), recording when it acted.
   */
  private static void actDuringASleep(
      UpgradeWorld world, Supplier<Instant> action, AtomicReference<Instant> actedAt) {
    AtomicReference<Instant> scheduled = new AtomicReference<>();
    world.beforeRun.put(
        "ListenForSwitchChangeFunction",
        n -> {
          if (scheduled.get() == null && !world.now().isBefore(T0.plus(Duration.ofHours(5)))) {
            scheduled.set(world.now().plus(Duration.ofMinutes(1)));
            world.at(scheduled.get(), () -> actedAt.set(action.get()));
          }
        });
  }

  /**
   * At {@code actedAt} the loop slept in WaitForSwitch with at least an hour left (no 5-minute poll
   * any more), and it decided again (KeepShipping) within seconds of virtual time after the change.
   */
  private static void assertTheLoopWasAsleepAndWokeAtOnce(
      UpgradeWorld world, String taskId, Instant actedAt) {
    assertThat(actedAt).as("the action ran").isNotNull();
    List<HistoryEvent> history = world.history(taskId);
    HistoryEvent sleep =
        history.stream()
            .filter(e -> e.type().equals("ParallelStateEntered"))
            .filter(e -> e.details().path("name").asText().equals("WaitForSwitch"))
            .filter(e -> e.timestamp().isBefore(actedAt))
            .reduce((a, b) -> b)
            .orElseThrow(() -> new AssertionError("no sleep began before " + actedAt));
    long waitSeconds = input(sleep).path("waitSeconds").asLong();
    assertThat(sleep.timestamp().plusSeconds(waitSeconds))
        .as("the sleep that began at " + sleep.timestamp() + " for " + waitSeconds + " s")
        .isAfter(actedAt.plus(Duration.ofHours(1)));
    Instant decidedAgain =
        history.stream()
            .filter(e -> e.type().equals("TaskStateEntered"))
            .filter(e -> e.details().path("name").asText().equals("KeepShipping"))
            .map(HistoryEvent::timestamp)
            .filter(t -> !t.isBefore(actedAt))
            .findFirst()
            .orElseThrow(() -> new AssertionError("KeepShipping never ran after " + actedAt));
    assertThat(decidedAgain).isBetween(actedAt, actedAt.plusSeconds(5));
  }

  private static com.fasterxml.jackson.databind.JsonNode input(HistoryEvent e) {
    try {
      return UpgradeWorld.JSON.readTree(e.details().path("input").asText());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
