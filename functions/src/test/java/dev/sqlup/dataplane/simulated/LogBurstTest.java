package dev.sqlup.dataplane.simulated;

import static dev.sqlup.dataplane.simulated.SimulatorFixture.T0;
import static dev.sqlup.dataplane.simulated.SimulatorFixture.instance;
import static dev.sqlup.dataplane.simulated.SimulatorFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.testing.DynaliteExtension;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A profile's log burst multiplies the log rate for its period: the log positions, the log backups
 * and the log read since the last backup follow it, and drop back to the usual rate when it ends.
 */
@ExtendWith(DynaliteExtension.class)
class LogBurstTest {
  // 3.6 GB/h = 1 MB/s; x10 from T0+30 min for 20 min.
  private static final String PROFILE =
      "{\"databases\":[{\"name\":\"app\",\"sizeGb\":20}],\"logGbPerHour\":3.6,"
          + "\"logBursts\":[{\"startsAt\":\"2026-11-24T10:30:00Z\",\"seconds\":1200,\"factor\":10}]}";
  private static final long MB = 1_000_000;

  private SimulatorFixture fx;
  private SimulatedDataPlane plane;
  private InstanceRef source;

  @BeforeEach
  void setUp(DynamoDbClient dynamo) {
    fx = new SimulatorFixture(dynamo);
    plane = fx.plane();
    source = instance("rm-burst", "Standard", PROFILE);
    fx.finish(
        plane, plane.startFullBackup(key(OperationKind.FULL_BACKUP, "app", 0), source, "app"));
  }

  private BackupRef logBackupAt(Duration sinceT0, int round) {
    fx.clock.set(T0.plus(sinceT0));
    return fx.finish(
            plane,
            plane.startLogBackup(key(OperationKind.LOG_BACKUP, "app", round), source, "app", false))
        .backup();
  }

  @Test
  void theLogSinceTheLastBackup_followsTheBurst_andDropsWhenItEnds() {
    logBackupAt(Duration.ofMinutes(25), 1);
    fx.clock.set(T0.plus(Duration.ofMinutes(35)));
    // 5 min at 1 MB/s before the burst, 5 min at 10 MB/s in it.
    assertThat(plane.logSinceLastBackup(source, "app")).hasValue(300 * MB + 3000 * MB);

    BackupRef inBurst = logBackupAt(Duration.ofMinutes(35), 2);
    assertThat(inBurst.sizeBytes()).isEqualTo(3300 * MB);
    // 15 min of burst left, then 5 min at the usual rate.
    BackupRef across = logBackupAt(Duration.ofMinutes(55), 3);
    assertThat(across.sizeBytes()).isEqualTo(9000 * MB + 300 * MB);
    fx.clock.set(T0.plus(Duration.ofMinutes(60)));
    assertThat(plane.logSinceLastBackup(source, "app")).hasValue(300 * MB);
  }

  @Test
  void aBurstWithoutAPositiveLength_isRefusedAsAnInvalidProfile() {
    InstanceRef bad =
        instance(
            "rm-bad",
            "Standard",
            "{\"databases\":[{\"name\":\"app\",\"sizeGb\":1}],"
                + "\"logBursts\":[{\"startsAt\":\"2026-11-24T10:30:00Z\",\"seconds\":0}]}");
    assertThatThrownBy(() -> SourceProfile.of(bad))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageContaining("SIM_PROFILE_INVALID");
  }
}
