package dev.sqlup.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.testing.DynaliteExtension;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynaliteExtension.class)
class SweeperTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  @Test
  void aTaskWhoseExecutionEndedUnnoticed_isCompensatedLikeTheStateMachineWould(
      DynamoDbClient dynamo) {
    WorkflowFixture f = new WorkflowFixture(dynamo, T0);
    f.register(
        WorkflowFixture.guideInstance(
            "rm-orphan",
            1,
            List.of(Map.of("name", "sales", "sizeGb", 50, "recoveryModel", "FULL")),
            Map.of()));
    String taskId = f.submit("rm-orphan", WorkflowFixture.upgradeTo2022("Immediate", "orphan-1"));
    Workflow workflow = WorkflowServices.workflow(f.services);
    UpgradeState s = new PrecheckHandler(workflow).handle(UpgradeState.start(taskId, "rm-orphan"));
    s = new CreateTargetHandler(workflow).handle(s);
    f.clock.advanceSeconds(s.waitSeconds());
    s = new CreateTargetHandler(workflow).handle(s);
    new FullBackupHandler(workflow).handle(s);
    Map<String, String> executions = new HashMap<>(Map.of(taskId, "RUNNING"));
    Sweeper sweeper =
        new Sweeper(
            workflow,
            f.services.tasks(),
            f.services.instances(),
            id -> Optional.ofNullable(executions.get(id)),
            f.services.launcher());

    assertThat(sweeper.sweep().reconciled()).as("a running execution is left alone").isEmpty();
    executions.put(taskId, "TIMED_OUT");
    Sweeper.Report report = sweeper.sweep();

    assertThat(report.reconciled()).containsExactly(taskId + " RolledBack");
    UpgradeTask task = f.services.tasks().get(taskId);
    assertThat(task.status()).isEqualTo(TaskStatus.Failed);
    assertThat(task.failureReason())
        .startsWith("ExecutionEnded")
        .contains("TIMED_OUT", "target dropped");
    assertThat(f.services.instances().get("rm-orphan").status()).isEqualTo(InstanceStatus.Running);
    assertThat(f.services.instances().get("rm-orphan").activeTaskId()).isNull();
    assertThat(f.sim().targetsOf("rm-orphan")).isEmpty();
    assertThat(sweeper.sweep().reconciled())
        .as("a finished task is not compensated twice")
        .isEmpty();
  }

  @Test
  void anAbandonedSubmission_isFinishedAsARetryWould_orFailedWhenItsInstanceCanNoLongerBeLocked(
      DynamoDbClient dynamo) {
    // GIVEN three submissions that stopped between their steps (docs/api.md, "Crash safety"): one
    // holds its
    // instance's lock but never started its execution, one never took the lock of its free
    // instance, and one
    // never took the lock of an instance another upgrade has locked since
    WorkflowFixture f = new WorkflowFixture(dynamo, T0);
    for (String id : List.of("rm-locked", "rm-unlocked", "rm-taken")) {
      f.register(
          WorkflowFixture.guideInstance(
              id,
              1,
              List.of(Map.of("name", "sales", "sizeGb", 50, "recoveryModel", "FULL")),
              Map.of()));
    }
    String locked =
        f.submit("rm-locked", WorkflowFixture.upgradeTo2022("Immediate", "abandoned-1"));
    String unlocked =
        f.submit("rm-unlocked", WorkflowFixture.upgradeTo2022("Immediate", "abandoned-2"));
    f.services.instances().releaseUpgradeLock("rm-unlocked", unlocked, InstanceStatus.Running);
    String lost = f.submit("rm-taken", WorkflowFixture.upgradeTo2022("Immediate", "abandoned-3"));
    f.services.instances().releaseUpgradeLock("rm-taken", lost, InstanceStatus.Running);
    f.services.instances().acquireUpgradeLock("rm-taken", "up-someone-else");
    Map<String, String> executions = new HashMap<>(); // no execution exists
    Sweeper sweeper =
        new Sweeper(
            WorkflowServices.workflow(f.services),
            f.services.tasks(),
            f.services.instances(),
            id -> Optional.ofNullable(executions.get(id)),
            f.services.launcher());
    int launchesBefore = f.launched.size();

    // WHEN the sweeper runs within a submission's lifetime, THEN it leaves them alone
    f.clock.advanceSeconds(60);
    assertThat(sweeper.reconcileEndedExecutions().reconciled()).isEmpty();

    // WHEN it runs once they are stale
    f.clock.advanceSeconds(Sweeper.STALE_PENDING_MINUTES * 60);
    Sweeper.Report report = sweeper.reconcileEndedExecutions();

    // THEN the first two are finished as a retry would (lock taken, execution started with the
    // submission's
    // input) and the third fails with nothing changed
    assertThat(report.reconciled())
        .containsExactlyInAnyOrder(
            locked + " WorkflowStarted",
            unlocked + " WorkflowStarted",
            lost + " SubmissionAbandoned");
    assertThat(f.launched.subList(launchesBefore, f.launched.size()))
        .containsExactlyInAnyOrder(
            "{\"taskId\":\"" + locked + "\",\"instanceId\":\"rm-locked\"}",
            "{\"taskId\":\"" + unlocked + "\",\"instanceId\":\"rm-unlocked\"}");
    assertThat(f.services.instances().get("rm-unlocked").activeTaskId()).isEqualTo(unlocked);
    UpgradeTask failed = f.services.tasks().get(lost);
    assertThat(failed.status()).isEqualTo(TaskStatus.Failed);
    assertThat(failed.failureReason())
        .startsWith("SubmissionAbandoned")
        .contains("up-someone-else");
    assertThat(f.services.instances().get("rm-taken").activeTaskId()).isEqualTo("up-someone-else");
    assertThat(f.sim().targetsOf("rm-taken")).isEmpty();

    // AND once the executions run, the sweeper leaves the tasks to them
    executions.put(locked, "RUNNING");
    executions.put(unlocked, "RUNNING");
    assertThat(sweeper.reconcileEndedExecutions().reconciled()).isEmpty();
    assertThat(f.launched).hasSize(launchesBefore + 2);
  }
}
