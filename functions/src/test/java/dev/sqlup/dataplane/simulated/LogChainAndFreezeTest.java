package dev.sqlup.dataplane.simulated;

import static dev.sqlup.dataplane.simulated.SimulatorFixture.instance;
import static dev.sqlup.dataplane.simulated.SimulatorFixture.key;
import static dev.sqlup.dataplane.simulated.SimulatorFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.dataplane.simulated.SimulatedDataPlane.DatabaseState;
import dev.sqlup.testing.DynaliteExtension;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynaliteExtension.class)
class LogChainAndFreezeTest {
  private static final String PROFILE =
      "{\"databases\":[{\"name\":\"app\",\"sizeGb\":20}],\"logGbPerHour\":4}";

  private SimulatorFixture fx;
  private SimulatedDataPlane plane;
  private InstanceRef source;
  private TargetRef target;
  private BackupRef full;

  @BeforeEach
  void setUp(DynamoDbClient dynamo) {
    fx = new SimulatorFixture(dynamo);
    plane = fx.plane();
    source = instance("rm-app", "Standard", PROFILE);
    target =
        fx.finish(
                plane,
                plane.startCreateTarget(key(OperationKind.CREATE_TARGET), source, spec("Standard")))
            .target();
    full =
        fx.finish(
                plane,
                plane.startFullBackup(key(OperationKind.FULL_BACKUP, "app", 0), source, "app"))
            .backup();
    fx.finish(
        plane, plane.startRestoreFull(key(OperationKind.RESTORE_FULL, "app", 0), target, full));
  }

  private BackupRef logBackup(int round) {
    fx.clock.advance(Duration.ofMinutes(15));
    return fx.finish(
            plane,
            plane.startLogBackup(key(OperationKind.LOG_BACKUP, "app", round), source, "app", false))
        .backup();
  }

  @Test
  void logBackups_chainFromThePreviousBackup_andGrowWithTheLogRate() {
    BackupRef first = logBackup(1);
    BackupRef second = logBackup(2);
    assertThat(first.firstLsn()).isEqualTo(full.lastLsn());
    assertThat(second.firstLsn()).isEqualTo(first.lastLsn());
    assertThat(second.lastLsn()).isGreaterThan(second.firstLsn());
    assertThat(second.sizeBytes())
        .isEqualTo(second.lastLsn().value().subtract(second.firstLsn().value()).longValueExact());
  }

  @Test
  void restoreLog_skippingARound_isRejectedAsLsnChainBroken_andChangesNothing() {
    logBackup(1);
    BackupRef second = logBackup(2);
    Lsn before = plane.lastRestoredLsn(target, "app");

    assertThatThrownBy(
            () -> plane.startRestoreLog(key(OperationKind.RESTORE_LOG, "app", 2), target, second))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageContaining("LSN chain broken");
    assertThat(plane.lastRestoredLsn(target, "app")).isEqualTo(before);
    assertThat(plane.effectCounts("rm-app")).doesNotContainKey("RESTORE_LOG");
  }

  @Test
  void restoreLog_inOrder_advancesTheTargetOnlyWhenTheRestoreFinishes() {
    BackupRef first = logBackup(1);
    var restore = plane.startRestoreLog(key(OperationKind.RESTORE_LOG, "app", 1), target, first);
    assertThat(plane.lastRestoredLsn(target, "app")).isEqualTo(full.lastLsn());
    fx.finish(plane, restore);
    assertThat(plane.lastRestoredLsn(target, "app")).isEqualTo(first.lastLsn());
  }

  @Test
  void restoreLog_withoutAFullRestore_isRejected(DynamoDbClient dynamo) {
    BackupRef first = logBackup(1);
    TargetRef other =
        fx.finish(
                plane,
                plane.startCreateTarget(
                    new dev.sqlup.dataplane.OperationKey(
                        "task-2", OperationKind.CREATE_TARGET, "-", 0),
                    source,
                    spec("Standard")))
            .target();
    assertThatThrownBy(
            () ->
                plane.startRestoreLog(
                    new dev.sqlup.dataplane.OperationKey(
                        "task-2", OperationKind.RESTORE_LOG, "app", 1),
                    other,
                    first))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageContaining("LSN chain broken");
  }

  @Test
  void tailLogBackup_freezesTheSource_andRecoverSourceBringsItBack() {
    BackupRef tail =
        fx.finish(
                plane,
                plane.startLogBackup(
                    key(OperationKind.TAIL_LOG_BACKUP, "app", 0), source, "app", true))
            .backup();
    assertThat(plane.databaseState(source, "app")).isEqualTo(DatabaseState.RESTORING);
    fx.clock.advance(Duration.ofHours(1));
    assertThat(plane.inventory(source).databases().get(0).currentLsn()).isEqualTo(tail.lastLsn());
    assertThatThrownBy(
            () ->
                plane.startLogBackup(key(OperationKind.LOG_BACKUP, "app", 9), source, "app", false))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageContaining("DATABASE_RESTORING");

    plane.recoverSource(source, "app");
    plane.recoverSource(source, "app");

    assertThat(plane.databaseState(source, "app")).isEqualTo(DatabaseState.ONLINE);
    assertThat(plane.effectCounts("rm-app")).containsEntry("RECOVER_SOURCE", 1);
    fx.clock.advance(Duration.ofMinutes(30));
    Lsn current = plane.inventory(source).databases().get(0).currentLsn();
    // 30 minutes at 4 GB/h after the restart, nothing before it (the source was frozen).
    assertThat(current.value().subtract(tail.lastLsn().value()).longValueExact())
        .isEqualTo(2 * SimulationSpeeds.GB);
    BackupRef after = logBackup(10);
    assertThat(after.firstLsn()).isEqualTo(tail.lastLsn());
  }

  @Test
  void recoverSource_afterTheEndpointMoved_isRefused() {
    BackupRef tail =
        fx.finish(
                plane,
                plane.startLogBackup(
                    key(OperationKind.TAIL_LOG_BACKUP, "app", 0), source, "app", true))
            .backup();
    fx.finish(
        plane, plane.startRestoreLog(key(OperationKind.RESTORE_TAIL, "app", 0), target, tail));
    fx.finish(
        plane,
        plane.startRecoverTarget(key(OperationKind.RECOVER_TARGET, "app", 0), target, "app", true));
    fx.finish(plane, plane.startMoveEndpoint(key(OperationKind.MOVE_ENDPOINT), source, target));

    assertThatThrownBy(() -> plane.recoverSource(source, "app"))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageContaining("ENDPOINT_ALREADY_MOVED");
    assertThat(plane.databaseState(source, "app")).isEqualTo(DatabaseState.RESTORING);
  }

  @Test
  void recoveredTargetDatabase_refusesFurtherLogRestores() {
    BackupRef first = logBackup(1);
    var recover =
        plane.startRecoverTarget(key(OperationKind.RECOVER_TARGET, "app", 0), target, "app", false);
    assertThat(recover.expectedSeconds()).isEqualTo(30);
    fx.finish(plane, recover);
    assertThatThrownBy(
            () -> plane.startRestoreLog(key(OperationKind.RESTORE_LOG, "app", 1), target, first))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageContaining("DATABASE_RECOVERED");
  }

  @Test
  void tailRestoredWithRecovery_paysOneStatementsFixedCost_endsAtTheTailLsn_andRefusesMoreLog() {
    BackupRef tail =
        fx.finish(
                plane,
                plane.startLogBackup(
                    key(OperationKind.TAIL_LOG_BACKUP, "app", 0), source, "app", true))
            .backup();
    long bytesSeconds = SimulationSpeeds.GUIDE.transfer(tail.sizeBytes(), "Standard").toSeconds();
    var restore =
        plane.startRestoreTail(
            key(OperationKind.RESTORE_TAIL_WITH_RECOVERY, "app", 0), target, tail, false);
    // two statements cost 20 s + bytes, then 30 s; one costs 20 s + bytes + the 10 s of recovery
    assertThat(restore.expectedSeconds()).isBetween(30 + bytesSeconds, 31 + bytesSeconds);
    fx.finish(plane, restore);
    assertThat(plane.lastRestoredLsn(target, "app")).isEqualTo(tail.lastLsn());
    assertThatThrownBy(
            () -> plane.startRestoreLog(key(OperationKind.RESTORE_LOG, "app", 1), target, tail))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageContaining("DATABASE_RECOVERED");
  }

  @Test
  void tailRestoredWithRecovery_withAcceleratedDatabaseRecovery_halvesTheRecoveryPart() {
    BackupRef tail =
        fx.finish(
                plane,
                plane.startLogBackup(
                    key(OperationKind.TAIL_LOG_BACKUP, "app", 0), source, "app", true))
            .backup();
    long bytesSeconds = SimulationSpeeds.GUIDE.transfer(tail.sizeBytes(), "Standard").toSeconds();
    var restore =
        plane.startRestoreTail(
            key(OperationKind.RESTORE_TAIL_WITH_RECOVERY, "app", 0), target, tail, true);
    assertThat(restore.expectedSeconds()).isBetween(25 + bytesSeconds, 26 + bytesSeconds);
  }

  @Test
  void acceleratedDatabaseRecovery_halvesTheRecovery() {
    var recover =
        plane.startRecoverTarget(key(OperationKind.RECOVER_TARGET, "app", 0), target, "app", true);
    assertThat(recover.expectedSeconds()).isEqualTo(15);
  }
}
