package dev.sqlup.dataplane;

import java.util.regex.Pattern;

/**
 * Idempotency key of one data-plane operation: task id, operation kind, database (or "-") and a
 * round number for repeated operations (log backup rounds). Rendered as {@code
 * taskId/kind/database/round}.
 */
public record OperationKey(String taskId, OperationKind kind, String database, int round) {
  private static final Pattern TASK_ID = Pattern.compile("[a-z0-9-]{1,64}");

  public OperationKey {
    if (taskId == null || !TASK_ID.matcher(taskId).matches()) {
      throw new IllegalArgumentException("taskId must match [a-z0-9-]{1,64}: " + taskId);
    }
    if (kind == null) {
      throw new IllegalArgumentException("kind is required");
    }
    database = database == null || database.isEmpty() ? "-" : database;
    if (round < 0) {
      throw new IllegalArgumentException("round must be >= 0");
    }
  }

  public static OperationKey of(String taskId, OperationKind kind) {
    return new OperationKey(taskId, kind, "-", 0);
  }

  public String render() {
    return taskId + "/" + kind + "/" + database + "/" + round;
  }

  @Override
  public String toString() {
    return render();
  }
}
