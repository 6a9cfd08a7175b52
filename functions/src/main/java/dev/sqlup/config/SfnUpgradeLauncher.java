package dev.sqlup.config;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts the upgrade state machine with {@code StartExecution}, execution name = task id. An
 * execution of that name existing already means an earlier attempt started it: success. (Step
 * Functions only raises ExecutionAlreadyExists when the input differs; with the same input it
 * returns the running execution — both are success here.)
 */
public final class SfnUpgradeLauncher implements UpgradeLauncher {
  private final SfnClient sfn;
  private final String stateMachineArn;

  public SfnUpgradeLauncher(SfnClient sfn, String stateMachineArn) {
    this.sfn = sfn;
    this.stateMachineArn = stateMachineArn;
  }

  @Override
  public void start(String taskId, String inputJson) {
    try {
      sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(taskId).input(inputJson));
    } catch (ExecutionAlreadyExistsException alreadyStarted) {
      // Idempotent: the workflow for this task runs already.
    } catch (SdkException e) {
      throw new LaunchFailedException(
          "cannot start the upgrade workflow for " + taskId + ": " + e.getMessage(), e);
    }
  }
}
