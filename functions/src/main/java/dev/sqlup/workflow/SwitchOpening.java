package dev.sqlup.workflow;

import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.dataplane.EndpointTtl;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.workflow.plan.DatabaseProgress;
import dev.sqlup.workflow.plan.SwitchStage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * The switchover's second half, overlapped with the tail restores: the endpoint move starts as soon
 * as every tail-log backup has finished (the tails are restored WITH RECOVERY, RESTRICTED_USER, so
 * applications that reach the target early cannot use it), and the databases are opened to
 * applications ({@code SET MULTI_USER}) only once the LSN check passed <em>and</em> the endpoint
 * resolves to the target for every client. The downtime (writes stop → open and resolving) is
 * recorded then.
 *
 * <p>Failure policy: a failure before {@code openDatabases} starts (restore failed, LSN mismatch,
 * the move failed {@link MoveEndpointHandler#MAX_ROUNDS} times) is compensated by moving the
 * endpoint back and recovering the source ({@link Compensation}); from {@code openDatabases} on
 * applications may write to the target and the upgrade only rolls forward.
 */
final class SwitchOpening {
  private final Workflow workflow;

  SwitchOpening(Workflow workflow) {
    this.workflow = workflow;
  }

  /**
   * @param state the payload with the endpoint move and the opening so far
   * @param opened the databases are open and the endpoint resolves to the target: the switchover is
   *     over
   * @param nextChangeSeconds when to look again (empty: nothing in flight here)
   */
  record Progress(UpgradeState state, boolean opened, OptionalLong nextChangeSeconds) {}

  /**
   * One round: start or poll the endpoint move once every tail is being restored; once {@code
   * recovered} (the LSN check passed) and the endpoint resolves to the target, open the databases.
   */
  Progress advance(UpgradeState state, boolean recovered, Instant now) {
    UpgradeTask task = workflow.records().task(state.taskId());
    Instance instance = workflow.records().instance(state.instanceId());
    DataPlane plane = workflow.dataPlanes().of(instance).plane();
    InstanceRef source = Refs.source(instance);
    EndpointMove move = state.endpoint() != null ? state.endpoint() : EndpointMove.NOT_STARTED;
    long next = Long.MAX_VALUE;
    if (move.switchedAt() == null && tailsRestoring(state.databases())) {
      if (TaskSteps.startedAt(task.steps(), TaskSteps.ENDPOINT_MOVE).isEmpty()) {
        // Clients may hold answers cached before the TTL was lowered: the move waits until they
        // expired (normally long ago: the TTL is lowered when the switch becomes due).
        EndpointTtl ttl = CutoverCheck.lowerTtl(workflow, task, instance, now);
        if (ttl.oldAnswersExpireAt().isAfter(now)) {
          next = Math.max(1, Duration.between(now, ttl.oldAnswersExpireAt()).toSeconds());
          return new Progress(state.withEndpoint(move), false, OptionalLong.of(next));
        }
        task = recordMoveStarted(task, instance, state, now);
      }
      OperationKey key =
          new OperationKey(task.taskId(), OperationKind.MOVE_ENDPOINT, "-", move.round());
      Operation operation = plane.startMoveEndpoint(key, source, state.target());
      OperationStatus status = plane.poll(key);
      switch (status.state()) {
        case FAILED -> {
          int round = move.round() + 1;
          if (round >= MoveEndpointHandler.MAX_ROUNDS) {
            throw new UpgradeFailedException(
                "EndpointMoveFailed",
                "the endpoint move failed "
                    + round
                    + " times before the databases were opened; last: "
                    + status.error());
          }
          Operation again =
              plane.startMoveEndpoint(
                  new OperationKey(task.taskId(), OperationKind.MOVE_ENDPOINT, "-", round),
                  source,
                  state.target());
          move = move.withRound(round);
          next = again.expectedSeconds();
        }
        case RUNNING -> next = status.remainingSeconds();
        case SUCCEEDED -> {
          Instant switchedAt = operation.startedAt().plusSeconds(operation.expectedSeconds());
          move = move.switched(switchedAt);
          recordResolved(task, instance, state, switchedAt, now);
        }
      }
    }
    if (recovered && move.switchedAt() != null && move.openedAt() == null) {
      task = recordOpenStarted(task, state, now);
      OperationKey key =
          new OperationKey(task.taskId(), OperationKind.OPEN_DATABASES, "-", move.openRound());
      Operation operation = plane.startOpenDatabases(key, source, state.target(), names(state));
      OperationStatus status = plane.poll(key);
      switch (status.state()) {
        case FAILED -> {
          // The databases may already take writes: never back, open again under the next round.
          int round = move.openRound() + 1;
          if (round >= MoveEndpointHandler.MAX_ROUNDS) {
            throw new UpgradeFailedException(
                "OpenDatabasesFailed",
                "SET MULTI_USER failed " + round + " times; last: " + status.error());
          }
          Operation again =
              plane.startOpenDatabases(
                  new OperationKey(task.taskId(), OperationKind.OPEN_DATABASES, "-", round),
                  source,
                  state.target(),
                  names(state));
          move = move.withOpenRound(round);
          next = Math.min(next, again.expectedSeconds());
        }
        case RUNNING -> next = Math.min(next, status.remainingSeconds());
        case SUCCEEDED -> {
          Instant openedAt = operation.startedAt().plusSeconds(operation.expectedSeconds());
          move = move.opened(openedAt);
          recordDowntime(task, instance, state, Instant.parse(move.switchedAt()), openedAt, now);
        }
      }
    }
    return new Progress(
        state.withEndpoint(move),
        move.openedAt() != null,
        next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next));
  }

  /** Every tail-log backup has finished and its restore has started (or the database is done). */
  static boolean tailsRestoring(List<DatabaseProgress> databases) {
    return !databases.isEmpty()
        && databases.stream()
            .allMatch(db -> db.switchStage().compareTo(SwitchStage.RECOVERING) >= 0);
  }

  private static List<String> names(UpgradeState state) {
    return state.databases().stream().map(DatabaseProgress::name).toList();
  }

  private UpgradeTask recordMoveStarted(
      UpgradeTask task, Instance instance, UpgradeState state, Instant now) {
    return workflow
        .records()
        .updateTask(
            task.taskId(),
            t ->
                TaskProgress.at(
                    t,
                    TaskStatus.Switching,
                    Estimate.SWITCH,
                    0.1,
                    TaskSteps.started(
                        t.steps(),
                        TaskSteps.ENDPOINT_MOVE,
                        now,
                        "endpoint "
                            + instance.endpoint()
                            + " moves to "
                            + state.target().host()
                            + " while the tails are restored; the databases there are "
                            + "RESTRICTED_USER until the LSN check passed, so applications "
                            + "(other than sysadmin, dbcreator, db_owner) cannot write yet; a "
                            + "failure before they are opened moves it back"),
                    now));
  }

  private void recordResolved(
      UpgradeTask task, Instance instance, UpgradeState state, Instant switchedAt, Instant now) {
    workflow
        .records()
        .updateTask(
            task.taskId(),
            t ->
                withSteps(
                    t,
                    TaskSteps.detailed(
                        t.steps(),
                        TaskSteps.ENDPOINT_MOVE,
                        "endpoint "
                            + instance.endpoint()
                            + " resolves to "
                            + state.target().host()
                            + " since "
                            + Messages.instant(switchedAt)
                            + "; databases RESTRICTED_USER until opened"),
                    now));
  }

  /** The task with other steps only (status, progress and remaining time kept). */
  private static UpgradeTask withSteps(
      UpgradeTask t, List<dev.sqlup.domain.TaskStep> steps, Instant at) {
    return t.progressed(t.status(), t.currentStep(), t.progress(), t.remainingSeconds(), steps, at);
  }

  private UpgradeTask recordOpenStarted(UpgradeTask task, UpgradeState state, Instant now) {
    if (TaskSteps.startedAt(task.steps(), TaskSteps.OPEN_DATABASES).isPresent()) {
      return task;
    }
    return workflow
        .records()
        .updateTask(
            task.taskId(),
            t ->
                withSteps(
                    t,
                    TaskSteps.started(
                        t.steps(),
                        TaskSteps.OPEN_DATABASES,
                        now,
                        "ALTER DATABASE ... SET MULTI_USER on "
                            + String.join(", ", names(state))
                            + ": applications may write to the target from here; the upgrade "
                            + "only rolls forward"),
                    now));
  }

  private void recordDowntime(
      UpgradeTask task,
      Instance instance,
      UpgradeState state,
      Instant switchedAt,
      Instant openedAt,
      Instant now) {
    Instant writesStop =
        TaskSteps.startedAt(task.steps(), TaskSteps.POINT_OF_NO_RETURN).orElse(switchedAt);
    Instant end = switchedAt.isAfter(openedAt) ? switchedAt : openedAt;
    long downtime = Duration.between(writesStop, end).toSeconds();
    workflow
        .records()
        .updateTask(
            task.taskId(),
            t -> {
              var steps =
                  TaskSteps.finished(
                      t.steps(),
                      TaskSteps.OPEN_DATABASES,
                      StepStatus.Succeeded,
                      openedAt,
                      "databases open to applications (SET MULTI_USER) since "
                          + Messages.instant(openedAt));
              // The rollback window closed when the opening started; the endpoint was done when it
              // resolved for every client.
              Instant openStart =
                  TaskSteps.startedAt(steps, TaskSteps.OPEN_DATABASES).orElse(openedAt);
              steps =
                  TaskSteps.finished(
                      steps, TaskSteps.POINT_OF_NO_RETURN, StepStatus.Succeeded, openStart, null);
              steps =
                  TaskSteps.finished(
                      steps, TaskSteps.ENDPOINT_MOVE, StepStatus.Succeeded, switchedAt, null);
              String breakdown =
                  DowntimeBreakdown.overlapped(steps, writesStop, switchedAt, openedAt);
              steps =
                  TaskSteps.detailed(
                      steps,
                      TaskSteps.ENDPOINT_MOVE,
                      "endpoint "
                          + instance.endpoint()
                          + " resolves to "
                          + state.target().host()
                          + " since "
                          + Messages.instant(switchedAt)
                          + ", databases open since "
                          + Messages.instant(openedAt)
                          + "; downtime "
                          + downtime
                          + " s ("
                          + breakdown
                          + ")");
              UpgradeTask switching =
                  TaskProgress.at(t, TaskStatus.Switching, Estimate.SWITCH, 0.3, steps, now);
              return TaskCopies.with(
                  switching,
                  TaskStatus.Switching,
                  switching.failureReason(),
                  downtime,
                  switching.stoppedReplicationTasks(),
                  switching.warnings());
            });
  }
}
