package dev.sqlup.workflow;

import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Operation;
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
 *   <li>after it, before the databases were opened to applications ({@code openDatabases} not
 *       started): if the endpoint move started (it runs while the tails are restored), point the
 *       endpoint back at the source; RESTORE WITH RECOVERY on the source for every database
 *       (applications could not write to the target: its databases were RESTRICTED_USER, so nothing
 *       is lost); once every client resolves to the source again, drop the target and release the
 *       lock (while the move back runs this throws {@link TransientEngineException} so the caller
 *       retries);
 *   <li>after the databases were opened (or, for an execution from before the opening existed,
 *       after the endpoint move started: {@link TaskSteps#openedToApplications}): never back.
 *       Finish the move and the opening (or start them again) and finalize; while they are still
 *       running this throws {@link TransientEngineException} so the caller retries.
 * </ul>
 *
 * <p>Applications connecting as sysadmin, dbcreator or db_owner are not held out by
 * RESTRICTED_USER: what they write to the target before the opening is lost by a move back (the
 * runbook says so).
 *
 * <p>The task ends {@code Failed} with the reason and what was undone, the instance {@code Running}
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
    if (TaskSteps.openedToApplications(task.steps())) {
      rollForward(
          task,
          plane,
          source,
          target != null ? target : createdTarget(plane, createKey),
          databases,
          now);
      return Outcome.RolledForward;
    }
    List<String> undone = new ArrayList<>();
    Operation back = null;
    if (TaskSteps.startedAt(task.steps(), TaskSteps.ENDPOINT_MOVE).isPresent()) {
      back =
          plane.startMoveEndpointBack(
              OperationKey.of(taskId, OperationKind.MOVE_ENDPOINT_BACK), source);
    }
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
    if (back != null) {
      OperationStatus status =
          plane.poll(OperationKey.of(taskId, OperationKind.MOVE_ENDPOINT_BACK));
      if (status.state() == OperationStatus.State.RUNNING) {
        throw new TransientEngineException(
            "rolling back: endpoint moving back to the source for "
                + status.remainingSeconds()
                + " s more",
            null);
      }
      if (status.state() == OperationStatus.State.FAILED) {
        throw new IllegalStateException(
            "ENDPOINT_MOVE_BACK_FAILED: the endpoint could not be pointed back at the source ("
                + status.error()
                + "); the source is recovered, point "
                + instance.endpoint()
                + " at it by hand (docs/runbook.md)");
      }
      undone.add(
          "endpoint "
              + instance.endpoint()
              + " moved back to the source (every client resolves to it since "
              + Messages.instant(back.startedAt().plusSeconds(back.expectedSeconds()))
              + "); the target's databases were RESTRICTED_USER until then, so applications "
              + "did not write to them");
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
      UpgradeTask task,
      DataPlane plane,
      InstanceRef source,
      TargetRef target,
      List<String> databases,
      Instant now) {
    finishRound(
        plane,
        task.taskId(),
        OperationKind.MOVE_ENDPOINT,
        key -> plane.startMoveEndpoint(key, source, target),
        "endpoint move");
    List<String> names =
        databases != null && !databases.isEmpty()
            ? databases
            : plane.inventory(source).databases().stream()
                .map(SourceInventory.Database::name)
                .toList();
    finishRound(
        plane,
        task.taskId(),
        OperationKind.OPEN_DATABASES,
        key -> plane.startOpenDatabases(key, source, target, names),
        "opening of the databases (SET MULTI_USER)");
    new Finalization(workflow.records()).finish(task, target, now, now);
  }

  /**
   * Returns when the newest round of {@code kind} succeeded; else starts the next round (none
   * started, or the newest failed) or waits for the running one, by throwing {@link
   * TransientEngineException} so the caller retries.
   */
  private static void finishRound(
      DataPlane plane,
      String taskId,
      OperationKind kind,
      java.util.function.Function<OperationKey, Operation> start,
      String what) {
    int round = 0;
    OperationStatus status = null;
    for (int r = 0; r < MoveEndpointHandler.MAX_ROUNDS + 5; r++) {
      try {
        status = plane.poll(new OperationKey(taskId, kind, "-", r));
        round = r;
      } catch (PermanentDataPlaneException notStarted) {
        break;
      }
    }
    if (status == null || status.state() == OperationStatus.State.FAILED) {
      int next = status == null ? 0 : round + 1;
      start.apply(new OperationKey(taskId, kind, "-", next));
      throw new TransientEngineException(
          "rolling forward: " + what + " round " + next + " started", null);
    }
    if (status.state() == OperationStatus.State.RUNNING) {
      throw new TransientEngineException(
          "rolling forward: " + what + " still running for " + status.remainingSeconds() + " s",
          null);
    }
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
