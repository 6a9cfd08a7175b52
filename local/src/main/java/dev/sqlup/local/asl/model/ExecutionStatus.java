package dev.sqlup.local.asl.model;

/** Execution statuses as the Step Functions API names them. */
public enum ExecutionStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  ABORTED
}
