package dev.sqlup.local.asl.runtime;

import dev.sqlup.local.asl.model.TaskContext;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What a task invocation sees of its execution: the ARNs, the state, its task token, and the engine
 * clock (a handler that sleeps waits on engine time, so virtual time can jump over it).
 */
final class BranchTaskContext implements TaskContext {
  private final ExecutionRun run;
  private final String stateName;
  private final String taskToken;

  BranchTaskContext(ExecutionRun run, String stateName, String taskToken) {
    this.run = run;
    this.stateName = stateName;
    this.taskToken = taskToken;
  }

  @Override
  public String executionArn() {
    return run.arn();
  }

  @Override
  public String stateMachineArn() {
    return run.machineArn();
  }

  @Override
  public String stateName() {
    return stateName;
  }

  @Override
  public String taskToken() {
    return taskToken;
  }

  @Override
  public Clock clock() {
    return run.services().clock().clock();
  }

  @Override
  public void sleep(Duration duration) {
    try {
      EngineClock clock = run.services().clock();
      clock.awaitUntil(new CompletableFuture<>(), clock.now().plus(duration));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
