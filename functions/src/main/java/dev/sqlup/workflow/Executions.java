package dev.sqlup.workflow;

import java.util.Optional;
import java.util.Set;

/**
 * Where the upgrade execution of a task stands (Step Functions DescribeExecution), for the sweeper.
 */
@FunctionalInterface
public interface Executions {
  /**
   * RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED; empty when no execution has the task's name.
   */
  Optional<String> status(String taskId);

  /**
   * The names (task ids) of every RUNNING execution, listed at once; empty when this source cannot
   * list them, and the sweeper then asks {@link #status} task by task. One listing per sweep
   * instead of one DescribeExecution per in-flight task: a fleet campaign keeps hundreds in flight.
   */
  default Optional<Set<String>> running() {
    return Optional.empty();
  }
}
