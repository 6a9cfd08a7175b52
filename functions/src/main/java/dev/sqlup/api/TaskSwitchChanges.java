package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sqlup.config.Services;
import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.SwitchTime;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.json.Json;
import dev.sqlup.store.StaleVersionException;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Changes of a task's switch setting through the API ({@code POST /tasks/{taskId}/switchover},
 * {@code PATCH /tasks/{taskId}}): refused once the switchover has passed the point of no return
 * (the workflow records that step before the tail-log backup starts, and re-checks the setting's
 * revision in the same conditional write), recorded in the task's history with who and when. After
 * the write, the waiting loop's task token stored in the task is answered, which ends its sleep:
 * the change takes effect at once instead of at the end of a sleep of up to hours.
 */
final class TaskSwitchChanges {
  private static final int ATTEMPTS = 5;

  private TaskSwitchChanges() {}

  /**
   * Who is asking: the IAM identity API Gateway authenticated, else the caller id, else {@code
   * anonymous}.
   */
  static String caller(APIGatewayProxyRequestEvent event) {
    APIGatewayProxyRequestEvent.ProxyRequestContext c = event.getRequestContext();
    if (c != null && c.getIdentity() != null) {
      if (c.getIdentity().getUserArn() != null && !c.getIdentity().getUserArn().isBlank()) {
        return c.getIdentity().getUserArn();
      }
      if (c.getIdentity().getCaller() != null && !c.getIdentity().getCaller().isBlank()) {
        return c.getIdentity().getCaller();
      }
    }
    return "anonymous";
  }

  /**
   * Applies {@code change} to the latest task (re-reading on a lost version check) unless it is
   * past the switch.
   */
  static UpgradeTask apply(Services services, String taskId, UnaryOperator<UpgradeTask> change) {
    StaleVersionException last = null;
    for (int i = 0; i < ATTEMPTS; i++) {
      UpgradeTask task = services.tasks().get(taskId);
      refuseIfPastTheSwitch(task);
      UpgradeTask changed = change.apply(task);
      // The write sets updatedAt: keep the remaining time counted down to it, or the expected end
      // would move later by the time since the workflow's last write (up to hours of sleep).
      changed =
          changed.progressed(
              changed.status(),
              changed.currentStep(),
              changed.progress(),
              task.remainingSecondsAt(services.clock().instant()),
              changed.steps(),
              changed.updatedAt());
      UpgradeTask written;
      try {
        written = services.tasks().update(changed);
      } catch (StaleVersionException e) {
        last = e;
        continue;
      }
      wake(services, written);
      return written;
    }
    throw last;
  }

  /**
   * Ends the waiting loop's sleep with the token the task holds (the one of the version this change
   * was written over: a listener storing a newer one lost its version check and woke the loop
   * itself). Best effort: the change is written already, and a loop that is not woken still decides
   * again at the end of its sleep; a token already answered or expired is nothing to wake.
   */
  private static void wake(Services services, UpgradeTask written) {
    String token = written.cutover().wakeToken();
    if (token == null) {
      return;
    }
    try {
      services.switchWake().wake(token);
    } catch (SdkException e) {
      // Step Functions unreachable or throttling: the sleep ends on its own (at most the loop's
      // cap).
    }
  }

  static void refuseIfPastTheSwitch(UpgradeTask task) {
    if (task.status().isFinal()) {
      throw new ApiException(
          409,
          "IncorrectTaskState",
          null,
          "upgrade task "
              + task.taskId()
              + " has finished ("
              + task.status()
              + "); its switch can no longer change",
          Map.of("taskId", task.taskId(), "status", task.status().name()));
    }
    if (TaskActions.pastTheSwitch(task)) {
      throw new ApiException(
          409,
          "SwitchoverAlreadyStarted",
          null,
          "upgrade task "
              + task.taskId()
              + " has passed the point of no return (the tail-log backup has started); its switch can no longer change",
          Map.of("taskId", task.taskId(), "status", task.status().name()));
    }
  }

  /**
   * When the data is caught up at the earliest: now for a task already waiting for its switch, else
   * now plus what its estimate says is left of the copy and the catch-up.
   */
  static Instant ready(UpgradeTask task, Instant now) {
    boolean waiting =
        task.steps().stream()
                .anyMatch(s -> s.name().equals("waitForWindow") && s.startedAt() != null)
            || task.status() == TaskStatus.WaitingForSwitchWindow
            || task.status() == TaskStatus.WaitingForApproval
            || task.status() == TaskStatus.WaitingForCutoverGuard;
    if (waiting || task.estimate() == null) {
      return now;
    }
    long left =
        Math.max(0, task.remainingSeconds() - task.estimate().remaining(Estimate.LOG_APPLY, 1.0));
    return now.plusSeconds(left);
  }

  /** The setting in words, for the history. */
  static String describe(SwitchTime switchTime, Instant switchAt) {
    return switchTime.name() + (switchAt == null ? "" : " " + Json.format(switchAt));
  }
}
