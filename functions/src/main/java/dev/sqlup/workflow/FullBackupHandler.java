package dev.sqlup.workflow;

import dev.sqlup.domain.Estimate;
import dev.sqlup.workflow.plan.Goal;

/** Phase 3 */
public final class FullBackupHandler extends ReplicationPhaseHandler {
  public FullBackupHandler() {
    this(dev.sqlup.config.Services.fromEnvironment());
    initForLambda();
  }

  public FullBackupHandler(dev.sqlup.config.Services services) {
    this(WorkflowServices.workflow(services));
  }

  FullBackupHandler(Workflow workflow) {
    super(workflow);
  }

  @Override
  Goal goal() {
    return Goal.FULL_BACKUPS;
  }

  @Override
  String phase() {
    return Estimate.FULL_BACKUP;
  }
}
