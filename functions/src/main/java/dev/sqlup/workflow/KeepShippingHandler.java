package dev.sqlup.workflow;

import dev.sqlup.domain.Instance;
import dev.sqlup.domain.MaintenanceWindow;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.workflow.plan.Goal;
import java.time.Instant;

/**
 * While waiting for the window: polls running log rounds and starts one per database every ship
 * interval (see {@code CatchUpPolicy.shipInterval}), then says whether another round is due before the
 * window ({@code $.switchPlan.shipFirst}) or the machine can sleep until the window opens.
 */
public final class KeepShippingHandler extends PhaseHandler {
  public KeepShippingHandler() {
    this(dev.sqlup.config.Services.fromEnvironment());
    initForLambda();
  }

  public KeepShippingHandler(dev.sqlup.config.Services services) {
    this(WorkflowServices.workflow(services));
  }

  KeepShippingHandler(Workflow workflow) {
    super(workflow);
  }

  @Override
  protected UpgradeState run(UpgradeState state) {
    Instant now = workflow.clock().instant();
    UpgradeTask task = workflow.records().task(state.taskId());
    Instance instance = workflow.records().instance(state.instanceId());
    Replication.Advance advance = new Replication(workflow.planner()).advance(
        workflow.dataPlanes().of(instance).plane(), Refs.source(instance), state, Goal.KEEP_SHIPPING, now,
        task.acceleratedDatabaseRecovery());
    UpgradeState next = advance.state();
    SwitchPlan plan = state.switchPlan();
    Instant at = Instant.parse(plan.at());
    MaintenanceWindow.Occurrence occurrence = new MaintenanceWindow.Occurrence(at, Instant.parse(plan.windowEnd()));
    SwitchPlan waiting = WindowPlans.waitingFor(occurrence, at, next, workflow.planner(),
        advance.nextChangeSeconds(), now, plan.reason());
    long wait = WindowPlans.secondsToNextEvent(next, workflow.planner(), advance.nextChangeSeconds(), now);
    workflow.records().updateTask(task.taskId(), t -> TaskCopies.withWarnings(t.progressed(t.status(),
        t.currentStep(), t.progress(), t.remainingSeconds(),
        TaskProgress.replicationSteps(t.steps(), next.databases(), now, false), now), advance.warnings()));
    return next.withSwitchPlan(waiting).advanced(false, wait);
  }
}
