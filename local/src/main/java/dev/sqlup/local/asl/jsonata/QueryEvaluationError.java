package dev.sqlup.local.asl.jsonata;

import dev.sqlup.local.asl.model.StatesError;

/**
 * States.QueryEvaluationError from one JSONata expression, with the field it stands in ("Output",
 * "Arguments/a").
 */
public final class QueryEvaluationError extends StatesError {
  private final String location;
  private final java.util.concurrent.atomic.AtomicBoolean recorded =
      new java.util.concurrent.atomic.AtomicBoolean();

  public QueryEvaluationError(String location, String cause) {
    super("States.QueryEvaluationError", cause);
    this.location = location;
  }

  public String location() {
    return location;
  }

  /**
   * True the first time only: the state where it happened records it, not the Map or Parallel
   * around it.
   */
  public boolean markRecorded() {
    return recorded.compareAndSet(false, true);
  }
}
