package dev.sqlup.workflow;

import dev.sqlup.domain.Instance;
import dev.sqlup.domain.MaintenanceWindow;
import dev.sqlup.domain.SwitchTime;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import java.time.Instant;

/** Whether a task's switch is due now by its switch setting, and if not, what it waits for. */
final class SwitchSchedule {
  private SwitchSchedule() {}

  /**
   * @param due the switch time has come (the cutover guards are checked next)
   * @param at when it is due (null: on approval)
   * @param windowEnd end of the maintenance window occurrence (null: no window)
   * @param waitingStatus the task's status while it waits
   * @param announce the event naming the wait ({@code WaitingForWindow}, {@code
   *     WaitingForApproval})
   */
  record Decision(
      boolean due,
      String mode,
      Instant at,
      Instant windowEnd,
      TaskStatus waitingStatus,
      String announce,
      String reason) {}

  /** {@code notBefore}: window occurrences starting before it are passed over (null: none). */
  static Decision decide(UpgradeTask task, Instance instance, Instant notBefore, Instant now) {
    SwitchTime mode = task.switchTime();
    return switch (mode) {
      case Immediate ->
          new Decision(
              true,
              mode.name(),
              now,
              null,
              TaskStatus.Running,
              null,
              "switch as soon as the data is caught up");
      case ScheduledTime -> {
        Instant at = task.cutover().switchAt();
        yield new Decision(
            !now.isBefore(at),
            mode.name(),
            at,
            null,
            TaskStatus.WaitingForSwitchWindow,
            "WaitingForWindow",
            "switchTime ScheduledTime: switching at "
                + Messages.instant(at)
                + "; log shipping continues until then");
      }
      case OnApproval ->
          new Decision(
              false,
              mode.name(),
              null,
              null,
              TaskStatus.WaitingForApproval,
              "WaitingForApproval",
              "switchTime OnApproval: caught up, log shipping keeps the target current until an "
                  + "operator approves (POST /tasks/"
                  + task.taskId()
                  + "/switchover)");
      case MaintenanceWindow -> {
        MaintenanceWindow window = WindowPlans.window(instance);
        Instant from = notBefore != null && notBefore.isAfter(now) ? notBefore : now;
        MaintenanceWindow.Occurrence o = window.currentOrNext(from);
        yield new Decision(
            o.contains(now),
            mode.name(),
            o.start(),
            o.end(),
            TaskStatus.WaitingForSwitchWindow,
            "WaitingForWindow",
            "switchTime MaintenanceWindow: switching in the window "
                + window
                + " opening at "
                + Messages.instant(o.start())
                + "; log shipping continues until then");
      }
    };
  }
}
