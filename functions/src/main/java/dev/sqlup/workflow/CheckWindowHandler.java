package dev.sqlup.workflow;

import dev.sqlup.domain.Instance;
import dev.sqlup.domain.MaintenanceWindow;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.workflow.plan.WindowFit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * At the window start: if the final catch-up and the switch cannot end before the window closes, the
 * upgrade waits for the next occurrence and says so in the task (a warning and the waitForWindow step).
 */
public final class CheckWindowHandler extends PhaseHandler {
  public CheckWindowHandler() {
    this(dev.sqlup.config.Services.fromEnvironment());
    initForLambda();
  }

  public CheckWindowHandler(dev.sqlup.config.Services services) {
    this(WorkflowServices.workflow(services));
  }

  CheckWindowHandler(Workflow workflow) {
    super(workflow);
  }

  @Override
  protected UpgradeState run(UpgradeState state) {
    Instant now = workflow.clock().instant();
    UpgradeTask task = workflow.records().task(state.taskId());
    Instance instance = workflow.records().instance(state.instanceId());
    SwitchPlan plan = state.switchPlan();
    Instant start = Instant.parse(plan.at());
    Instant end = Instant.parse(plan.windowEnd());
    Duration needed = WindowPlans.needed(task, state, workflow.planner(), now);
    WindowFit.Decision decision = WindowFit.decide(start, end, now, needed);
    if (decision.fits()) {
      workflow.records().updateTask(task.taskId(), t -> TaskProgress.at(t, TaskStatus.Running,
          dev.sqlup.domain.Estimate.LOG_BACKUP, 0.9, TaskSteps.finished(t.steps(), TaskSteps.WAIT_FOR_WINDOW,
              StepStatus.Succeeded, now, "window " + start + " to " + end + " open: " + decision.reason()), now));
      return state.withSwitchPlan(new SwitchPlan(plan.mode(), plan.at(), plan.windowEnd(), false, true,
          decision.reason())).advanced(true, 0);
    }
    MaintenanceWindow window = WindowPlans.window(instance);
    MaintenanceWindow.Occurrence next = window.nextStart(now.plusSeconds(1));
    String reason = decision.reason() + " (" + next.start() + ")";
    SwitchPlan waiting = WindowPlans.waitingFor(next, next.start(), state, workflow.planner(), OptionalLong.empty(),
        now, reason);
    workflow.records().updateTask(task.taskId(), t -> TaskCopies.withWarnings(
        TaskProgress.at(t, TaskStatus.WaitingForSwitchWindow, TaskSteps.WAIT_FOR_WINDOW, 0,
            TaskSteps.detailed(t.steps(), TaskSteps.WAIT_FOR_WINDOW, reason), now),
        List.of("WaitingForNextWindow: " + reason)));
    long wait = WindowPlans.secondsToNextEvent(state, workflow.planner(), OptionalLong.empty(), now);
    return state.withSwitchPlan(waiting).advanced(false, wait);
  }
}
