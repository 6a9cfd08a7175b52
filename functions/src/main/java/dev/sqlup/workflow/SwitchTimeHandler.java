package dev.sqlup.workflow;

import dev.sqlup.domain.Instance;
import dev.sqlup.domain.UpgradeTask;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Phase 6: when to switch, from the task's switch setting ({@link SwitchSchedule}): {@code
 * Immediate} goes to the final catch-up and the cutover guards at once; {@code MaintenanceWindow},
 * {@code ScheduledTime} and {@code OnApproval} wait in the machine's loop (Wait → KeepShipping →
 * decide again), shipping log rounds on the way so the catch-up at the switch stays short.
 */
public final class SwitchTimeHandler extends PhaseHandler {
  public SwitchTimeHandler() {
    this(dev.sqlup.config.Services.fromEnvironment());
    initForLambda();
  }

  public SwitchTimeHandler(dev.sqlup.config.Services services) {
    this(WorkflowServices.workflow(services));
  }

  SwitchTimeHandler(Workflow workflow) {
    super(workflow);
  }

  @Override
  protected UpgradeState run(UpgradeState state) {
    Instant now = workflow.clock().instant();
    UpgradeTask task = workflow.records().task(state.taskId());
    Instance instance = workflow.records().instance(state.instanceId());
    return SwitchGate.route(
        workflow, task, instance, state.withSwitchPlan(null), OptionalLong.empty(), now);
  }
}
