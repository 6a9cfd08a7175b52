package dev.sqlup.local.asl.model;

/**
 * An API error in AWS's shape: {@code errorCode} is what AWS puts in {@code __type}
 * (InvalidDefinition, InvalidArn, InvalidName, InvalidExecutionInput, StateMachineDoesNotExist,
 * StateMachineAlreadyExists, ExecutionDoesNotExist, ExecutionAlreadyExists, TaskDoesNotExist,
 * TaskTimedOut, ValidationException).
 */
public class StepFunctionsException extends RuntimeException {
  private final String errorCode;

  public StepFunctionsException(String errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}
