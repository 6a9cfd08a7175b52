package dev.sqlup.workflow;

import dev.sqlup.domain.Estimate;
import dev.sqlup.workflow.plan.Goal;

/** Phase 5 */
public final class CatchUpHandler extends ReplicationPhaseHandler {
  public CatchUpHandler() {
    this(dev.sqlup.config.Services.fromEnvironment());
    initForLambda();
  }

  public CatchUpHandler(dev.sqlup.config.Services services) {
    this(WorkflowServices.workflow(services));
  }

  CatchUpHandler(Workflow workflow) {
    super(workflow);
  }

  @Override
  Goal goal() {
    return Goal.CAUGHT_UP;
  }

  @Override
  String phase() {
    return Estimate.LOG_BACKUP;
  }
}
