package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.dataplane.simulated.EndpointState;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.workflow.plan.CatchUpPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * F8 (docs/RELIABILITY.md): when the catch-up of the log gives up, and when it must not, on the
 * real state machine.
 */
class CatchUpConvergenceE2eTest {
  static final Instant AFTER_THE_WINDOW = Instant.parse("2026-11-24T22:30:00Z");

  /**
   * Upgrades switching in a maintenance window far away failed with CatchUpNotConverging because
   * every log round shipped while waiting for the window counted towards the catch-up's round
   * limit. The instance is rm-crash-7 of the crash-resume run (one 38 GB database, 3.14 GB of log
   * per hour: a round every 38 min while waiting) submitted after its 18:00–22:00 window closed, so
   * it waits about 19 hours.
   */
  @Test
  void aLongWaitForTheWindow_keepsShippingLogs_andSwitchesInTheWindow() throws Exception {
    try (UpgradeWorld world = new UpgradeWorld(AFTER_THE_WINDOW)) {
      world.register(
          Fixtures.instance(
              "rm-crash-7",
              3.140849518689534,
              List.of(Fixtures.database("db0", 38)),
              Map.of(),
              Map.of()));
      String taskId =
          world.submit("rm-crash-7", Fixtures.upgradeTo2022("MaintenanceWindow", "crash-7"));

      ExecutionInfo execution = world.await(taskId);

      UpgradeTask task = world.task(taskId);
      assertThat(execution.status())
          .as(task.failureReason() + " " + execution.cause())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(task.status()).isEqualTo(TaskStatus.Succeeded);
      // More rounds than the catch-up limit were shipped in all: the wait did not count.
      JsonNode db0 = UpgradeWorld.JSON.readTree(execution.output()).path("databases").get(0);
      assertThat(db0.path("logStarted").asInt()).isGreaterThan(CatchUpPolicy.DEFAULT.maxRounds());
      assertThat(world.sim().effectCounts("rm-crash-7").get("LOG_BACKUP"))
          .isGreaterThan(CatchUpPolicy.DEFAULT.maxRounds());
      Instant switched =
          world
              .sim()
              .endpointState(world.source("rm-crash-7"))
              .map(EndpointState::switchedAt)
              .orElseThrow();
      assertThat(switched)
          .isAfter(Instant.parse("2026-11-25T18:00:00Z"))
          .isBefore(Instant.parse("2026-11-25T22:00:00Z"));
      assertThat(task.downtimeSeconds()).isNotNull().isLessThan(300);
    }
  }

  /**
   * A log written faster than it can ever be shipped fails at the precheck, before anything is
   * created.
   */
  @Test
  void aLogRateTheCatchUpCanNeverFollow_failsThePrecheck_beforeAnythingIsCreated() {
    try (UpgradeWorld world = new UpgradeWorld(AFTER_THE_WINDOW)) {
      world.register(
          Fixtures.instance(
              "rm-busy", 100, List.of(Fixtures.database("orders", 50)), Map.of(), Map.of()));
      String taskId = world.submit("rm-busy", Fixtures.upgradeTo2022("Immediate", "busy-1"));

      ExecutionInfo execution = world.await(taskId);

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).isEqualTo("UpgradeFailed");
      UpgradeTask task = world.task(taskId);
      assertThat(task.status()).isEqualTo(TaskStatus.Failed);
      assertThat(task.failureReason())
          .startsWith("CatchUpNotConverging: precheck: the instance writes 100.0 GB")
          .contains(
              "orders writes 100.0 GB/h, its log rounds would never get below 6.67 GB",
              "Nothing was created");
      assertThat(world.invokedFunctions())
          .isEqualTo(Set.of("PrecheckFunction", "CompensateFunction"));
      assertThat(world.sim().targetsEverCreated("rm-busy")).isZero();
    }
  }
}
