package dev.sqlup.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.simulated.EndpointState;
import dev.sqlup.dataplane.simulated.SimulatedDataPlane;
import dev.sqlup.testing.DynaliteExtension;
import dev.sqlup.workflow.plan.DatabaseProgress;
import dev.sqlup.workflow.plan.FullStage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * F5 (docs/RELIABILITY.md): one phase invocation polls the operations of every database, so a
 * single transient poll error used to fail the invocation for all of them and spend the state
 * machine's retries. A failed status read is now "no news" for that one database this round; starts
 * still fail the invocation (Retry runs it again, starts are idempotent); polls failing for too
 * long surface.
 */
@ExtendWith(DynaliteExtension.class)
class TransientPollErrorsTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  /**
   * An instance registered and submitted, its handlers running on a data plane that fails on
   * demand.
   */
  record Rig(
      WorkflowFixture fixture,
      FlakyDataPlane plane,
      Workflow workflow,
      SimulatedDataPlane sim,
      String instanceId,
      String taskId) {
    Map<String, Integer> effects() {
      return sim.effectCounts(instanceId);
    }

    /** Precheck, CreateTarget, then the FullBackup invocation that starts every full backup. */
    UpgradeState fullBackupsStarted() {
      UpgradeState s = new PrecheckHandler(workflow).handle(UpgradeState.start(taskId, instanceId));
      s = new CreateTargetHandler(workflow).handle(s);
      while (!Boolean.TRUE.equals(s.done())) {
        fixture.clock.advanceSeconds(s.waitSeconds());
        s = new CreateTargetHandler(workflow).handle(s);
      }
      return new FullBackupHandler(workflow).handle(s);
    }
  }

  static Rig rig(DynamoDbClient dynamo, String instanceId, List<Map<String, Object>> databases) {
    WorkflowFixture f = new WorkflowFixture(dynamo, T0);
    f.register(WorkflowFixture.guideInstance(instanceId, 2, databases, Map.of()));
    String taskId =
        f.submit(instanceId, WorkflowFixture.upgradeTo2022("Immediate", "t-" + instanceId));
    SimulatedDataPlane sim = f.sim();
    FlakyDataPlane plane = new FlakyDataPlane(sim);
    Workflow base = WorkflowServices.workflow(f.services);
    Workflow workflow =
        new Workflow(
            base.records(),
            binding ->
                new BoundDataPlane(
                    plane,
                    source -> sim.endpointState(source).map(EndpointState::connectionsMigratedAt)),
            base.clock(),
            base.policy(),
            base::catalogue);
    return new Rig(f, plane, workflow, sim, instanceId, taskId);
  }

  static Map<String, Object> db(String name, int sizeGb) {
    return Map.of("name", name, "sizeGb", sizeGb, "recoveryModel", "FULL");
  }

  static DatabaseProgress database(UpgradeState state, String name) {
    return state.databases().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aTransientPollErrorOfOneDatabase_isNoNewsForIt_andTheOtherDatabasesAdvance(
      DynamoDbClient dynamo) {
    // GIVEN both full backups finished, and every poll of hr's operations failing
    Rig rig = rig(dynamo, "rm-poll-one", List.of(db("sales", 100), db("hr", 50)));
    UpgradeState started = rig.fullBackupsStarted();
    rig.fixture.clock.advanceSeconds(Duration.ofHours(2).toSeconds());
    Instant now = rig.fixture.clock.instant();
    rig.plane.failPolls = key -> key.database().equals("hr");

    // WHEN the phase polls
    UpgradeState next = new FullBackupHandler(rig.workflow).handle(started);

    // THEN sales moved on (its restore started), hr kept its state and the phase polls again in
    // seconds
    assertThat(rig.plane.failedPolls).isEqualTo(1);
    assertThat(database(next, "sales").full()).isEqualTo(FullStage.RESTORING);
    assertThat(database(next, "sales").pollFailingSince()).isNull();
    assertThat(database(next, "hr").full()).isEqualTo(FullStage.BACKING_UP);
    assertThat(database(next, "hr").pollFailingSince()).isEqualTo(now);
    assertThat(next.done()).isFalse();
    assertThat(next.waitSeconds()).isBetween(1L, 6L);
    assertThat(rig.effects()).containsEntry("FULL_BACKUP", 2).containsEntry("RESTORE_FULL", 1);

    // WHEN hr's polls answer again
    rig.plane.failPolls = key -> false;
    rig.fixture.clock.advanceSeconds(next.waitSeconds());
    UpgradeState after = new FullBackupHandler(rig.workflow).handle(next);

    // THEN hr catches up in the same round and nothing ran twice
    assertThat(database(after, "hr").full()).isEqualTo(FullStage.RESTORING);
    assertThat(database(after, "hr").pollFailingSince()).isNull();
    assertThat(after.done()).isTrue();
    assertThat(rig.effects()).containsEntry("FULL_BACKUP", 2).containsEntry("RESTORE_FULL", 2);
  }

  @Test
  void pollsOfOneDatabaseFailingForFifteenMinutes_surfaceToTheStateMachinesRetry(
      DynamoDbClient dynamo) {
    Rig rig = rig(dynamo, "rm-poll-long", List.of(db("sales", 100), db("hr", 50)));
    UpgradeState s = rig.fullBackupsStarted();
    rig.fixture.clock.advanceSeconds(Duration.ofHours(2).toSeconds());
    Instant firstFailure = rig.fixture.clock.instant();
    rig.plane.failPolls = key -> key.database().equals("hr");

    int invocations = 0;
    UpgradeState last = s;
    TransientEngineException surfaced = null;
    while (surfaced == null && invocations < 100) {
      try {
        last = new FullBackupHandler(rig.workflow).handle(last);
        invocations++;
        rig.fixture.clock.advanceSeconds(last.waitSeconds());
      } catch (TransientEngineException e) {
        surfaced = e;
      }
    }

    assertThat(surfaced)
        .as("the error surfaces once hr has gone unpolled for the limit")
        .isNotNull();
    assertThat(surfaced)
        .hasMessageContaining("hr")
        .hasMessageContaining("failing since " + firstFailure);
    Instant at = rig.fixture.clock.instant();
    assertThat(at)
        .isAfterOrEqualTo(firstFailure.plus(Replication.POLL_FAILURE_LIMIT))
        .isBefore(
            firstFailure
                .plus(Replication.POLL_FAILURE_LIMIT)
                .plus(Replication.POLL_RETRY_MAX)
                .plusSeconds(2));
    assertThat(invocations).as("backing off 5 s to 60 s, not a busy loop").isBetween(10, 30);

    // The state machine's Retry runs the same payload again; once hr answers, the upgrade goes on.
    rig.plane.failPolls = key -> false;
    UpgradeState retried = new FullBackupHandler(rig.workflow).handle(last);
    assertThat(database(retried, "hr").pollFailingSince()).isNull();
    assertThat(retried.done()).isTrue();
    assertThat(rig.effects()).containsEntry("FULL_BACKUP", 2).containsEntry("RESTORE_FULL", 2);
  }

  @Test
  void aTransientErrorStartingAnOperation_stillFailsTheInvocation_andTheRetryDoesNotRepeatIt(
      DynamoDbClient dynamo) {
    Rig rig = rig(dynamo, "rm-start-lost", List.of(db("sales", 100), db("hr", 50)));
    UpgradeState s = rig.fullBackupsStarted();
    rig.fixture.clock.advanceSeconds(Duration.ofHours(2).toSeconds());
    rig.plane.failStartsAfterRun =
        key -> key.kind() == OperationKind.RESTORE_FULL && key.database().equals("sales");

    assertThatThrownBy(() -> new FullBackupHandler(rig.workflow).handle(s))
        .isInstanceOf(TransientEngineException.class)
        .hasMessageContaining("RESTORE_FULL/sales");

    // Retry: the same payload again; the restore that did start is found by its key, not started
    // twice.
    rig.plane.failStartsAfterRun = key -> false;
    UpgradeState retried = new FullBackupHandler(rig.workflow).handle(s);
    assertThat(retried.databases())
        .allSatisfy(d -> assertThat(d.full()).isEqualTo(FullStage.RESTORING));
    assertThat(rig.effects()).containsEntry("FULL_BACKUP", 2).containsEntry("RESTORE_FULL", 2);
  }
}
