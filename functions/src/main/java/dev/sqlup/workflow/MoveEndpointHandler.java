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
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Phase 7b: the old VIP's connections migrate to the target; the phase ends when they have. The
 * endpoint itself moved during the switchover ({@link SwitchOpening}: started while the tails were
 * restored, the databases opened once it resolved to the target and the LSN check passed, the
 * downtime recorded then). An execution started before that change reaches this phase with the
 * endpoint not moved: it is moved here as before ({@code endpointMove} recorded first; from then on
 * that upgrade only rolls forward; a failed move is started again under the next round).
 */
public final class MoveEndpointHandler extends PhaseHandler {
  /**
   * Attempts at moving the endpoint before compensation (which keeps rolling forward) takes over.
   */
  static final int MAX_ROUNDS = 5;

  public MoveEndpointHandler() {
    this(dev.sqlup.config.Services.fromEnvironment());
    initForLambda();
  }

  public MoveEndpointHandler(dev.sqlup.config.Services services) {
    this(WorkflowServices.workflow(services));
  }

  MoveEndpointHandler(Workflow workflow) {
    super(workflow);
  }

  @Override
  protected UpgradeState run(UpgradeState state) {
    Instant now = workflow.clock().instant();
    UpgradeTask task = workflow.records().task(state.taskId());
    Instance instance = workflow.records().instance(state.instanceId());
    BoundDataPlane bound = workflow.dataPlanes().of(instance);
    DataPlane plane = bound.plane();
    InstanceRef source = Refs.source(instance);
    EndpointMove move = state.endpoint() != null ? state.endpoint() : EndpointMove.NOT_STARTED;
    if (TaskSteps.startedAt(task.steps(), TaskSteps.ENDPOINT_MOVE).isEmpty()) {
      // Clients may hold answers cached before the TTL was lowered: the move waits until they
      // expired
      // (normally long ago: the TTL is lowered when the switch becomes due, before the final
      // catch-up).
      EndpointTtl ttl = CutoverCheck.lowerTtl(workflow, task, instance, now);
      if (ttl.oldAnswersExpireAt().isAfter(now)) {
        return state
            .withEndpoint(move)
            .advanced(
                false, Math.max(1, Duration.between(now, ttl.oldAnswersExpireAt()).toSeconds()));
      }
      workflow
          .records()
          .updateTask(
              task.taskId(),
              t ->
                  TaskProgress.at(
                      t,
                      TaskStatus.Switching,
                      Estimate.SWITCH,
                      0.2,
                      TaskSteps.started(
                          t.steps(),
                          TaskSteps.ENDPOINT_MOVE,
                          now,
                          "endpoint "
                              + instance.endpoint()
                              + " moves to "
                              + state.target().host()
                              + "; from here the upgrade only rolls forward"),
                      now));
    }
    if (move.switchedAt() == null) {
      OperationKey key =
          new OperationKey(task.taskId(), OperationKind.MOVE_ENDPOINT, "-", move.round());
      Operation operation = plane.startMoveEndpoint(key, source, state.target());
      OperationStatus status = plane.poll(key);
      if (status.state() == OperationStatus.State.FAILED) {
        int round = move.round() + 1;
        if (round >= MAX_ROUNDS) {
          throw new UpgradeFailedException(
              "EndpointMoveFailed",
              "the endpoint move failed " + round + " times; last: " + status.error());
        }
        Operation again =
            plane.startMoveEndpoint(
                new OperationKey(task.taskId(), OperationKind.MOVE_ENDPOINT, "-", round),
                source,
                state.target());
        return state
            .withEndpoint(move.withRound(round))
            .advanced(false, again.expectedSeconds() + 1);
      }
      if (status.state() == OperationStatus.State.RUNNING) {
        return state.withEndpoint(move).advanced(false, status.remainingSeconds() + 1);
      }
      Instant switchedAt = operation.startedAt().plusSeconds(operation.expectedSeconds());
      Instant pointOfNoReturn =
          TaskSteps.startedAt(task.steps(), TaskSteps.POINT_OF_NO_RETURN).orElse(switchedAt);
      long downtime = Duration.between(pointOfNoReturn, switchedAt).toSeconds();
      String breakdown = DowntimeBreakdown.of(task.steps(), pointOfNoReturn, switchedAt);
      workflow
          .records()
          .updateTask(
              task.taskId(),
              t ->
                  TaskCopies.with(
                      TaskProgress.at(
                          t,
                          TaskStatus.Switching,
                          Estimate.SWITCH,
                          0.3,
                          TaskSteps.detailed(
                              t.steps(),
                              TaskSteps.ENDPOINT_MOVE,
                              "endpoint "
                                  + instance.endpoint()
                                  + " resolves to "
                                  + state.target().host()
                                  + " since "
                                  + Messages.instant(switchedAt)
                                  + "; downtime "
                                  + downtime
                                  + " s ("
                                  + breakdown
                                  + ")"),
                          now),
                      TaskStatus.Switching,
                      t.failureReason(),
                      downtime,
                      t.stoppedReplicationTasks(),
                      t.warnings()));
      move = move.switched(switchedAt);
      // An execution from before the switchover opened the databases itself: they were recovered
      // without RESTRICTED_USER, so this only runs what the opening does besides (the sqlserver
      // binding enables the copied jobs there).
      plane.startOpenDatabases(
          new OperationKey(task.taskId(), OperationKind.OPEN_DATABASES, "-", 0),
          source,
          state.target(),
          state.databases().stream().map(dev.sqlup.workflow.plan.DatabaseProgress::name).toList());
    }
    Optional<Instant> migrated = bound.connectionsMigratedAt().apply(source);
    if (migrated.isPresent() && migrated.get().isAfter(now)) {
      return state
          .withEndpoint(move)
          .advanced(false, Duration.between(now, migrated.get()).toSeconds() + 1);
    }
    Instant migratedAt = migrated.orElse(now);
    return state.withEndpoint(move.migrated(migratedAt)).advanced(true, 0);
  }
}
