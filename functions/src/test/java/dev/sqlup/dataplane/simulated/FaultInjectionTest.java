package dev.sqlup.dataplane.simulated;

import static dev.sqlup.dataplane.simulated.SimulatorFixture.instance;
import static dev.sqlup.dataplane.simulated.SimulatorFixture.key;
import static dev.sqlup.dataplane.simulated.SimulatorFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OperationStatus.State;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.dataplane.TransientDataPlaneException;
import dev.sqlup.testing.DynaliteExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynaliteExtension.class)
class FaultInjectionTest {
  private static final String DB =
      "{\"databases\":[{\"name\":\"sales\",\"sizeGb\":100}],\"logGbPerHour\":1%s}";

  private SimulatorFixture fx;

  @BeforeEach
  void setUp(DynamoDbClient dynamo) {
    fx = new SimulatorFixture(dynamo);
  }

  private static InstanceRef source(String id, String faultsJson) {
    return instance(
        id, "Standard", String.format(DB, faultsJson == null ? "" : ",\"faults\":" + faultsJson));
  }

  @Test
  void targetedPermanentFailure_endsFailed_andLeavesNoEffect() {
    SimulatedDataPlane plane = fx.plane();
    InstanceRef source =
        source("rm-f1", "{\"failOperation\":\"FULL_BACKUP\",\"mode\":\"permanent\"}");
    Operation backup =
        plane.startFullBackup(key(OperationKind.FULL_BACKUP, "sales", 0), source, "sales");
    // Fails halfway through the 30-minute backup.
    assertThat(backup.expectedSeconds()).isEqualTo(15 * 60);
    fx.clock.advance(Duration.ofMinutes(10));
    assertThat(plane.poll(backup.key()).state()).isEqualTo(State.RUNNING);
    var failed = fx.finish(plane, backup);
    assertThat(failed.state()).isEqualTo(State.FAILED);
    assertThat(failed.error()).contains("SIMULATED_PERMANENT");
    assertThat(plane.effectCounts("rm-f1")).doesNotContainKey("FULL_BACKUP");
    assertThat(plane.recentFullBackups(source, fx.clock.instant(), Duration.ofHours(36))).isEmpty();
    assertThatThrownBy(
            () ->
                plane.startLogBackup(
                    key(OperationKind.LOG_BACKUP, "sales", 1), source, "sales", false))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageContaining("NO_FULL_BACKUP");
  }

  @Test
  void failedOperation_holdsItsChannelUntilItFails_andTheNextBackupQueuesBehindIt() {
    SimulatedDataPlane plane = fx.plane();
    String profile =
        "{\"databases\":[{\"name\":\"a\",\"sizeGb\":100},{\"name\":\"b\",\"sizeGb\":100}],"
            + "\"faults\":{\"failOperation\":\"FULL_BACKUP\",\"database\":\"a\"}}";
    InstanceRef source = instance("rm-f6", "Standard", profile);
    Operation a = plane.startFullBackup(key(OperationKind.FULL_BACKUP, "a", 0), source, "a");
    Operation b = plane.startFullBackup(key(OperationKind.FULL_BACKUP, "b", 0), source, "b");
    assertThat(b.startedAt()).isEqualTo(a.startedAt().plus(Duration.ofMinutes(15)));
    assertThat(fx.finish(plane, a).state()).isEqualTo(State.FAILED);
    assertThat(fx.finish(plane, b).state()).isEqualTo(State.SUCCEEDED);
  }

  /**
   * A failed BACKUP LOG records no backup: the source's backed-up LSN stays where the last good
   * backup left it, so the next round starts there and the target's chain continues through it.
   */
  @Test
  void aFailedLogBackup_leavesTheBackedUpLsn_soTheNextRoundCoversItsRange() {
    SimulatedDataPlane plane = fx.plane();
    InstanceRef source =
        source("rm-f7", "{\"failOperation\":\"LOG_BACKUP\",\"database\":\"sales\",\"round\":2}");
    TargetRef target =
        fx.finish(
                plane,
                plane.startCreateTarget(key(OperationKind.CREATE_TARGET), source, spec("Standard")))
            .target();
    BackupRef full =
        fx.finish(
                plane,
                plane.startFullBackup(key(OperationKind.FULL_BACKUP, "sales", 0), source, "sales"))
            .backup();
    fx.finish(
        plane, plane.startRestoreFull(key(OperationKind.RESTORE_FULL, "sales", 0), target, full));
    BackupRef round1 =
        fx.finish(
                plane,
                plane.startLogBackup(
                    key(OperationKind.LOG_BACKUP, "sales", 1), source, "sales", false))
            .backup();
    fx.clock.advance(Duration.ofMinutes(30));

    var round2 =
        fx.finish(
            plane,
            plane.startLogBackup(
                key(OperationKind.LOG_BACKUP, "sales", 2), source, "sales", false));
    BackupRef round3 =
        fx.finish(
                plane,
                plane.startLogBackup(
                    key(OperationKind.LOG_BACKUP, "sales", 3), source, "sales", false))
            .backup();

    assertThat(round2.state()).isEqualTo(State.FAILED);
    assertThat(round3.firstLsn()).isEqualTo(round1.lastLsn());
    assertThat(plane.effectCounts("rm-f7")).containsEntry("LOG_BACKUP", 2);
    fx.finish(
        plane, plane.startRestoreLog(key(OperationKind.RESTORE_LOG, "sales", 1), target, round1));
    assertThat(
            fx.finish(
                    plane,
                    plane.startRestoreLog(
                        key(OperationKind.RESTORE_LOG, "sales", 3), target, round3))
                .state())
        .isEqualTo(State.SUCCEEDED);
    assertThat(plane.lastRestoredLsn(target, "sales")).isEqualTo(round3.lastLsn());
  }

  /**
   * A failed RESTORE LOG leaves the target at the last LSN it applied: the same backup restores
   * again under another key (the failed key stays failed: starts are idempotent on keys).
   */
  @Test
  void aFailedLogRestore_leavesTheTargetWhereItWas_andTheSameBackupRestoresUnderAnotherKey() {
    SimulatedDataPlane plane = fx.plane();
    InstanceRef source =
        source("rm-f8", "{\"failOperation\":\"RESTORE_LOG\",\"database\":\"sales\",\"round\":1}");
    TargetRef target =
        fx.finish(
                plane,
                plane.startCreateTarget(key(OperationKind.CREATE_TARGET), source, spec("Standard")))
            .target();
    BackupRef full =
        fx.finish(
                plane,
                plane.startFullBackup(key(OperationKind.FULL_BACKUP, "sales", 0), source, "sales"))
            .backup();
    fx.finish(
        plane, plane.startRestoreFull(key(OperationKind.RESTORE_FULL, "sales", 0), target, full));
    fx.clock.advance(Duration.ofMinutes(30));
    BackupRef log =
        fx.finish(
                plane,
                plane.startLogBackup(
                    key(OperationKind.LOG_BACKUP, "sales", 1), source, "sales", false))
            .backup();

    Operation failing =
        plane.startRestoreLog(key(OperationKind.RESTORE_LOG, "sales", 1), target, log);
    assertThat(fx.finish(plane, failing).state()).isEqualTo(State.FAILED);
    assertThat(plane.lastRestoredLsn(target, "sales")).isEqualTo(full.lastLsn());
    assertThat(plane.startRestoreLog(key(OperationKind.RESTORE_LOG, "sales", 1), target, log))
        .isEqualTo(failing);
    assertThat(plane.poll(failing.key()).state()).isEqualTo(State.FAILED);

    assertThat(
            fx.finish(
                    plane,
                    plane.startRestoreLog(key(OperationKind.RESTORE_LOG, "sales", 2), target, log))
                .state())
        .isEqualTo(State.SUCCEEDED);
    assertThat(plane.lastRestoredLsn(target, "sales")).isEqualTo(log.lastLsn());
    assertThat(plane.effectCounts("rm-f8")).containsEntry("RESTORE_LOG", 1);
  }

  @Test
  void rejectMode_refusesTheStart() {
    SimulatedDataPlane plane =
        fx.plane(FaultPlan.parse("{\"failOperation\":\"CREATE_TARGET\",\"mode\":\"reject\"}"));
    InstanceRef source = source("rm-f2", null);
    assertThatThrownBy(
            () ->
                plane.startCreateTarget(key(OperationKind.CREATE_TARGET), source, spec("Standard")))
        .isInstanceOf(PermanentDataPlaneException.class);
    assertThat(plane.targetsOf("rm-f2")).isEmpty();
  }

  @Test
  void transientStartFailure_succeedsOnRetry_withOneEffect() {
    SimulatedDataPlane plane =
        fx.plane(FaultPlan.parse("{\"failOperation\":\"CREATE_TARGET\",\"mode\":\"transient\"}"));
    InstanceRef source = source("rm-f3", null);
    OperationKey create = key(OperationKind.CREATE_TARGET);
    assertThatThrownBy(() -> plane.startCreateTarget(create, source, spec("Standard")))
        .isInstanceOf(TransientDataPlaneException.class);
    assertThat(plane.targetsOf("rm-f3")).isEmpty();
    plane.startCreateTarget(create, source, spec("Standard"));
    plane.startCreateTarget(create, source, spec("Standard"));
    assertThat(plane.targetsOf("rm-f3")).hasSize(1);
    assertThat(plane.effectCounts("rm-f3")).containsEntry("CREATE_TARGET", 1);
  }

  @Test
  void randomTransientFaults_replayIdentically_onAFreshTableWithTheSameSeed(DynamoDbClient dynamo) {
    String faults = "{\"seed\":7,\"transientProbability\":0.4}";
    assertThat(transcript(fx, faults)).isEqualTo(transcript(new SimulatorFixture(dynamo), faults));
  }

  /** Starts and polls with retries; records which calls failed transiently. */
  private static List<String> transcript(SimulatorFixture fixture, String faults) {
    SimulatedDataPlane plane = fixture.plane(FaultPlan.parse(faults));
    InstanceRef source = source("rm-f4", null);
    List<String> log = new ArrayList<>();
    for (String db : List.of("sales")) {
      OperationKey key = key(OperationKind.FULL_BACKUP, db, 0);
      for (int attempt = 1; attempt <= 20; attempt++) {
        try {
          plane.startFullBackup(key, source, db);
          log.add("start ok " + attempt);
          break;
        } catch (TransientDataPlaneException e) {
          log.add("start transient " + attempt);
        }
      }
      for (int attempt = 1; attempt <= 10; attempt++) {
        try {
          log.add("poll " + plane.poll(key).state());
        } catch (TransientDataPlaneException e) {
          log.add("poll transient " + attempt);
        }
      }
    }
    assertThat(log).anyMatch(line -> line.contains("transient"));
    assertThat(log).anyMatch(line -> line.startsWith("start ok"));
    return log;
  }

  @Test
  void slowOperations_takeFactorTimesLonger() {
    SimulatedDataPlane plane =
        fx.plane(FaultPlan.parse("{\"slowProbability\":1,\"slowFactor\":2.5}"));
    Operation backup =
        plane.startFullBackup(
            key(OperationKind.FULL_BACKUP, "sales", 0), source("rm-f5", null), "sales");
    assertThat(backup.expectedSeconds()).isEqualTo(75 * 60);
  }
}
