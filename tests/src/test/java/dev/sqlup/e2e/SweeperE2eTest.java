package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.workflow.Sweeper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduled sweeper against executions of the real state machine. */
class SweeperE2eTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  @Test
  void anExecutionStoppedFromOutside_leavesNoTrace_afterTheNextSweep() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(
          Fixtures.instance(
              "rm-e2e-aborted",
              1,
              List.of(Fixtures.database("sales", 50)),
              Map.of(),
              Map.of("maintenanceWindow", "18:00Z-22:00Z")));
      String taskId =
          world.submit(
              "rm-e2e-aborted", Fixtures.upgradeTo2022("MaintenanceWindow", "aborted-e2e"));
      // Let it copy the data and park in the window wait, then abort it (an operator, a
      // deployment).
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (world.task(taskId).status() != TaskStatus.WaitingForSwitchWindow) {
        assertThat(System.nanoTime())
            .as("task parked in the window wait within 60 s")
            .isLessThan(deadline);
        Thread.onSpinWait();
      }
      assertThat(world.services.instances().get("rm-e2e-aborted").status())
          .isEqualTo(InstanceStatus.UpgradingVersion);
      ExecutionInfo stopped =
          world.engine.stopExecution(world.executionArn(taskId), "Operator", "stopped by hand");
      assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
      assertThat(world.sim().targetsOf("rm-e2e-aborted")).hasSize(1);

      Sweeper.Report report = world.sweeper().sweep();

      assertThat(report.reconciled()).containsExactly(taskId + " RolledBack");
      assertThat(world.task(taskId).status()).isEqualTo(TaskStatus.Failed);
      assertThat(world.task(taskId).failureReason()).contains("ABORTED");
      assertThat(world.sim().targetsOf("rm-e2e-aborted")).isEmpty();
      assertThat(world.services.instances().get("rm-e2e-aborted").status())
          .isEqualTo(InstanceStatus.Running);
      assertThat(world.services.instances().get("rm-e2e-aborted").activeTaskId()).isNull();
    }
  }

  @Test
  void aPlannedUpgrade_getsItsFullBackupAhead_andTheUpgradeSkipsItsOwn() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      Instant planned = T0.plus(Duration.ofHours(10));
      world.register(
          Fixtures.instance(
              "rm-planned",
              Fixtures.GB_PER_HOUR_FOR_10_GB_OF_LOG,
              List.of(Fixtures.database("sales", 600)),
              Map.of(),
              Map.of("tags", Map.of("team", "sales", Sweeper.PLANNED_TAG, planned.toString()))));
      Sweeper sweeper = world.sweeper();

      assertThat(sweeper.sweep().backupsStarted()).containsExactly("rm-planned/sales");
      world.advance(Duration.ofMinutes(10));
      assertThat(sweeper.sweep().backupsStarted()).as("one backup per planned day").isEmpty();
      assertThat(world.sim().effectCounts("rm-planned")).containsEntry("FULL_BACKUP", 1);

      world.advance(Duration.between(world.now(), planned));
      String taskId = world.submit("rm-planned", Fixtures.upgradeTo2022("Immediate", "planned-1"));
      ExecutionInfo execution = world.await(taskId);

      assertThat(execution.status()).as(execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
      UpgradeTask task = world.task(taskId);
      assertThat(task.status()).isEqualTo(TaskStatus.Succeeded);
      assertThat(task.steps())
          .filteredOn(st -> st.name().equals("fullBackup"))
          .singleElement()
          .satisfies(
              st -> {
                assertThat(st.status()).isEqualTo(StepStatus.Skipped);
                assertThat(st.detail()).contains("reused");
              });
      assertThat(world.sim().effectCounts("rm-planned")).containsEntry("FULL_BACKUP", 1);
      long took = Duration.between(planned, execution.stopDate()).toSeconds();
      System.out.printf(
          "E2E planned upgrade with the sweeper's backup: %d s (guide: 3 h 34 min = 12840 s)%n",
          took);
    }
  }
}
