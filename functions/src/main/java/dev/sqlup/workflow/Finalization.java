package dev.sqlup.workflow;

import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import java.time.Instant;

/**
 * The last writes of a successful upgrade, in an order that a crash between any two can be finished
 * by running it again: the instance takes the new spec and VIP, the lock is released (instance
 * Running), and the task becomes Succeeded last (its status is what the sweeper and the API read as
 * "done").
 */
final class Finalization {
  private final UpgradeRecords records;

  Finalization(UpgradeRecords records) {
    this.records = records;
  }

  void finish(
      UpgradeTask task, TargetRef target, Instant endpointSwitchedAt, Instant switchEndedAt) {
    if (task.status() == TaskStatus.Succeeded) {
      return;
    }
    records.updateInstance(task.instanceId(), i -> i.upgradedTo(task.target(), target.host()));
    records.releaseLock(task.instanceId(), task.taskId(), InstanceStatus.Running);
    records.updateTask(
        task.taskId(),
        t -> {
          // The switchover finishes these itself when it opens the databases (executions from
          // before it did not): their times stay.
          var steps =
              TaskSteps.isFinished(t.steps(), TaskSteps.ENDPOINT_MOVE)
                  ? t.steps()
                  : TaskSteps.finished(
                      t.steps(),
                      TaskSteps.ENDPOINT_MOVE,
                      StepStatus.Succeeded,
                      endpointSwitchedAt,
                      null);
          steps =
              TaskSteps.finished(
                  steps,
                  Estimate.SWITCH,
                  StepStatus.Succeeded,
                  switchEndedAt,
                  "endpoint moved, connections migrated"
                      + (t.stoppedReplicationTasks().isEmpty()
                          ? ""
                          : "; restart the stopped replication tasks: "
                              + String.join(", ", t.stoppedReplicationTasks())));
          if (!TaskSteps.isFinished(steps, TaskSteps.POINT_OF_NO_RETURN)) {
            steps =
                TaskSteps.finished(
                    steps,
                    TaskSteps.POINT_OF_NO_RETURN,
                    StepStatus.Succeeded,
                    endpointSwitchedAt,
                    null);
          }
          return t.progressed(TaskStatus.Succeeded, Estimate.SWITCH, 100, 0, steps, switchEndedAt);
        });
  }
}
