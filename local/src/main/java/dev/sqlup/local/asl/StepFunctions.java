package dev.sqlup.local.asl;

import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.HistoryEvent;
import dev.sqlup.local.asl.model.MapRunInfo;
import dev.sqlup.local.asl.model.StateMachineInfo;
import dev.sqlup.local.asl.model.StepFunctionsException;
import dev.sqlup.local.asl.model.ValidationDiagnostic;
import java.time.Duration;
import java.util.List;

/**
 * The embedded Step Functions: the operations of the AWS Step Functions API, in the JVM. The HTTP
 * endpoint (AWS JSON 1.0, {@code X-Amz-Target: AWSStepFunctions.*}) is a thin layer over this.
 *
 * <p>Errors are {@link StepFunctionsException} carrying AWS's error code ({@code
 * InvalidDefinition}, {@code StateMachineDoesNotExist}, {@code ExecutionAlreadyExists}, ...). This
 * package does not depend on anything of sqlup.
 */
public interface StepFunctions extends AutoCloseable {

  StateMachineInfo createStateMachine(String name, String definition, String roleArn, String type);

  StateMachineInfo updateStateMachine(String stateMachineArn, String definition, String roleArn);

  StateMachineInfo describeStateMachine(String stateMachineArn);

  List<StateMachineInfo> listStateMachines();

  void deleteStateMachine(String stateMachineArn);

  /** Starts an execution; {@code name} may be null (a UUID is used). Name idempotency as on AWS. */
  ExecutionInfo startExecution(String stateMachineArn, String name, String input);

  ExecutionInfo stopExecution(String executionArn, String error, String cause);

  ExecutionInfo describeExecution(String executionArn);

  /** Executions of a machine, newest first; {@code statusFilter} may be null. */
  List<ExecutionInfo> listExecutions(String stateMachineArn, ExecutionStatus statusFilter);

  /** History events in order, with AWS's event types and details. */
  List<HistoryEvent> getExecutionHistory(String executionArn);

  void sendTaskSuccess(String taskToken, String output);

  void sendTaskFailure(String taskToken, String error, String cause);

  void sendTaskHeartbeat(String taskToken);

  /** ListMapRuns: the Distributed Map runs of an execution, newest first. */
  List<MapRunInfo> listMapRuns(String executionArn);

  /** DescribeMapRun; {@code ResourceNotFound} for an unknown ARN. */
  MapRunInfo describeMapRun(String mapRunArn);

  /** UpdateMapRun: a null argument leaves that setting as it is. */
  void updateMapRun(
      String mapRunArn,
      Integer maxConcurrency,
      Double toleratedFailurePercentage,
      Long toleratedFailureCount);

  /** ListExecutions with a mapRunArn: the Map Run's child executions, newest first. */
  List<ExecutionInfo> listMapRunExecutions(String mapRunArn, ExecutionStatus statusFilter);

  /** Diagnostics as AWS's ValidateStateMachineDefinition returns them (empty = OK). */
  List<ValidationDiagnostic> validateStateMachineDefinition(String definition);

  /**
   * Blocks until the execution leaves RUNNING (virtual time advances while all executions wait).
   */
  ExecutionInfo awaitExecution(String executionArn, Duration realTimeout);

  @Override
  void close();
}
