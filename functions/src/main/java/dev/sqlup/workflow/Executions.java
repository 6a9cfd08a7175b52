package dev.sqlup.workflow;

import java.util.Optional;

/**
 * Where the upgrade execution of a task stands (Step Functions DescribeExecution), for the sweeper.
 */
@FunctionalInterface
public interface Executions {
  /**
   * RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED; empty when no execution has the task's name.
   */
  Optional<String> status(String taskId);
}
