package dev.sqlup.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.SourceInventory;
import dev.sqlup.dataplane.SourceInventory.RecoveryModel;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.TaskStep;
import dev.sqlup.json.Json;
import dev.sqlup.workflow.plan.DatabaseProgress;
import dev.sqlup.workflow.plan.FullStage;
import dev.sqlup.workflow.plan.SwitchStage;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadAndPolicyTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  @Test
  void thePayloadOfEightDatabases_staysFarBelowTheStepFunctionsLimit_andRoundTrips()
      throws Exception {
    List<DatabaseProgress> dbs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String name = "database_with_a_long_name_" + i;
      BackupRef full =
          new BackupRef(
              "rm-1." + name + ".full.up-0123456789abcdef.0",
              name,
              BackupRef.Kind.FULL,
              new Lsn(new BigInteger("1000000000000000123456")),
              new Lsn(new BigInteger("1000000000000000999999")),
              600_000_000_000L,
              T0,
              "s3://sqlup-backups/rm-1/" + name + "/full/up-0123456789abcdef.bak");
      dbs.add(
          new DatabaseProgress(
              name,
              "FULL",
              1_666_666_667L,
              FullStage.RESTORED,
              full,
              false,
              12,
              12,
              11,
              true,
              2_000_000_000L,
              T0,
              4,
              SwitchStage.RECOVERING,
              full,
              T0,
              2,
              1));
    }
    UpgradeState state =
        UpgradeState.start("up-0123456789abcdef", "rm-1")
            .withTarget(
                new TargetRef(
                    "rm-1-up-0123456789abcdef-target",
                    "rm-1",
                    "10.1.2.3",
                    1433,
                    "2022",
                    "Standard",
                    "simulated"))
            .withDatabases(dbs)
            .withSwitchPlan(
                new SwitchPlan(
                    "MaintenanceWindow",
                    T0.toString(),
                    T0.plusSeconds(3600).toString(),
                    false,
                    "x".repeat(300),
                    SwitchPlan.WAIT,
                    false,
                    "CutoverGuardHolding",
                    3,
                    T0.toString(),
                    "logLag",
                    "y".repeat(300)))
            .withEndpoint(new EndpointMove(1, T0.toString(), T0.toString(), 0, T0.toString()))
            .advanced(false, 42);

    byte[] json = Json.writeBytes(state);

    assertThat(json.length).isLessThan(16 * 1024);
    assertThat(Json.read(json, UpgradeState.class)).isEqualTo(state);
  }

  @Test
  void theFailureReason_isTheHandlersMessage_withItsStableCode() {
    Map<String, Object> error =
        Map.of(
            "Error",
            "dev.sqlup.workflow.UpgradeFailedException",
            "Cause",
            "{\"errorMessage\":\"DataLoss: the target's last LSN differs\","
                + "\"errorType\":\"dev.sqlup.workflow.UpgradeFailedException\",\"stackTrace\":[]}");
    assertThat(CompensateHandler.reason(error))
        .isEqualTo("DataLoss: the target's last LSN differs");

    Map<String, Object> timeout =
        Map.of("Error", "States.Timeout", "Cause", "Task timed out after 300 seconds");
    assertThat(CompensateHandler.reason(timeout))
        .isEqualTo("Timeout: Task timed out after 300 seconds");
    assertThat(CompensateHandler.reason(null)).startsWith("UpgradeFailed");
  }

  @Test
  void thePreSwitchGuard_namesEveryMetadataChange() {
    List<DatabaseProgress> atStart =
        List.of(
            DatabaseProgress.start("sales", "FULL", 1, null),
            DatabaseProgress.start("hr", "FULL", 1, null),
            DatabaseProgress.start("crm", "FULL", 1, null));
    SourceInventory now =
        new SourceInventory(
            List.of(
                new SourceInventory.Database("sales", 1, RecoveryModel.FULL, Lsn.of(1)),
                new SourceInventory.Database("hr", 1, RecoveryModel.SIMPLE, Lsn.of(1)),
                new SourceInventory.Database("archive", 1, RecoveryModel.FULL, Lsn.of(1))),
            0);

    assertThatThrownBy(() -> SwitchoverHandler.guardMetadata(now, atStart))
        .isInstanceOf(UpgradeFailedException.class)
        .hasMessageStartingWith("MetadataChanged")
        .hasMessageContaining("crm dropped", "archive created", "hr recovery model FULL -> SIMPLE");
    SwitchoverHandler.guardMetadata(
        new SourceInventory(
            List.of(
                new SourceInventory.Database("sales", 1, RecoveryModel.FULL, Lsn.of(1)),
                new SourceInventory.Database("hr", 1, RecoveryModel.FULL, Lsn.of(2)),
                new SourceInventory.Database("crm", 1, RecoveryModel.FULL, Lsn.of(3))),
            0),
        atStart);
  }

  @Test
  void steps_keepTheirFirstStart_andRecordTheEnd() {
    List<TaskStep> steps = TaskSteps.started(List.of(), "fullBackup", T0, "a");
    steps = TaskSteps.started(steps, "fullBackup", T0.plusSeconds(60), "b");
    steps =
        TaskSteps.finished(steps, "fullBackup", StepStatus.Succeeded, T0.plusSeconds(120), null);
    assertThat(steps)
        .containsExactly(
            new TaskStep("fullBackup", StepStatus.Succeeded, T0, T0.plusSeconds(120), "a"));
    assertThat(TaskSteps.isFinished(steps, "fullBackup")).isTrue();
    assertThat(TaskSteps.startedAt(steps, "pointOfNoReturn")).isEmpty();
  }

  @Test
  void noDataLoss_isProvenByTheTargetsLastLsnEqualingTheTailsLastLsn() {
    BackupRef tail =
        new BackupRef("t", "sales", BackupRef.Kind.LOG, Lsn.of(100), Lsn.of(200), 1, T0, "m");
    UpgradeState state =
        UpgradeState.start("up-1", "rm-1")
            .withTarget(
                new TargetRef("tg", "rm-1", "10.1.1.1", 1433, "2022", "Standard", "simulated"))
            .withDatabases(
                List.of(
                    new DatabaseProgress(
                        "sales",
                        "FULL",
                        1,
                        FullStage.RESTORED,
                        null,
                        false,
                        1,
                        1,
                        1,
                        false,
                        1,
                        T0,
                        0,
                        SwitchStage.RECOVERED,
                        tail,
                        null,
                        0,
                        0)));

    SwitchoverHandler.verifyNoDataLoss(restoredUpTo(200), state);
    assertThatThrownBy(() -> SwitchoverHandler.verifyNoDataLoss(restoredUpTo(199), state))
        .isInstanceOf(UpgradeFailedException.class)
        .hasMessageStartingWith("DataLoss")
        .hasMessageContaining("sales (target 199, source tail 200)");
  }

  /** A data plane answering only lastRestoredLsn (the one call the check makes). */
  private static dev.sqlup.dataplane.DataPlane restoredUpTo(long lsn) {
    return (dev.sqlup.dataplane.DataPlane)
        java.lang.reflect.Proxy.newProxyInstance(
            getLoader(),
            new Class<?>[] {dev.sqlup.dataplane.DataPlane.class},
            (proxy, method, args) -> {
              if (method.getName().equals("lastRestoredLsn")) {
                return Lsn.of(lsn);
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private static ClassLoader getLoader() {
    return PayloadAndPolicyTest.class.getClassLoader();
  }
}
