package dev.sqlup.dataplane.simulated;

import static dev.sqlup.dataplane.simulated.SimulatorFixture.T0;
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
import dev.sqlup.testing.DynaliteExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynaliteExtension.class)
class IdempotencyAndPipeliningTest {
  private static final String FOUR_DATABASES =
      "{\"databases\":["
          + "{\"name\":\"db1\",\"sizeGb\":150},{\"name\":\"db2\",\"sizeGb\":150},"
          + "{\"name\":\"db3\",\"sizeGb\":150},{\"name\":\"db4\",\"sizeGb\":150}],\"logGbPerHour\":2}";

  private SimulatorFixture fx;
  private SimulatedDataPlane plane;
  private final InstanceRef source = instance("rm-four", "Standard", FOUR_DATABASES);

  @BeforeEach
  void setUp(DynamoDbClient dynamo) {
    fx = new SimulatorFixture(dynamo);
    plane = fx.plane();
  }

  @Test
  void sameKeyTwice_returnsTheSameOperation_withOneEffectAndNoExtraQueueTime() {
    OperationKey backupKey = key(OperationKind.FULL_BACKUP, "db1", 0);
    Operation first = plane.startFullBackup(backupKey, source, "db1");
    fx.clock.advance(Duration.ofMinutes(10));
    Operation again = plane.startFullBackup(backupKey, source, "db1");
    Operation fromAnotherLambda = fx.plane().startFullBackup(backupKey, source, "db1");

    assertThat(again).isEqualTo(first);
    assertThat(fromAnotherLambda).isEqualTo(first);
    assertThat(plane.effectCounts("rm-four")).containsEntry("FULL_BACKUP", 1);
    Operation next = plane.startFullBackup(key(OperationKind.FULL_BACKUP, "db2", 0), source, "db2");
    assertThat(next.startedAt()).isEqualTo(T0.plus(Duration.ofMinutes(45)));

    OperationKey createKey = key(OperationKind.CREATE_TARGET);
    Operation create = plane.startCreateTarget(createKey, source, spec("Standard"));
    assertThat(plane.startCreateTarget(createKey, source, spec("Standard"))).isEqualTo(create);
    assertThat(plane.targetsOf("rm-four")).hasSize(1);
    assertThat(plane.effectCounts("rm-four")).containsEntry("CREATE_TARGET", 1);
  }

  @Test
  void repeatedPolls_changeNothing() {
    Operation backup =
        plane.startFullBackup(key(OperationKind.FULL_BACKUP, "db1", 0), source, "db1");
    fx.finish(plane, backup);
    var first = plane.poll(backup.key());
    for (int i = 0; i < 5; i++) {
      assertThat(plane.poll(backup.key())).isEqualTo(first);
    }
    assertThat(plane.effectCounts("rm-four")).containsEntry("FULL_BACKUP", 1);
  }

  @Test
  void poll_ofAnUnknownKey_isPermanent() {
    assertThatThrownBy(() -> plane.poll(key(OperationKind.FULL_BACKUP, "nope", 0)))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageContaining("UNKNOWN_OPERATION");
  }

  @Test
  void fourDatabases_backedUpAtOnce_andEachRestoredWhenReady_finishIn225MinutesInsteadOf360() {
    TargetRef target =
        fx.finish(
                plane,
                plane.startCreateTarget(key(OperationKind.CREATE_TARGET), source, spec("Standard")))
            .target();
    fx.clock.set(T0);
    List<Operation> backups = new ArrayList<>();
    for (String db : List.of("db1", "db2", "db3", "db4")) {
      backups.add(plane.startFullBackup(key(OperationKind.FULL_BACKUP, db, 0), source, db));
    }
    // One backup channel: 45 minutes each, one after another.
    for (int i = 0; i < 4; i++) {
      assertThat(backups.get(i).startedAt()).isEqualTo(T0.plus(Duration.ofMinutes(45L * i)));
      assertThat(backups.get(i).expectedSeconds()).isEqualTo(45 * 60);
    }
    Instant lastRestoreEnd = null;
    for (Operation backup : backups) {
      BackupRef done = fx.finish(plane, backup).backup();
      Operation restore =
          plane.startRestoreFull(key(OperationKind.RESTORE_FULL, done.database(), 0), target, done);
      lastRestoreEnd = restore.startedAt().plusSeconds(restore.expectedSeconds());
    }
    assertThat(Duration.between(T0, lastRestoreEnd)).isEqualTo(Duration.ofMinutes(225));
    fx.clock.set(lastRestoreEnd);
    for (String db : List.of("db1", "db2", "db3", "db4")) {
      assertThat(plane.poll(key(OperationKind.RESTORE_FULL, db, 0)).state())
          .isEqualTo(State.SUCCEEDED);
    }
  }

  @Test
  void restoresQueueOnTheTargetChannel_whenStartedTogether() {
    TargetRef target =
        fx.finish(
                plane,
                plane.startCreateTarget(key(OperationKind.CREATE_TARGET), source, spec("Standard")))
            .target();
    List<BackupRef> backups = new ArrayList<>();
    for (String db : List.of("db1", "db2")) {
      backups.add(
          fx.finish(plane, plane.startFullBackup(key(OperationKind.FULL_BACKUP, db, 0), source, db))
              .backup());
    }
    Instant now = fx.clock.instant();
    Operation r1 =
        plane.startRestoreFull(key(OperationKind.RESTORE_FULL, "db1", 0), target, backups.get(0));
    Operation r2 =
        plane.startRestoreFull(key(OperationKind.RESTORE_FULL, "db2", 0), target, backups.get(1));
    assertThat(r1.startedAt()).isEqualTo(now);
    assertThat(r2.startedAt()).isEqualTo(now.plus(Duration.ofMinutes(45)));
    fx.clock.set(now.plus(Duration.ofMinutes(50)));
    var queued = plane.poll(r2.key());
    assertThat(queued.state()).isEqualTo(State.RUNNING);
    assertThat(queued.remainingSeconds()).isEqualTo(40 * 60);
  }

  @Test
  void concurrentStartsFromManyLambdas_neverOverlapOnTheBackupChannel() throws Exception {
    plane.inventory(source);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Operation>> starts = new ArrayList<>();
      for (String db : List.of("db1", "db2", "db3", "db4")) {
        for (int copy = 0; copy < 2; copy++) {
          SimulatedDataPlane lambda = fx.plane();
          starts.add(
              () -> lambda.startFullBackup(key(OperationKind.FULL_BACKUP, db, 0), source, db));
        }
      }
      List<Operation> started = new ArrayList<>();
      for (Future<Operation> f : pool.invokeAll(starts)) {
        started.add(f.get());
      }
      assertThat(started.stream().map(Operation::startedAt).distinct().sorted().toList())
          .containsExactly(
              T0,
              T0.plus(Duration.ofMinutes(45)),
              T0.plus(Duration.ofMinutes(90)),
              T0.plus(Duration.ofMinutes(135)));
      for (int i = 0; i < started.size(); i += 2) {
        assertThat(started.get(i)).isEqualTo(started.get(i + 1));
      }
      assertThat(plane.effectCounts("rm-four")).containsEntry("FULL_BACKUP", 4);
    } finally {
      pool.shutdownNow();
    }
  }
}
