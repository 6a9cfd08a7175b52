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
 * Phase 7b: the endpoint moves to the target (same name, new VIP). The {@code endpointMove} step is
 * recorded before the move starts: from then on the upgrade only rolls forward. A move that fails
 * is started again under the next round (never reversed); the downtime (tail-log backup start to
 * endpoint resolving to the target) is recorded as soon as the endpoint has switched; the phase
 * ends when the old VIP's connections have migrated.
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
    EndpointMove move =
        state.endpoint() != null ? state.endpoint() : new EndpointMove(0, null, null);
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
            .withEndpoint(new EndpointMove(round, null, null))
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
      move = new EndpointMove(move.round(), switchedAt.toString(), null);
    }
    Optional<Instant> migrated = bound.connectionsMigratedAt().apply(source);
    if (migrated.isPresent() && migrated.get().isAfter(now)) {
      return state
          .withEndpoint(move)
          .advanced(false, Duration.between(now, migrated.get()).toSeconds() + 1);
    }
    Instant migratedAt = migrated.orElse(now);
    return state
        .withEndpoint(new EndpointMove(move.round(), move.switchedAt(), migratedAt.toString()))
        .advanced(true, 0);
  }
}
