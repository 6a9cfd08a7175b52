package dev.sqlup.workflow;

import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

/** {@link Executions} over Step Functions: the execution of a task is named after the task id. */
public final class SfnExecutions implements Executions {
  private final SfnClient sfn;
  private final String stateMachineArn;

  public SfnExecutions(SfnClient sfn, String stateMachineArn) {
    this.sfn = sfn;
    this.stateMachineArn = stateMachineArn;
  }

  /**
   * arn:aws:states:region:account:stateMachine:Name →
   * arn:aws:states:region:account:execution:Name:taskId
   */
  static String executionArn(String stateMachineArn, String taskId) {
    return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + taskId;
  }

  @Override
  public Optional<String> status(String taskId) {
    try {
      return Optional.of(
          sfn.describeExecution(b -> b.executionArn(executionArn(stateMachineArn, taskId)))
              .statusAsString());
    } catch (ExecutionDoesNotExistException e) {
      return Optional.empty();
    }
  }
}
