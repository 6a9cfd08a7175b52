package dev.sqlup.dataplane.simulated;

import static dev.sqlup.dataplane.simulated.SimulatorFixture.instance;
import static dev.sqlup.dataplane.simulated.SimulatorFixture.key;
import static dev.sqlup.dataplane.simulated.SimulatorFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OperationStatus.State;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.testing.DynaliteExtension;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynaliteExtension.class)
class TargetLifecycleTest {
  private SimulatorFixture fx;
  private SimulatedDataPlane plane;
  private final InstanceRef source =
      instance("rm-t", "Enterprise", "{\"databases\":[{\"name\":\"erp\",\"sizeGb\":50}]}");

  @BeforeEach
  void setUp(DynamoDbClient dynamo) {
    fx = new SimulatorFixture(dynamo);
    plane = fx.plane();
  }

  @Test
  void dropTarget_isIdempotent_andLeavesNoOrphan() {
    var create =
        plane.startCreateTarget(key(OperationKind.CREATE_TARGET), source, spec("Enterprise"));
    assertThat(plane.targetsOf("rm-t")).hasSize(1);
    TargetRef target = fx.finish(plane, create).target();

    plane.dropTarget(create.key(), source);
    plane.dropTarget(create.key(), source);

    assertThat(plane.targetsOf("rm-t")).isEmpty();
    assertThat(plane.targetsEverCreated("rm-t")).isEqualTo(1);
    assertThat(plane.effectCounts("rm-t"))
        .containsEntry("CREATE_TARGET", 1)
        .containsEntry("DROP_TARGET", 1);
    BackupRef backup =
        fx.finish(
                plane,
                plane.startFullBackup(key(OperationKind.FULL_BACKUP, "erp", 0), source, "erp"))
            .backup();
    assertThatThrownBy(
            () -> plane.startRestoreFull(key(OperationKind.RESTORE_FULL, "erp", 0), target, backup))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageContaining("TARGET_NOT_FOUND");
  }

  @Test
  void dropTarget_ofATargetNeverCreated_doesNothing() {
    plane.dropTarget(key(OperationKind.CREATE_TARGET), source);
    assertThat(plane.targetsOf("rm-t")).isEmpty();
    assertThat(plane.effectCounts("rm-t")).doesNotContainKey("DROP_TARGET");
  }

  @Test
  void dropTarget_whileItIsBeingCreated_removesIt() {
    var create =
        plane.startCreateTarget(key(OperationKind.CREATE_TARGET), source, spec("Enterprise"));
    fx.clock.advance(Duration.ofMinutes(3));
    plane.dropTarget(create.key(), source);
    assertThat(plane.targetsOf("rm-t")).isEmpty();
  }

  @Test
  void restore_waitsForTheTargetToBeReady() {
    BackupRef backup =
        fx.finish(
                plane,
                plane.startFullBackup(key(OperationKind.FULL_BACKUP, "erp", 0), source, "erp"))
            .backup();
    var create =
        plane.startCreateTarget(key(OperationKind.CREATE_TARGET), source, spec("Enterprise"));
    TargetRef target =
        new TargetRef(
            "rm-t-task-1-target",
            "rm-t",
            SimulatedDataPlane.vip("rm-t-task-1-target"),
            1433,
            "16.00",
            "Enterprise",
            "simulated");
    var restore = plane.startRestoreFull(key(OperationKind.RESTORE_FULL, "erp", 0), target, backup);
    assertThat(restore.startedAt())
        .isEqualTo(create.startedAt().plusSeconds(create.expectedSeconds()));
    assertThat(fx.finish(plane, create).target()).isEqualTo(target);
  }

  @Test
  void moveEndpoint_toATargetStillBeingCreated_isRefused() {
    var create =
        plane.startCreateTarget(key(OperationKind.CREATE_TARGET), source, spec("Enterprise"));
    TargetRef target =
        new TargetRef(
            "rm-t-task-1-target",
            "rm-t",
            SimulatedDataPlane.vip("rm-t-task-1-target"),
            1433,
            "16.00",
            "Enterprise",
            "simulated");
    assertThatThrownBy(
            () -> plane.startMoveEndpoint(key(OperationKind.MOVE_ENDPOINT), source, target))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageContaining("TARGET_NOT_READY");
    fx.finish(plane, create);
    var move = plane.startMoveEndpoint(key(OperationKind.MOVE_ENDPOINT), source, target);
    assertThat(move.expectedSeconds()).isEqualTo(70); // 10 s propagation + the record's 60 s TTL
    assertThat(fx.finish(plane, move).state()).isEqualTo(State.SUCCEEDED);
  }

  @Test
  void aLoweredTtl_shortensTheSwitch_onceTheOldTtlHasPassed() {
    var create =
        plane.startCreateTarget(key(OperationKind.CREATE_TARGET), source, spec("Enterprise"));
    fx.finish(plane, create);
    TargetRef target =
        new TargetRef(
            "rm-t-task-1-target",
            "rm-t",
            SimulatedDataPlane.vip("rm-t-task-1-target"),
            1433,
            "16.00",
            "Enterprise",
            "simulated");
    var lowered = plane.lowerEndpointTtl(key(OperationKind.LOWER_ENDPOINT_TTL), source, 5);
    assertThat(lowered.cachedTtlSeconds()).isEqualTo(60);
    assertThat(lowered.ttlSeconds()).isEqualTo(5);
    // idempotent: a second call reports the first lowering
    fx.clock.advance(java.time.Duration.ofSeconds(30));
    assertThat(plane.lowerEndpointTtl(key(OperationKind.LOWER_ENDPOINT_TTL), source, 5).loweredAt())
        .isEqualTo(lowered.loweredAt());
    // 30 s after the lowering, answers cached with the old 60 s TTL still live 30 s more
    var early = plane.startMoveEndpoint(key(OperationKind.MOVE_ENDPOINT), source, target);
    assertThat(early.expectedSeconds()).isEqualTo(30);
  }
}
