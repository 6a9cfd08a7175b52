package dev.sqlup.workflow;

import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.SourceInventory;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.TaskStep;
import dev.sqlup.domain.UpgradeTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The failure policy, read from the facts the task records (so the state machine's Catch and the
 * sweeper apply the same one):
 *
 * <ul>
 *   <li>before the point of no return (no {@code pointOfNoReturn} step): drop the target, release
 *       the lock; the source was never touched;
 *   <li>after it, before the endpoint move ({@code endpointMove} not started): RESTORE WITH
 *       RECOVERY on the source for every database (nothing was written to the target, nothing is
 *       lost), drop the target, release the lock;
 *   <li>after the endpoint move started: never back. Finish the move (or start it again) and
 *       finalize; while it is still running this throws {@link TransientEngineException} so the
 *       caller retries.
 * </ul>
 *
 * The task ends {@code Failed} with the reason and what was undone, the instance {@code Running}
 * with its old spec. Every step is idempotent, so running this twice is harmless.
 */
final class Compensation {
  enum Outcome {
    RolledBack,
    RolledForward
  }

  private final Workflow workflow;

  Compensation(Workflow workflow) {
    this.workflow = workflow;
  }

  /**
   * @param reason why the upgrade failed (kept if the task already has one)
   * @param databases the databases of the upgrade when known (payload), else read from the source
   * @param target the target when known (payload), else read back from the create operation
   */
  Outcome run(String taskId, String reason, List<String> databases, TargetRef target) {
    Instant now = workflow.clock().instant();
    UpgradeTask task = workflow.records().task(taskId);
    if (task.status() == TaskStatus.Succeeded) {
      return Outcome.RolledForward;
    }
    Instance instance = workflow.records().instance(task.instanceId());
    BoundDataPlane bound = workflow.dataPlanes().of(instance);
    DataPlane plane = bound.plane();
    InstanceRef source = Refs.source(instance);
    OperationKey createKey = OperationKey.of(taskId, OperationKind.CREATE_TARGET);
    if (TaskSteps.startedAt(task.steps(), TaskSteps.ENDPOINT_MOVE).isPresent()) {
      rollForward(
          task, plane, source, target != null ? target : createdTarget(plane, createKey), now);
      return Outcome.RolledForward;
    }
    List<String> undone = new ArrayList<>();
    if (TaskSteps.startedAt(task.steps(), TaskSteps.POINT_OF_NO_RETURN).isPresent()) {
      List<String> names =
          databases != null && !databases.isEmpty()
              ? databases
              : plane.inventory(source).databases().stream()
                  .map(SourceInventory.Database::name)
                  .toList();
      for (String database : names) {
        plane.recoverSource(source, database);
      }
      undone.add(
          "source databases recovered WITH RECOVERY ("
              + String.join(", ", names)
              + "): nothing had been written to the target, no data lost");
    }
    plane.dropTarget(createKey, source);
    undone.add("target dropped");
    workflow.records().releaseLock(task.instanceId(), taskId, InstanceStatus.Running);
    undone.add("lock released, instance Running with its previous spec");
    String text =
        (task.failureReason() != null ? task.failureReason() : reason)
            + " — "
            + String.join("; ", undone);
    workflow
        .records()
        .updateTask(
            taskId,
            t -> {
              if (t.status() == TaskStatus.Failed) {
                return t;
              }
              List<TaskStep> steps = new ArrayList<>();
              for (TaskStep s : t.steps()) {
                steps.add(
                    s.endedAt() == null
                        ? new TaskStep(s.name(), StepStatus.Failed, s.startedAt(), now, reason)
                        : s);
              }
              UpgradeTask failed =
                  t.progressed(TaskStatus.Failed, t.currentStep(), t.progress(), 0, steps, now);
              return TaskCopies.with(
                  failed,
                  TaskStatus.Failed,
                  text,
                  failed.downtimeSeconds(),
                  failed.stoppedReplicationTasks(),
                  failed.warnings());
            });
    return Outcome.RolledBack;
  }

  private void rollForward(
      UpgradeTask task, DataPlane plane, InstanceRef source, TargetRef target, Instant now) {
    int round = 0;
    OperationStatus status = null;
    for (int r = 0; r < MoveEndpointHandler.MAX_ROUNDS + 5; r++) {
      try {
        status = plane.poll(new OperationKey(task.taskId(), OperationKind.MOVE_ENDPOINT, "-", r));
        round = r;
      } catch (PermanentDataPlaneException notStarted) {
        break;
      }
    }
    if (status == null || status.state() == OperationStatus.State.FAILED) {
      int next = status == null ? 0 : round + 1;
      plane.startMoveEndpoint(
          new OperationKey(task.taskId(), OperationKind.MOVE_ENDPOINT, "-", next), source, target);
      throw new TransientEngineException(
          "rolling forward: endpoint move round " + next + " started", null);
    }
    if (status.state() == OperationStatus.State.RUNNING) {
      throw new TransientEngineException(
          "rolling forward: endpoint move still running for " + status.remainingSeconds() + " s",
          null);
    }
    new Finalization(workflow.records()).finish(task, target, now, now);
  }

  private static TargetRef createdTarget(DataPlane plane, OperationKey createKey) {
    OperationStatus created = plane.poll(createKey);
    if (created.target() == null) {
      throw new IllegalStateException(
          "the endpoint moved but the target of " + createKey + " is unknown");
    }
    return created.target();
  }
}
