package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.dataplane.simulated.EndpointState;
import dev.sqlup.dataplane.simulated.SimulatedDataPlane;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A failed log backup or log restore before the point of no return is retried by a later round, as
 * SQL Server log shipping does, instead of failing the upgrade (21 of the 50 chaos-sample upgrades
 * failed with OperationFailed from the simulation's 1 % permanent faults, most of them on log
 * rounds). The faults are the simulated data plane's own (the instance's simulation profile), so
 * its LSN chain is what is checked.
 */
class LogRetryE2eTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  record Run(UpgradeWorld world, String instanceId, String taskId, ExecutionInfo execution) {
    UpgradeTask task() {
      return world.task(taskId);
    }

    SimulatedDataPlane sim() {
      return world.sim();
    }

    OperationStatus poll(OperationKind kind, String database, int round) {
      return sim().poll(new OperationKey(taskId, kind, database, round));
    }

    /** A database's progress as the last state of the execution holds it. */
    JsonNode database(String name) {
      try {
        for (JsonNode db : UpgradeWorld.JSON.readTree(execution.output()).path("databases")) {
          if (db.path("name").asText().equals(name)) {
            return db;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      throw new AssertionError("no database " + name + " in " + execution.output());
    }

    List<String> warnings(String prefix) {
      return task().warnings().stream().filter(w -> w.startsWith(prefix)).toList();
    }
  }

  /**
   * sales (20 GB) and hr (10 GB) at 2 GB of log per hour, with {@code faults} in the simulation
   * profile.
   */
  static Run upgrade(UpgradeWorld world, String instanceId, Map<String, Object> faults) {
    world.register(
        Fixtures.instance(
            instanceId,
            2,
            List.of(Fixtures.database("sales", 20), Fixtures.database("hr", 10)),
            Map.of("faults", faults),
            Map.of()));
    String taskId =
        world.submit(instanceId, Fixtures.upgradeTo2022("Immediate", "t-" + instanceId));
    return new Run(world, instanceId, taskId, world.await(taskId));
  }

  static void assertSucceededWithoutDataLoss(Run run) {
    UpgradeTask task = run.task();
    assertThat(run.execution.status())
        .as(task.failureReason() + " " + run.execution.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(task.status()).isEqualTo(TaskStatus.Succeeded);
    assertThat(run.world.invokedFunctions()).doesNotContain("CompensateFunction");
    // Switchover already refuses a target whose last LSN differs from the tail's (DataLoss);
    // checked here too.
    TargetRef target = run.sim().targetsOf(run.instanceId).get(0);
    for (String db : List.of("sales", "hr")) {
      assertThat(run.sim().lastRestoredLsn(target, db))
          .as(db)
          .isEqualTo(run.poll(OperationKind.TAIL_LOG_BACKUP, db, 0).backup().lastLsn());
      assertThat(run.database(db).path("logFailuresInRow").asInt()).as(db).isZero();
    }
    Map<String, Integer> effects = run.sim().effectCounts(run.instanceId);
    for (String perDatabase :
        List.of("FULL_BACKUP", "RESTORE_FULL", "TAIL_LOG_BACKUP", "RESTORE_TAIL_WITH_RECOVERY")) {
      assertThat(effects).as(perDatabase).containsEntry(perDatabase, 2);
    }
    assertThat(effects.get("RESTORE_LOG"))
        .as("every log backup taken is restored once")
        .isEqualTo(effects.get("LOG_BACKUP"));
  }

  @Test
  void aFailedLogBackup_isRetriedByTheNextRound_andTheUpgradeSucceedsWithoutDataLoss() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      Run run =
          upgrade(
              world,
              "rm-retry-backup",
              Map.of("failOperation", "LOG_BACKUP", "database", "sales", "round", 1));

      assertSucceededWithoutDataLoss(run);
      assertThat(run.poll(OperationKind.LOG_BACKUP, "sales", 1).state())
          .isEqualTo(OperationStatus.State.FAILED);
      // The failed round moved nothing: round 2 starts where the full backup ended, and it is what
      // was restored.
      OperationStatus round2 = run.poll(OperationKind.LOG_BACKUP, "sales", 2);
      assertThat(round2.backup().firstLsn())
          .isEqualTo(run.poll(OperationKind.FULL_BACKUP, "sales", 0).backup().lastLsn());
      assertThat(run.poll(OperationKind.RESTORE_LOG, "sales", 2).state())
          .isEqualTo(OperationStatus.State.SUCCEEDED);
      assertThat(run.warnings("LOG_BACKUP_RETRIED"))
          .singleElement()
          .asString()
          .startsWith(
              "LOG_BACKUP_RETRIED: log backup round 1 of sales failed (SIMULATED_PERMANENT: LOG_BACKUP failed on sales)")
          .contains("log chain is unbroken", "(1 failed in a row; the upgrade fails at 3)");
    }
  }

  @Test
  void aFailedLogRestore_isAppliedAgainUnderANewKey_andTheUpgradeSucceedsWithoutDataLoss() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      Run run =
          upgrade(
              world,
              "rm-retry-restore",
              Map.of("failOperation", "RESTORE_LOG", "database", "sales", "round", 1));

      assertSucceededWithoutDataLoss(run);
      assertThat(run.poll(OperationKind.RESTORE_LOG, "sales", 1).state())
          .isEqualTo(OperationStatus.State.FAILED);
      assertThat(run.poll(OperationKind.RESTORE_LOG, "sales", 2).state())
          .isEqualTo(OperationStatus.State.SUCCEEDED);
      assertThat(run.database("sales").path("logRestoresFailed").asInt()).isEqualTo(1);
      assertThat(run.database("hr").path("logRestoresFailed").asInt()).isZero();
      assertThat(run.warnings("LOG_RESTORE_RETRIED"))
          .singleElement()
          .asString()
          .startsWith(
              "LOG_RESTORE_RETRIED: log restore 1 of sales (round 1) failed (SIMULATED_PERMANENT")
          .contains("stays RESTORING at the last LSN it applied");
    }
  }

  @Test
  void logBackupsThatFailEveryTime_failTheUpgradeCleanly_atTheThirdInARow() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      Run run =
          upgrade(
              world,
              "rm-retry-lasting",
              Map.of("failOperation", "LOG_BACKUP", "database", "sales"));

      UpgradeTask task = run.task();
      assertThat(run.execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(run.execution.error()).isEqualTo("UpgradeFailed");
      assertThat(task.status()).isEqualTo(TaskStatus.Failed);
      assertThat(task.failureReason())
          .startsWith(
              "OperationFailed: LOG_BACKUP of sales failed: SIMULATED_PERMANENT: LOG_BACKUP failed on sales "
                  + "(3 log operations of sales failed in a row; the earlier ones were retried)")
          .contains("target dropped", "lock released");
      assertThat(run.warnings("LOG_BACKUP_RETRIED"))
          .hasSize(2)
          .anyMatch(w -> w.contains("round 1 of sales"))
          .anyMatch(w -> w.contains("round 2 of sales"));
      for (int round = 1; round <= 3; round++) {
        assertThat(run.poll(OperationKind.LOG_BACKUP, "sales", round).state())
            .isEqualTo(OperationStatus.State.FAILED);
      }
      Instance after = world.services.instances().get(run.instanceId);
      assertThat(after.status()).isEqualTo(InstanceStatus.Running);
      assertThat(after.activeTaskId()).isNull();
      assertThat(run.sim().targetsOf(run.instanceId)).isEmpty();
      assertThat(run.sim().databaseState(world.source(run.instanceId), "sales"))
          .isEqualTo(SimulatedDataPlane.DatabaseState.ONLINE);
      assertThat(run.sim().effectCounts(run.instanceId)).doesNotContainKey("TAIL_LOG_BACKUP");
    }
  }

  /**
   * While waiting for the window a round is shipped every interval (F8); a failed one is followed
   * at once by the next, which covers its log. rm-crash-7 of the crash-resume run submitted after
   * its window: it catches up in a few rounds, then waits about 19 hours shipping a round every 38
   * minutes.
   */
  @Test
  void aFailedLogBackupWhileWaitingForTheWindow_isRetried_andTheSwitchHappensInTheWindow() {
    try (UpgradeWorld world = new UpgradeWorld(Instant.parse("2026-11-24T22:30:00Z"))) {
      world.register(
          Fixtures.instance(
              "rm-crash-7",
              3.140849518689534,
              List.of(Fixtures.database("db0", 38)),
              Map.of(
                  "faults", Map.of("failOperation", "LOG_BACKUP", "database", "db0", "round", 10)),
              Map.of()));
      String taskId =
          world.submit("rm-crash-7", Fixtures.upgradeTo2022("MaintenanceWindow", "crash-7"));
      Run run = new Run(world, "rm-crash-7", taskId, world.await(taskId));

      UpgradeTask task = run.task();
      assertThat(run.execution.status())
          .as(task.failureReason())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(task.status()).isEqualTo(TaskStatus.Succeeded);
      Instant windowOpens = Instant.parse("2026-11-25T18:00:00Z");
      OperationStatus round9 = run.poll(OperationKind.LOG_BACKUP, "db0", 9);
      OperationStatus round11 = run.poll(OperationKind.LOG_BACKUP, "db0", 11);
      assertThat(round11.backup().finishedAt()).as("shipped while waiting").isBefore(windowOpens);
      assertThat(round11.backup().firstLsn())
          .as("round 11 covers the failed round's log")
          .isEqualTo(round9.backup().lastLsn());
      // Followed at once, not one ship interval (38 min) later: round 11 holds less than 3 rounds'
      // worth.
      assertThat(round11.backup().sizeBytes()).isLessThan(round9.backup().sizeBytes() * 3 / 2);
      assertThat(task.warnings())
          .anyMatch(w -> w.startsWith("LOG_BACKUP_RETRIED: log backup round 10 of db0 failed"));
      assertThat(run.database("db0").path("logStarted").asInt()).isGreaterThan(11);
      Instant switched =
          run.sim()
              .endpointState(world.source("rm-crash-7"))
              .map(EndpointState::switchedAt)
              .orElseThrow();
      assertThat(switched).isAfter(windowOpens);
      assertThat(task.downtimeSeconds()).isNotNull().isLessThan(300);
    }
  }
}
