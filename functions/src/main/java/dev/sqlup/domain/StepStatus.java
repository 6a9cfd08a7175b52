package dev.sqlup.domain;

/** Status of one step (phase) of an upgrade task. */
public enum StepStatus {
  Pending,
  Running,
  Succeeded,
  Failed,
  Skipped
}
