package dev.sqlup.dataplane.simulated;

import static dev.sqlup.dataplane.simulated.SimulatorFixture.T0;
import static dev.sqlup.dataplane.simulated.SimulatorFixture.instance;
import static dev.sqlup.dataplane.simulated.SimulatorFixture.key;
import static dev.sqlup.dataplane.simulated.SimulatorFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.dataplane.OperationStatus.State;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.testing.DynaliteExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The guide's example (4 cores, 8 GB, 600 GB of data, no full backup in 36 h) driven operation by
 * operation against the simulator, times checked against the guide's table.
 */
@ExtendWith(DynaliteExtension.class)
class GuideWorkedExampleTest {
  /**
   * 10 GB of log accumulate during the 3-hour restore: the example's "incremental logs (10 GB)".
   */
  private static final String PROFILE =
      "{\"databases\":[{\"name\":\"sales\",\"sizeGb\":600,\"recoveryModel\":\"FULL\"}],\"logGbPerHour\":3.3333333}";

  private SimulatorFixture fx;
  private SimulatedDataPlane plane;

  @BeforeEach
  void setUp(DynamoDbClient dynamo) {
    fx = new SimulatorFixture(dynamo);
    plane = fx.plane();
  }

  @Test
  void guideExample_runsWithTheGuidesDurations_andSwitchesWithUnderFiveMinutesOfDowntime() {
    InstanceRef source = instance("rm-sales", "Standard", PROFILE);

    // Create and configure the new instance: ~12 minutes (runs beside the full backup).
    Operation create =
        plane.startCreateTarget(key(OperationKind.CREATE_TARGET), source, spec("Standard"));
    assertThat(create.expectedSeconds()).isEqualTo(12 * 60);
    Operation full =
        plane.startFullBackup(key(OperationKind.FULL_BACKUP, "sales", 0), source, "sales");
    assertThat(full.expectedSeconds()).isEqualTo(3 * 3600);

    fx.clock.set(T0.plus(Duration.ofMinutes(11)));
    OperationStatus creating = plane.poll(create.key());
    assertThat(creating.state()).isEqualTo(State.RUNNING);
    assertThat(creating.remainingSeconds()).isEqualTo(60);
    assertThat(creating.percentComplete()).isCloseTo(91.67, within(0.01));
    TargetRef target = fx.finish(plane, create).target();
    assertThat(target.targetId()).isEqualTo("rm-sales-task-1-target");
    assertThat(target.host()).isNotEqualTo(source.host());
    assertThat(target.port()).isEqualTo(source.port());

    // Back up full data (600 GB): ~3 hours.
    OperationStatus backedUp = fx.finish(plane, full);
    assertThat(backedUp.state()).isEqualTo(State.SUCCEEDED);
    BackupRef fullBackup = backedUp.backup();
    assertThat(fullBackup.sizeBytes()).isEqualTo(600 * SimulationSpeeds.GB);
    assertThat(fx.clock.instant()).isEqualTo(T0.plus(Duration.ofHours(3)));

    // Restore the full backup: ~3 hours.
    Operation restore =
        plane.startRestoreFull(key(OperationKind.RESTORE_FULL, "sales", 0), target, fullBackup);
    assertThat(restore.expectedSeconds()).isEqualTo(3 * 3600);
    assertThat(fx.finish(plane, restore).state()).isEqualTo(State.SUCCEEDED);
    assertThat(plane.lastRestoredLsn(target, "sales")).isEqualTo(fullBackup.lastLsn());

    // Back up incremental logs (10 GB): ~5 minutes; apply them: ~5 minutes.
    Operation log =
        plane.startLogBackup(key(OperationKind.LOG_BACKUP, "sales", 1), source, "sales", false);
    BackupRef logBackup = fx.finish(plane, log).backup();
    assertThat(logBackup.sizeBytes())
        .isCloseTo(10 * SimulationSpeeds.GB, within(SimulationSpeeds.GB / 100));
    assertThat(log.expectedSeconds()).isBetween(299L, 301L);
    assertThat(logBackup.firstLsn()).isEqualTo(fullBackup.lastLsn());
    Operation applyLog =
        plane.startRestoreLog(key(OperationKind.RESTORE_LOG, "sales", 1), target, logBackup);
    assertThat(applyLog.expectedSeconds()).isBetween(299L, 301L);
    fx.finish(plane, applyLog);

    // Point of no return: tail-log backup, tail restore WITH RECOVERY (one statement), endpoint
    // move.
    Instant tailStart = fx.clock.instant();
    Operation tail =
        plane.startLogBackup(key(OperationKind.TAIL_LOG_BACKUP, "sales", 0), source, "sales", true);
    BackupRef tailBackup = fx.finish(plane, tail).backup();
    assertThat(tailBackup.firstLsn()).isEqualTo(logBackup.lastLsn());
    Operation applyTail =
        plane.startRestoreTail(
            key(OperationKind.RESTORE_TAIL_WITH_RECOVERY, "sales", 0), target, tailBackup, false);
    // the tail's bytes and the fixed cost of one RESTORE statement (20 s) + recovery (10 s)
    long bytesSeconds =
        SimulationSpeeds.GUIDE.transfer(tailBackup.sizeBytes(), "Standard").toSeconds();
    assertThat(applyTail.expectedSeconds()).isBetween(30 + bytesSeconds, 31 + bytesSeconds);
    fx.finish(plane, applyTail);
    assertThat(plane.lastRestoredLsn(target, "sales")).isEqualTo(tailBackup.lastLsn());
    assertThat(plane.inventory(source).databases().get(0).currentLsn())
        .isEqualTo(tailBackup.lastLsn());

    Operation move = plane.startMoveEndpoint(key(OperationKind.MOVE_ENDPOINT), source, target);
    OperationStatus moved = fx.finish(plane, move);
    assertThat(moved.state()).isEqualTo(State.SUCCEEDED);
    assertThat(moved.target()).isEqualTo(target);
    EndpointState endpoint = plane.endpointState(source).orElseThrow();
    assertThat(endpoint.vip()).isEqualTo(target.host());
    assertThat(endpoint.switchedAt()).isEqualTo(fx.clock.instant());
    assertThat(Duration.between(endpoint.switchedAt(), endpoint.connectionsMigratedAt()))
        .isEqualTo(Duration.ofMinutes(9));

    Duration downtime = Duration.between(tailStart, endpoint.switchedAt());
    assertThat(downtime).isLessThan(Duration.ofMinutes(5));
    // The endpoint TTL is not lowered here (the workflow does that): 10 s propagation + the 60 s
    // TTL. The tail restored WITH RECOVERY in one statement: 20 s less than with two (155-165 s).
    assertThat(downtime).isBetween(Duration.ofSeconds(135), Duration.ofSeconds(145));
    Duration total = Duration.between(T0, endpoint.connectionsMigratedAt());
    // 6 h data + 10 min logs + ~2.5 min switch (10 min of log in the tail: 30 s each way) + 9 min
    // connection migration; creation overlapped the backup.
    assertThat(total).isBetween(Duration.ofMinutes(380), Duration.ofMinutes(383));
    System.out.printf("guide example: downtime %s, total %s%n", downtime, total);
  }

  @Test
  void webEdition_backsUpAndRestoresAtHalfSpeed() {
    InstanceRef source = instance("rm-web", "Web", PROFILE);
    Operation create =
        plane.startCreateTarget(key(OperationKind.CREATE_TARGET), source, spec("Web"));
    Operation full =
        plane.startFullBackup(key(OperationKind.FULL_BACKUP, "sales", 0), source, "sales");
    assertThat(full.expectedSeconds()).isEqualTo(6 * 3600);
    TargetRef target = fx.finish(plane, create).target();
    BackupRef backup = fx.finish(plane, full).backup();
    Operation restore =
        plane.startRestoreFull(key(OperationKind.RESTORE_FULL, "sales", 0), target, backup);
    assertThat(restore.expectedSeconds()).isEqualTo(6 * 3600);
    fx.finish(plane, restore);
    Operation log =
        plane.startLogBackup(key(OperationKind.LOG_BACKUP, "sales", 1), source, "sales", false);
    // 20 GB logged during the 6-hour restore, at 100 GB/h: 12 min + 2 min overhead.
    assertThat(log.expectedSeconds()).isBetween(14 * 60L - 1, 14 * 60L + 1);
  }

  @Test
  void recentFullBackup_fromTheProfile_skipsTheFullBackup_andItsLogChainCoversTheTimeSince() {
    String profile =
        "{\"databases\":[{\"name\":\"sales\",\"sizeGb\":600}],\"logGbPerHour\":2,"
            + "\"lastFullBackupAt\":\"2026-11-24T04:00:00Z\"}";
    InstanceRef source = instance("rm-recent", "Standard", profile);
    assertThat(plane.recentFullBackups(source, T0, Duration.ofHours(36)))
        .singleElement()
        .satisfies(
            b -> assertThat(b.finishedAt()).isEqualTo(Instant.parse("2026-11-24T04:00:00Z")));
    assertThat(plane.recentFullBackups(source, T0.plus(Duration.ofHours(31)), Duration.ofHours(36)))
        .isEmpty();

    BackupRef recent = plane.recentFullBackups(source, T0, Duration.ofHours(36)).get(0);
    TargetRef target =
        fx.finish(
                plane,
                plane.startCreateTarget(key(OperationKind.CREATE_TARGET), source, spec("Standard")))
            .target();
    Operation restore =
        plane.startRestoreFull(key(OperationKind.RESTORE_FULL, "sales", 0), target, recent);
    fx.finish(plane, restore);
    assertThat(fx.clock.instant())
        .isEqualTo(T0.plus(Duration.ofMinutes(12)).plus(Duration.ofHours(3)));
    BackupRef log =
        fx.finish(
                plane,
                plane.startLogBackup(
                    key(OperationKind.LOG_BACKUP, "sales", 1), source, "sales", false))
            .backup();
    // 06:00 since 04:00 + 3 h 12 min at 2 GB/h = 18.4 GB.
    assertThat(log.sizeBytes()).isCloseTo(18_400_000_000L, within(10_000_000L));
    assertThat(log.firstLsn()).isEqualTo(recent.lastLsn());
    assertThat(
            fx.finish(
                    plane,
                    plane.startRestoreLog(key(OperationKind.RESTORE_LOG, "sales", 1), target, log))
                .state())
        .isEqualTo(State.SUCCEEDED);
  }
}
