package dev.sqlup.api;

import dev.sqlup.domain.SwitchTime;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client may do to a task now, as the task view's {@code actions}: the one rule the
 * switchover and update routes apply ({@link TaskSwitchChanges#refuseIfPastTheSwitch}), so a
 * console never offers a button the API would refuse. {@code cancel} is never listed: {@code DELETE
 * /tasks/{taskId}} refuses every task (the guide: once started, an upgrade cannot be cancelled).
 */
final class TaskActions {
  /**
   * {@code POST /tasks/{taskId}/switchover} of an {@code OnApproval} task that is caught up and
   * waiting.
   */
  static final String APPROVE = "approve";

  /**
   * {@code POST /tasks/{taskId}/switchover}: bring a window, scheduled or approval switch forward.
   */
  static final String SWITCH_NOW = "switchNow";

  /** {@code PATCH /tasks/{taskId}}: another switch time and/or other cutover guards. */
  static final String RESCHEDULE = "reschedule";

  private TaskActions() {}

  /**
   * The task's switch setting can still change: not finished, not switching, not past the point of
   * no return.
   */
  static boolean switchCanChange(UpgradeTask task) {
    return !task.status().isFinal() && !pastTheSwitch(task);
  }

  static boolean pastTheSwitch(UpgradeTask task) {
    return task.status() == TaskStatus.Switching
        || task.steps().stream()
            .anyMatch(s -> s.name().equals("pointOfNoReturn") && s.startedAt() != null);
  }

  /**
   * The actions in the order a console shows them. Switching now an {@code Immediate} task changes
   * nothing, so it is not offered; an {@code OnApproval} task waiting for approval is offered
   * {@code approve} (the same route) instead of {@code switchNow}.
   */
  static List<String> of(UpgradeTask task) {
    List<String> actions = new ArrayList<>();
    if (!switchCanChange(task)) {
      return actions;
    }
    if (task.switchTime() == SwitchTime.OnApproval
        && task.status() == TaskStatus.WaitingForApproval) {
      actions.add(APPROVE);
    } else if (task.switchTime() != SwitchTime.Immediate) {
      actions.add(SWITCH_NOW);
    }
    actions.add(RESCHEDULE);
    return actions;
  }
}
