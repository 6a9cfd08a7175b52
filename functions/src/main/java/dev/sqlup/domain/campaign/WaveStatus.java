package dev.sqlup.domain.campaign;

/**
 * Status of one wave. {@code BudgetExceeded} halts the campaign; {@code NotStarted} is a wave a
 * halt skipped.
 */
public enum WaveStatus {
  Pending,
  Running,
  Baking,
  Completed,
  BudgetExceeded,
  NotStarted
}
