package dev.sqlup.local.asl.model;

import java.time.Clock;
import java.time.Duration;

/**
 * What a task invocation knows about where it runs: the execution, the state, the task token (only
 * for {@code .waitForTaskToken}), and the engine's clock. {@link #sleep} waits on engine time, so a
 * task that must take time (tests of TimeoutSeconds) does not hold virtual time still.
 */
public interface TaskContext {
  String executionArn();

  String stateMachineArn();

  String stateName();

  /** The token of a {@code .waitForTaskToken} task, else null. */
  String taskToken();

  Clock clock();

  void sleep(Duration duration);
}
