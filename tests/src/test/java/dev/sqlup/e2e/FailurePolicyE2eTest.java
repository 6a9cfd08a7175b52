package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.simulated.SimulatedDataPlane;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.workflow.TaskSteps;
import dev.sqlup.workflow.TransientEngineException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A failure injected in every phase, one at a time, through the state machine's real Retry and
 * Catch: before the databases are opened to applications on the target the source ends serving and
 * unchanged with no target left and the lock released (the endpoint, when it had moved during the
 * tail restore, is moved back); after the opening the upgrade only rolls forward.
 */
class FailurePolicyE2eTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  @ParameterizedTest(name = "{0} fails -> {1}, source recovered: {2}")
  @CsvSource({
    "SIMPLE_RECOVERY, RecoveryModelNotFull, false",
    "CREATE_TARGET,   CreateTargetFailed,  false",
    "FULL_BACKUP,     OperationFailed,     false",
    "RESTORE_FULL,    OperationFailed,     false",
    "LOG_BACKUP,      OperationFailed,     false",
    "RESTORE_LOG,     OperationFailed,     false",
    "METADATA_CHANGE, MetadataChanged,     false",
    "TAIL_LOG_BACKUP, OperationFailed,     true",
    "RESTORE_TAIL_WITH_RECOVERY, OperationFailed, true"
  })
  void beforeTheEndpointMove_theSourceEndsServingAndUnchanged(
      String fault, String code, boolean recovered) {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      String id = "rm-e2e-" + fault.toLowerCase().replace('_', '-');
      world.register(
          Fixtures.instance(
              id,
              2,
              List.of(
                  Map.of(
                      "name",
                      "sales",
                      "sizeGb",
                      20,
                      "recoveryModel",
                      fault.equals("SIMPLE_RECOVERY") ? "SIMPLE" : "FULL"),
                  Fixtures.database("hr", 10)),
              faults(fault),
              Map.of()));
      Instance before = world.services.instances().get(id);
      String taskId = world.submit(id, Fixtures.upgradeTo2022("Immediate", "fail-" + id));

      ExecutionInfo execution = world.await(taskId);

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).isEqualTo("UpgradeFailed");
      UpgradeTask task = world.task(taskId);
      assertThat(task.status()).isEqualTo(TaskStatus.Failed);
      assertThat(task.failureReason()).startsWith(code).contains("target dropped", "lock released");
      Instance after = world.services.instances().get(id);
      assertThat(after.status()).isEqualTo(InstanceStatus.Running);
      assertThat(after.activeTaskId()).isNull();
      assertThat(after.spec()).isEqualTo(before.spec());
      assertThat(after.vip()).isEqualTo(before.vip());
      SimulatedDataPlane sim = world.sim();
      assertThat(sim.targetsOf(id)).as("no orphaned target").isEmpty();
      InstanceRef source =
          new InstanceRef(
              id,
              "simulated",
              "2019",
              "Standard",
              "10.0.0.5",
              1433,
              after.endpoint(),
              null,
              Map.of("simulation", json(after.simulation())));
      for (String db : List.of("sales", "hr")) {
        assertThat(sim.databaseState(source, db))
            .as(db + " online")
            .isEqualTo(SimulatedDataPlane.DatabaseState.ONLINE);
      }
      // The endpoint moves while the tails are restored: a failed tail restore finds it moved (or
      // moving), and compensation points it back at the source.
      sim.endpointState(source)
          .ifPresent(
              e ->
                  assertThat(e.movedBackAt())
                      .as("endpoint moved back (" + fault + ")")
                      .isNotNull());
      if (!fault.equals("RESTORE_TAIL_WITH_RECOVERY")) {
        assertThat(sim.endpointState(source)).isEmpty();
      }
      assertThat(task.failureReason().contains("recovered WITH RECOVERY")).isEqualTo(recovered);
      assertThat(world.eventTypes(taskId)).endsWith("UpgradeFailed");
      Map<String, Integer> effects = sim.effectCounts(id);
      if (recovered) {
        assertThat(task.steps()).anyMatch(s -> s.name().equals(TaskSteps.POINT_OF_NO_RETURN));
        if (!fault.equals("TAIL_LOG_BACKUP")) {
          // The tail backups ran (the sources went RESTORING) and were undone by RESTORE WITH
          // RECOVERY.
          assertThat(effects).containsKey("RECOVER_SOURCE").containsKey("TAIL_LOG_BACKUP");
        }
        // No data lost: the source carries on from where its tail-log backup stopped it.
        for (String db : List.of("sales", "hr")) {
          tailLastLsn(sim, taskId, db)
              .ifPresent(
                  tail ->
                      assertThat(
                              sim.inventory(source).databases().stream()
                                  .filter(d -> d.name().equals(db))
                                  .findFirst()
                                  .orElseThrow()
                                  .currentLsn())
                          .as(db)
                          .isGreaterThanOrEqualTo(tail));
        }
      } else {
        assertThat(effects)
            .doesNotContainKey("TAIL_LOG_BACKUP")
            .doesNotContainKey("RECOVER_SOURCE");
      }
    }
  }

  @Test
  void transientErrors_areRetried_andTheUpgradeSucceeds_withoutDuplicateOperations() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(
          Fixtures.instance(
              "rm-e2e-transient",
              2,
              List.of(Fixtures.database("sales", 20)),
              Map.of("faults", Map.of("failOperation", "FULL_BACKUP", "mode", "transient")),
              Map.of()));
      // Lambdas also time out after doing their work: the retried invocation (same input) must find
      // the
      // operations the first one started, never start a second target, backup or restore.
      for (String function :
          List.of(
              "CreateTargetFunction",
              "FullBackupFunction",
              "RestoreFullFunction",
              "CatchUpFunction",
              "SwitchoverFunction",
              "MoveEndpointFunction")) {
        world.failuresAfterRun.put(
            function,
            n ->
                n == 1 || n == 3
                    ? new TransientEngineException(
                        "injected: " + function + " invocation " + n + " timed out", null)
                    : null);
      }
      String taskId =
          world.submit("rm-e2e-transient", Fixtures.upgradeTo2022("Immediate", "transient-e2e"));

      ExecutionInfo execution = world.await(taskId);

      assertThat(execution.status()).as(execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(world.task(taskId).status()).isEqualTo(TaskStatus.Succeeded);
      Map<String, Integer> effects = world.sim().effectCounts("rm-e2e-transient");
      assertThat(effects)
          .containsEntry("CREATE_TARGET", 1)
          .containsEntry("FULL_BACKUP", 1)
          .containsEntry("RESTORE_FULL", 1)
          .containsEntry("TAIL_LOG_BACKUP", 1)
          .containsEntry("RESTORE_TAIL_WITH_RECOVERY", 1)
          .containsEntry("MOVE_ENDPOINT", 1);
      assertThat(effects.get("LOG_BACKUP")).isEqualTo(effects.get("RESTORE_LOG"));
      assertThat(world.invocations.get("CreateTargetFunction").get()).isGreaterThanOrEqualTo(3);
      assertThat(world.sim().targetsEverCreated("rm-e2e-transient")).isEqualTo(1);
    }
  }

  @Test
  void afterTheEndpointMove_aFailingFinalizeRollsForward_neverBack() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(
          Fixtures.instance(
              "rm-e2e-forward", 2, List.of(Fixtures.database("sales", 20)), Map.of(), Map.of()));
      // Finalize fails more often than its Retry allows: the Catch goes to Compensate, which sees
      // the
      // endpoint move in the task and rolls forward.
      world.failures.put(
          "FinalizeFunction", n -> new IllegalStateException("injected: finalize crash " + n));
      String taskId =
          world.submit("rm-e2e-forward", Fixtures.upgradeTo2022("Immediate", "forward-e2e"));

      ExecutionInfo execution = world.await(taskId);

      assertThat(execution.status()).as(execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
      UpgradeTask task = world.task(taskId);
      assertThat(task.status()).isEqualTo(TaskStatus.Succeeded);
      Instance instance = world.services.instances().get("rm-e2e-forward");
      assertThat(instance.engineVersion()).isEqualTo("2022");
      assertThat(instance.status()).isEqualTo(InstanceStatus.Running);
      assertThat(instance.activeTaskId()).isNull();
      assertThat(world.sim().effectCounts("rm-e2e-forward")).doesNotContainKey("RECOVER_SOURCE");
      assertThat(world.invocations.get("FinalizeFunction").get()).isGreaterThan(6);
      assertThat(world.invocations.get("CompensateFunction").get()).isEqualTo(1);
    }
  }

  @Test
  void
      afterTheEndpointMoved_beforeTheOpening_aFailedTailRestore_movesTheEndpointBack_nothingLost() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      // The guide's worked example: the endpoint (15 s) resolves to the target while the tail
      // restore (34 s) still runs; the restore then fails (at half its time). Applications that
      // reached the target met a RESTRICTED_USER database: nothing of theirs is on the target.
      world.register(
          Fixtures.instance(
              "rm-e2e-back",
              Fixtures.GB_PER_HOUR_FOR_10_GB_OF_LOG,
              List.of(Fixtures.database("sales", 600)),
              Map.of(
                  "faults",
                  Map.of("failOperation", "RESTORE_TAIL_WITH_RECOVERY", "mode", "permanent")),
              Map.of()));
      Instance before = world.services.instances().get("rm-e2e-back");
      String taskId = world.submit("rm-e2e-back", Fixtures.upgradeTo2022("Immediate", "back-e2e"));

      ExecutionInfo execution = world.await(taskId);

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).isEqualTo("UpgradeFailed");
      UpgradeTask task = world.task(taskId);
      assertThat(task.status()).isEqualTo(TaskStatus.Failed);
      assertThat(task.steps())
          .anyMatch(s -> s.name().equals(TaskSteps.ENDPOINT_MOVE))
          .noneMatch(s -> s.name().equals(TaskSteps.OPEN_DATABASES));
      assertThat(task.failureReason())
          .startsWith("OperationFailed")
          .contains("moved back to the source", "RESTRICTED_USER", "recovered WITH RECOVERY")
          .contains("target dropped", "lock released");
      SimulatedDataPlane sim = world.sim();
      Map<String, Integer> effects = sim.effectCounts("rm-e2e-back");
      assertThat(effects)
          .containsEntry("MOVE_ENDPOINT", 1)
          .containsEntry("MOVE_ENDPOINT_BACK", 1)
          .containsEntry("RECOVER_SOURCE", 1)
          .doesNotContainKey("OPEN_DATABASES");
      Instance after = world.services.instances().get("rm-e2e-back");
      assertThat(after.status()).isEqualTo(InstanceStatus.Running);
      assertThat(after.activeTaskId()).isNull();
      assertThat(after.spec()).isEqualTo(before.spec());
      assertThat(after.vip()).isEqualTo(before.vip());
      InstanceRef source =
          new InstanceRef(
              "rm-e2e-back",
              "simulated",
              "2019",
              "Standard",
              "10.0.0.5",
              1433,
              after.endpoint(),
              null,
              Map.of("simulation", json(after.simulation())));
      var endpoint = sim.endpointState(source).orElseThrow();
      Instant failedAt =
          task.steps().stream()
              .filter(s -> s.name().equals("restoreDatabases"))
              .findFirst()
              .orElseThrow()
              .endedAt();
      assertThat(endpoint.switchedAt())
          .as("the endpoint resolved to the target before the restore failed")
          .isBefore(failedAt);
      // Compensation finished (failing the open steps) once every client resolved to the source.
      assertThat(endpoint.movedBackAt()).isAfter(endpoint.switchedAt()).isBeforeOrEqualTo(failedAt);
      assertThat(sim.databaseState(source, "sales"))
          .isEqualTo(SimulatedDataPlane.DatabaseState.ONLINE);
      assertThat(sim.targetsOf("rm-e2e-back")).as("target dropped").isEmpty();
      Lsn tail = tailLastLsn(sim, taskId, "sales").orElseThrow();
      assertThat(sim.inventory(source).databases().get(0).currentLsn())
          .as("the source carries on from its tail: nothing lost")
          .isGreaterThanOrEqualTo(tail);
    }
  }

  @Test
  void beforeTheOpening_aMoveThatKeepsFailing_isRolledBack() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(
          Fixtures.instance(
              "rm-e2e-stuck",
              2,
              List.of(Fixtures.database("sales", 20)),
              Map.of("faults", Map.of("failOperation", "MOVE_ENDPOINT", "mode", "permanent")),
              Map.of()));
      String taskId =
          world.submit("rm-e2e-stuck", Fixtures.upgradeTo2022("Immediate", "stuck-e2e"));

      ExecutionInfo execution = world.await(taskId);

      // The databases were never opened to applications: the endpoint goes back, the source
      // recovers.
      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).isEqualTo("UpgradeFailed");
      UpgradeTask task = world.task(taskId);
      assertThat(task.status()).isEqualTo(TaskStatus.Failed);
      assertThat(task.failureReason())
          .startsWith("EndpointMoveFailed")
          .contains("moved back to the source", "recovered WITH RECOVERY");
      assertThat(world.sim().effectCounts("rm-e2e-stuck"))
          .containsEntry("RECOVER_SOURCE", 1)
          .doesNotContainKey("OPEN_DATABASES");
      assertThat(world.services.instances().get("rm-e2e-stuck").activeTaskId()).isNull();
    }
  }

  @Test
  void afterTheOpening_anOpeningThatKeepsFailing_isNeverRolledBack() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(
          Fixtures.instance(
              "rm-e2e-open",
              2,
              List.of(Fixtures.database("sales", 20)),
              Map.of("faults", Map.of("failOperation", "OPEN_DATABASES", "mode", "permanent")),
              Map.of()));
      String taskId = world.submit("rm-e2e-open", Fixtures.upgradeTo2022("Immediate", "open-e2e"));

      ExecutionInfo execution = world.await(taskId);

      // Once SET MULTI_USER has been started applications may write to the target: compensation
      // refuses to go back and keeps asking for a retry; when its retries run out the execution
      // fails and the sweeper takes over (still rolling forward).
      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).isEqualTo("CompensationFailed");
      UpgradeTask task = world.task(taskId);
      assertThat(task.status()).isEqualTo(TaskStatus.Switching);
      assertThat(task.steps())
          .anyMatch(s -> s.name().equals(TaskSteps.OPEN_DATABASES) && s.startedAt() != null);
      assertThat(world.sim().effectCounts("rm-e2e-open"))
          .doesNotContainKey("RECOVER_SOURCE")
          .doesNotContainKey("MOVE_ENDPOINT_BACK");
      assertThat(world.services.instances().get("rm-e2e-open").activeTaskId()).isEqualTo(taskId);
      assertThat(world.sweeper().sweep().errors()).anyMatch(e -> e.contains("rolling forward"));
    }
  }

  /** Where a database's tail-log backup ended, if it was taken. */
  private static Optional<Lsn> tailLastLsn(SimulatedDataPlane sim, String taskId, String database) {
    try {
      OperationStatus tail =
          sim.poll(new OperationKey(taskId, OperationKind.TAIL_LOG_BACKUP, database, 0));
      return tail.state() == OperationStatus.State.SUCCEEDED
          ? Optional.of(tail.backup().lastLsn())
          : Optional.empty();
    } catch (PermanentDataPlaneException neverStarted) {
      return Optional.empty();
    }
  }

  private static Map<String, Object> faults(String fault) {
    return switch (fault) {
      case "SIMPLE_RECOVERY" -> Map.of();
      case "METADATA_CHANGE" ->
          Map.of(
              "faults",
              Map.of(
                  "metadataChange",
                  Map.of("afterMinutes", 15, "kind", "DATABASE_CREATED", "database", "archive")));
      default -> Map.of("faults", Map.of("failOperation", fault, "mode", "permanent"));
    };
  }

  private static String json(Map<String, Object> value) {
    try {
      return UpgradeWorld.JSON.writeValueAsString(new HashMap<>(value));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
