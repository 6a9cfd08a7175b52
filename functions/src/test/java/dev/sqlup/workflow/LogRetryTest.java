package dev.sqlup.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.dataplane.simulated.SimulatedDataPlane;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.testing.DynaliteExtension;
import dev.sqlup.workflow.plan.DatabaseProgress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A failed log backup or log restore before the point of no return is retried by a later round, as SQL
 * Server log shipping does, instead of failing the upgrade (21 of the 50 chaos-sample upgrades failed
 * with OperationFailed from the simulation's 1 % permanent faults, most of them on log rounds). The faults
 * are the simulated data plane's own, so its LSN chain is what is checked.
 */
@ExtendWith(DynaliteExtension.class)
class LogRetryTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  record Run(WorkflowFixture fixture, HandlerDriver driver, String instanceId, String taskId, UpgradeState end) {
    UpgradeTask task() {
      return fixture.services.tasks().get(taskId);
    }

    SimulatedDataPlane sim() {
      return fixture.sim();
    }

    OperationStatus poll(OperationKind kind, String database, int round) {
      return sim().poll(new OperationKey(taskId, kind, database, round));
    }

    DatabaseProgress database(String name) {
      return end.databases().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    List<String> warnings(String prefix) {
      return task().warnings().stream().filter(w -> w.startsWith(prefix)).toList();
    }
  }

  /** sales (20 GB) and hr (10 GB) at 2 GB of log per hour, with {@code faults} in the simulation profile. */
  static Run upgrade(DynamoDbClient dynamo, String instanceId, Map<String, Object> faults) {
    WorkflowFixture f = new WorkflowFixture(dynamo, T0);
    f.register(WorkflowFixture.guideInstance(instanceId, 2, List.of(
        Map.of("name", "sales", "sizeGb", 20, "recoveryModel", "FULL"),
        Map.of("name", "hr", "sizeGb", 10, "recoveryModel", "FULL")), Map.of()));
    f.services.instances().update(FailurePolicyTest.withSimulationFaults(f.services.instances().get(instanceId), faults));
    String taskId = f.submit(instanceId, WorkflowFixture.upgradeTo2022("Immediate", "t-" + instanceId));
    HandlerDriver driver = new HandlerDriver(f);
    UpgradeState end = driver.run(taskId, instanceId);
    return new Run(f, driver, instanceId, taskId, end);
  }

  static void assertSucceededWithoutDataLoss(Run run) {
    UpgradeTask task = run.task();
    assertThat(task.status()).as(task.failureReason() + "\n" + String.join("\n", run.driver.trace))
        .isEqualTo(TaskStatus.Succeeded);
    assertThat(run.driver.trace).noneMatch(line -> line.startsWith("Catch"));
    // Switchover already refuses a target whose last LSN differs from the tail's (DataLoss); checked here too.
    for (DatabaseProgress db : run.end.databases()) {
      assertThat(run.sim().lastRestoredLsn(run.end.target(), db.name())).as(db.name()).isEqualTo(db.tail().lastLsn());
      assertThat(db.logFailuresInRow()).isZero();
    }
    Map<String, Integer> effects = run.sim().effectCounts(run.instanceId);
    for (String perDatabase : List.of("FULL_BACKUP", "RESTORE_FULL", "TAIL_LOG_BACKUP", "RESTORE_TAIL", "RECOVER_TARGET")) {
      assertThat(effects).as(perDatabase).containsEntry(perDatabase, 2);
    }
    assertThat(effects.get("RESTORE_LOG")).as("every log backup taken is restored once").isEqualTo(effects.get("LOG_BACKUP"));
  }

  @Test
  void aFailedLogBackup_isRetriedByTheNextRound_andTheUpgradeSucceedsWithoutDataLoss(DynamoDbClient dynamo) {
    Run run = upgrade(dynamo, "rm-retry-backup", Map.of("failOperation", "LOG_BACKUP", "database", "sales", "round", 1));

    assertSucceededWithoutDataLoss(run);
    assertThat(run.poll(OperationKind.LOG_BACKUP, "sales", 1).state()).isEqualTo(OperationStatus.State.FAILED);
    // The failed round moved nothing: round 2 starts where the full backup ended, and it is what was restored.
    OperationStatus round2 = run.poll(OperationKind.LOG_BACKUP, "sales", 2);
    assertThat(round2.backup().firstLsn()).isEqualTo(run.database("sales").fullBackup().lastLsn());
    assertThat(run.poll(OperationKind.RESTORE_LOG, "sales", 2).state()).isEqualTo(OperationStatus.State.SUCCEEDED);
    assertThat(run.warnings("LOG_BACKUP_RETRIED")).singleElement().asString()
        .startsWith("LOG_BACKUP_RETRIED: log backup round 1 of sales failed (SIMULATED_PERMANENT: LOG_BACKUP failed on sales)")
        .contains("log chain is unbroken", "(1 failed in a row; the upgrade fails at 3)");
  }

  @Test
  void aFailedLogRestore_isAppliedAgainUnderANewKey_andTheUpgradeSucceedsWithoutDataLoss(DynamoDbClient dynamo) {
    Run run = upgrade(dynamo, "rm-retry-restore", Map.of("failOperation", "RESTORE_LOG", "database", "sales", "round", 1));

    assertSucceededWithoutDataLoss(run);
    assertThat(run.poll(OperationKind.RESTORE_LOG, "sales", 1).state()).isEqualTo(OperationStatus.State.FAILED);
    assertThat(run.poll(OperationKind.RESTORE_LOG, "sales", 2).state()).isEqualTo(OperationStatus.State.SUCCEEDED);
    assertThat(run.database("sales").logRestoresFailed()).isEqualTo(1);
    assertThat(run.database("hr").logRestoresFailed()).isZero();
    assertThat(run.warnings("LOG_RESTORE_RETRIED")).singleElement().asString()
        .startsWith("LOG_RESTORE_RETRIED: log restore 1 of sales (round 1) failed (SIMULATED_PERMANENT")
        .contains("stays RESTORING at the last LSN it applied");
  }

  @Test
  void logBackupsThatFailEveryTime_failTheUpgradeCleanly_atTheThirdInARow(DynamoDbClient dynamo) {
    Run run = upgrade(dynamo, "rm-retry-lasting", Map.of("failOperation", "LOG_BACKUP", "database", "sales"));

    UpgradeTask task = run.task();
    assertThat(task.status()).isEqualTo(TaskStatus.Failed);
    assertThat(run.end.outcome()).isEqualTo("RolledBack");
    assertThat(task.failureReason())
        .startsWith("OperationFailed: LOG_BACKUP of sales failed: SIMULATED_PERMANENT: LOG_BACKUP failed on sales "
            + "(3 log operations of sales failed in a row; the earlier ones were retried)")
        .contains("target dropped", "lock released");
    assertThat(run.warnings("LOG_BACKUP_RETRIED")).hasSize(2)
        .anyMatch(w -> w.contains("round 1 of sales")).anyMatch(w -> w.contains("round 2 of sales"));
    for (int round = 1; round <= 3; round++) {
      assertThat(run.poll(OperationKind.LOG_BACKUP, "sales", round).state()).isEqualTo(OperationStatus.State.FAILED);
    }
    Instance after = run.fixture.services.instances().get(run.instanceId);
    assertThat(after.status()).isEqualTo(InstanceStatus.Running);
    assertThat(after.activeTaskId()).isNull();
    assertThat(run.sim().targetsOf(run.instanceId)).isEmpty();
    InstanceRef source = Refs.source(after);
    assertThat(run.sim().databaseState(source, "sales")).isEqualTo(SimulatedDataPlane.DatabaseState.ONLINE);
    assertThat(run.sim().effectCounts(run.instanceId)).doesNotContainKey("TAIL_LOG_BACKUP");
  }

  /**
   * While waiting for the window a round is shipped every interval (F8); a failed one is followed at once
   * by the next, which covers its log. rm-crash-7 of the crash-resume run submitted after its window: it
   * catches up in a few rounds, then waits about 19 hours shipping a round every 38 minutes.
   */
  @Test
  void aFailedLogBackupWhileWaitingForTheWindow_isRetried_andTheSwitchHappensInTheWindow(DynamoDbClient dynamo) {
    WorkflowFixture f = new WorkflowFixture(dynamo, Instant.parse("2026-11-24T22:30:00Z"));
    f.register(WorkflowFixture.guideInstance("rm-crash-7", 3.140849518689534,
        List.of(Map.of("name", "db0", "sizeGb", 38, "recoveryModel", "FULL")), Map.of()));
    f.services.instances().update(FailurePolicyTest.withSimulationFaults(f.services.instances().get("rm-crash-7"),
        Map.of("failOperation", "LOG_BACKUP", "database", "db0", "round", 10)));
    String taskId = f.submit("rm-crash-7", WorkflowFixture.upgradeTo2022("MaintenanceWindow", "crash-7"));
    HandlerDriver driver = new HandlerDriver(f);

    UpgradeState end = driver.run(taskId, "rm-crash-7");

    UpgradeTask task = f.services.tasks().get(taskId);
    assertThat(task.status()).as(task.failureReason()).isEqualTo(TaskStatus.Succeeded);
    Instant windowOpens = Instant.parse("2026-11-25T18:00:00Z");
    OperationStatus round9 = f.sim().poll(new OperationKey(taskId, OperationKind.LOG_BACKUP, "db0", 9));
    OperationStatus round11 = f.sim().poll(new OperationKey(taskId, OperationKind.LOG_BACKUP, "db0", 11));
    assertThat(round11.backup().finishedAt()).as("shipped while waiting").isBefore(windowOpens);
    assertThat(round11.backup().firstLsn()).as("round 11 covers the failed round's log").isEqualTo(round9.backup().lastLsn());
    // Followed at once, not one ship interval (38 min) later: round 11 holds less than 3 rounds' worth.
    assertThat(round11.backup().sizeBytes()).isLessThan(round9.backup().sizeBytes() * 3 / 2);
    assertThat(task.warnings()).anyMatch(w -> w.startsWith("LOG_BACKUP_RETRIED: log backup round 10 of db0 failed"));
    assertThat(end.databases().get(0).logStarted()).isGreaterThan(11);
    assertThat(Instant.parse(end.endpoint().switchedAt())).isAfter(windowOpens);
    assertThat(task.downtimeSeconds()).isNotNull().isLessThan(300);
  }

  /**
   * A Lambda can be run again on the same payload after it ran (timeout after the work): seeing the same
   * failure twice must start the retry once and record the warning once.
   */
  @Test
  void anInvocationRunAgainAfterSeeingAFailure_startsTheRetryOnce_andRecordsItOnce(DynamoDbClient dynamo) {
    WorkflowFixture f = new WorkflowFixture(dynamo, T0);
    f.register(WorkflowFixture.guideInstance("rm-retry-twice", 2,
        List.of(Map.of("name", "sales", "sizeGb", 20, "recoveryModel", "FULL")), Map.of()));
    f.services.instances().update(FailurePolicyTest.withSimulationFaults(f.services.instances().get("rm-retry-twice"),
        Map.of("failOperation", "RESTORE_LOG", "database", "sales", "round", 1)));
    String taskId = f.submit("rm-retry-twice", WorkflowFixture.upgradeTo2022("Immediate", "t-twice"));
    Workflow workflow = WorkflowServices.workflow(f.services);
    UpgradeState s = new PrecheckHandler(workflow).handle(UpgradeState.start(taskId, "rm-retry-twice"));
    for (PhaseHandler phase : List.<PhaseHandler>of(new CreateTargetHandler(workflow), new FullBackupHandler(workflow),
        new RestoreFullHandler(workflow), new CatchUpHandler(workflow))) {
      s = phase.handle(s);
      while (!Boolean.TRUE.equals(s.done())) {
        f.clock.advanceSeconds(s.waitSeconds());
        UpgradeState first = phase.handle(s);
        UpgradeState again = phase.handle(s);
        assertThat(again).isEqualTo(first);
        s = again;
      }
    }

    assertThat(f.services.tasks().get(taskId).warnings()).filteredOn(w -> w.startsWith("LOG_RESTORE_RETRIED")).hasSize(1);
    assertThat(f.sim().poll(new OperationKey(taskId, OperationKind.RESTORE_LOG, "sales", 2)).state())
        .isEqualTo(OperationStatus.State.SUCCEEDED);
    Map<String, Integer> effects = f.sim().effectCounts("rm-retry-twice");
    assertThat(effects.get("RESTORE_LOG")).isEqualTo(effects.get("LOG_BACKUP"));
  }
}
