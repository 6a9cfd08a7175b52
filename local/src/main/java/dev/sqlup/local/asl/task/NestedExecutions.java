package dev.sqlup.local.asl.task;

import dev.sqlup.local.asl.model.ExecutionInfo;
import java.util.concurrent.CompletableFuture;

/**
 * The engine as its own tasks see it: starting executions of other state machines ({@code
 * arn:aws:states:::states:startExecution}) and waiting for them to end. Errors are {@link
 * dev.sqlup.local.asl.model.StepFunctionsException} with the API's codes.
 */
public interface NestedExecutions {
  /** StartExecution; {@code name} may be null (a UUID is used). */
  ExecutionInfo start(String stateMachineArn, String name, String input);

  /** Completes with the execution's final description when it leaves RUNNING. */
  CompletableFuture<ExecutionInfo> completion(String executionArn);

  /** StopExecution; does nothing when the execution has already ended. */
  void stop(String executionArn, String error, String cause);
}
