package dev.sqlup.workflow;

import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import java.util.ArrayList;
import java.util.List;

/** Copies of a task with the fields the domain record has no wither for. */
final class TaskCopies {
  private TaskCopies() {}

  static UpgradeTask with(
      UpgradeTask t,
      TaskStatus status,
      String failureReason,
      Long downtimeSeconds,
      List<String> stoppedReplicationTasks,
      List<String> warnings) {
    return new UpgradeTask(
        t.taskId(),
        t.instanceId(),
        status,
        t.currentStep(),
        t.progress(),
        t.remainingSeconds(),
        t.estimate(),
        t.steps(),
        t.source(),
        t.target(),
        t.switchTime(),
        t.acceleratedDatabaseRecovery(),
        t.createdAt(),
        t.updatedAt(),
        t.clientToken(),
        t.requestHash(),
        failureReason,
        downtimeSeconds,
        stoppedReplicationTasks,
        warnings,
        t.version(),
        t.cutover(),
        t.dataPlane());
  }

  static UpgradeTask withWarnings(UpgradeTask t, List<String> more) {
    List<String> warnings = new ArrayList<>(t.warnings());
    more.stream().filter(w -> !warnings.contains(w)).forEach(warnings::add);
    return with(
        t,
        t.status(),
        t.failureReason(),
        t.downtimeSeconds(),
        t.stoppedReplicationTasks(),
        warnings);
  }
}
