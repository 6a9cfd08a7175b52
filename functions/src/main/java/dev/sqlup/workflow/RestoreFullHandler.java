package dev.sqlup.workflow;

import dev.sqlup.domain.Estimate;
import dev.sqlup.workflow.plan.Goal;

/** Phase 4 */
public final class RestoreFullHandler extends ReplicationPhaseHandler {
  public RestoreFullHandler() {
    this(dev.sqlup.config.Services.fromEnvironment());
    initForLambda();
  }

  public RestoreFullHandler(dev.sqlup.config.Services services) {
    this(WorkflowServices.workflow(services));
  }

  RestoreFullHandler(Workflow workflow) {
    super(workflow);
  }

  @Override
  Goal goal() {
    return Goal.FULL_RESTORES;
  }

  @Override
  String phase() {
    return Estimate.RESTORE_FULL;
  }
}
