package dev.sqlup.workflow;

import dev.sqlup.domain.UpgradeTask;
import java.time.Instant;

/**
 * Phase 8: the instance record takes the new spec and returns to Running, the lock is released, the
 * task is Succeeded with every phase's start and end (its steps) and the measured downtime.
 */
public final class FinalizeHandler extends PhaseHandler {
  public FinalizeHandler() {
    this(dev.sqlup.config.Services.fromEnvironment());
    initForLambda();
  }

  public FinalizeHandler(dev.sqlup.config.Services services) {
    this(WorkflowServices.workflow(services));
  }

  FinalizeHandler(Workflow workflow) {
    super(workflow);
  }

  @Override
  protected UpgradeState run(UpgradeState state) {
    Instant now = workflow.clock().instant();
    UpgradeTask task = workflow.records().task(state.taskId());
    EndpointMove move = state.endpoint();
    Instant switched =
        move != null && move.switchedAt() != null ? Instant.parse(move.switchedAt()) : now;
    Instant migrated =
        move != null && move.connectionsMigratedAt() != null
            ? Instant.parse(move.connectionsMigratedAt())
            : now;
    new Finalization(workflow.records()).finish(task, state.target(), switched, migrated);
    return state.withOutcome("Succeeded", null);
  }
}
