package dev.sqlup.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.SwitchTime;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.TaskStep;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.testing.ExampleTask;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The task view's {@code actions} follow the rule the switchover and update routes enforce. */
class TaskActionsTest {
  static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void anOnApprovalTaskWaitingForApproval_offersApproveAndReschedule() {
    assertThat(TaskActions.of(task(TaskStatus.WaitingForApproval, SwitchTime.OnApproval, false)))
        .containsExactly("approve", "reschedule");
  }

  @Test
  void anOnApprovalTaskStillCopying_offersSwitchNow() {
    assertThat(TaskActions.of(task(TaskStatus.Running, SwitchTime.OnApproval, false)))
        .containsExactly("switchNow", "reschedule");
  }

  @Test
  void aTaskWaitingForItsWindowOrAGuard_offersSwitchNowAndReschedule() {
    assertThat(
            TaskActions.of(
                task(TaskStatus.WaitingForSwitchWindow, SwitchTime.MaintenanceWindow, false)))
        .containsExactly("switchNow", "reschedule");
    assertThat(
            TaskActions.of(
                task(TaskStatus.WaitingForCutoverGuard, SwitchTime.ScheduledTime, false)))
        .containsExactly("switchNow", "reschedule");
  }

  @Test
  void anImmediateTask_canOnlyBeRescheduled() {
    assertThat(TaskActions.of(task(TaskStatus.Running, SwitchTime.Immediate, false)))
        .containsExactly("reschedule");
  }

  @Test
  void pastThePointOfNoReturn_switchingOrFinished_nothingIsOffered_andCancelNever() {
    assertThat(TaskActions.of(task(TaskStatus.WaitingForCutoverGuard, SwitchTime.OnApproval, true)))
        .isEmpty();
    assertThat(TaskActions.of(task(TaskStatus.Switching, SwitchTime.MaintenanceWindow, false)))
        .isEmpty();
    assertThat(TaskActions.of(task(TaskStatus.Succeeded, SwitchTime.OnApproval, false))).isEmpty();
    assertThat(TaskActions.of(task(TaskStatus.Failed, SwitchTime.OnApproval, false))).isEmpty();
  }

  @Test
  void everyStatusAndSetting_offersAnActionExactlyWhenTheRoutesWouldAcceptIt() {
    for (TaskStatus status : TaskStatus.values()) {
      for (SwitchTime switchTime : SwitchTime.values()) {
        for (boolean pastNoReturn : List.of(false, true)) {
          UpgradeTask t = task(status, switchTime, pastNoReturn);
          if (TaskActions.of(t).contains("reschedule")) {
            assertThatCode(() -> TaskSwitchChanges.refuseIfPastTheSwitch(t))
                .doesNotThrowAnyException();
          } else {
            ApiException refused =
                catchThrowableOfType(
                    () -> TaskSwitchChanges.refuseIfPastTheSwitch(t), ApiException.class);
            assertThat(refused).as("%s %s past=%s", status, switchTime, pastNoReturn).isNotNull();
            assertThat(TaskActions.of(t)).isEmpty();
          }
        }
      }
    }
  }

  @Test
  void theTaskViewCarriesTheActions() {
    Map<String, Object> view =
        Views.task(task(TaskStatus.WaitingForApproval, SwitchTime.OnApproval, false), AT);
    assertThat(view.get("actions")).isEqualTo(List.of("approve", "reschedule"));
  }

  private static UpgradeTask task(TaskStatus status, SwitchTime switchTime, boolean pastNoReturn) {
    UpgradeTask t = ExampleTask.running();
    List<TaskStep> steps =
        pastNoReturn
            ? List.of(new TaskStep("pointOfNoReturn", StepStatus.Succeeded, AT, AT, null))
            : List.of();
    return t.withSwitch(switchTime, t.cutover())
        .progressed(status, t.currentStep(), t.progress(), 600, steps, AT);
  }
}
