package dev.sqlup.workflow;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;

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

  @Override
  public Optional<Set<String>> running() {
    Set<String> names = new HashSet<>();
    String token = null;
    do {
      String page = token;
      ListExecutionsResponse r =
          sfn.listExecutions(
              b ->
                  b.stateMachineArn(stateMachineArn)
                      .statusFilter(ExecutionStatus.RUNNING)
                      .maxResults(1000)
                      .nextToken(page));
      r.executions().forEach(e -> names.add(e.name()));
      token = r.nextToken();
    } while (token != null);
    return Optional.of(names);
  }
}
