package dev.sqlup.workflow;

import dev.sqlup.domain.Instance;
import dev.sqlup.domain.MaintenanceWindow;
import dev.sqlup.domain.SwitchTime;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Phase 6: when to switch. {@code Immediate} goes on at once; {@code MaintenanceWindow} waits for the
 * window that is open now or opens next ({@code $.switchPlan.at}, read by a Wait state's TimestampPath),
 * shipping log rounds on the way so the catch-up at the window start stays short.
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
    if (task.switchTime() != SwitchTime.MaintenanceWindow) {
      return state.withSwitchPlan(SwitchPlan.immediate()).advanced(true, 0);
    }
    Instance instance = workflow.records().instance(state.instanceId());
    MaintenanceWindow window = WindowPlans.window(instance);
    MaintenanceWindow.Occurrence occurrence = window.currentOrNext(now);
    Instant at = occurrence.contains(now) ? now : occurrence.start();
    String reason = "switchTime MaintenanceWindow: switching in the window " + window + " opening at "
        + occurrence.start() + "; log shipping continues until then";
    SwitchPlan plan = WindowPlans.waitingFor(occurrence, at, state, workflow.planner(), OptionalLong.empty(), now,
        reason);
    workflow.records().updateTask(task.taskId(), t -> TaskProgress.at(t, TaskStatus.WaitingForSwitchWindow,
        TaskSteps.WAIT_FOR_WINDOW, 0, TaskSteps.detailed(TaskSteps.started(t.steps(), TaskSteps.WAIT_FOR_WINDOW,
            now, reason), TaskSteps.WAIT_FOR_WINDOW, reason), now));
    long wait = WindowPlans.secondsToNextEvent(state, workflow.planner(), OptionalLong.empty(), now);
    return state.withSwitchPlan(plan).advanced(false, wait);
  }
}
