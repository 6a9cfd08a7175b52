package dev.sqlup.dataplane;

/**
 * Progress of an operation. {@code state} RUNNING carries percent and remaining seconds; SUCCEEDED
 * carries the result ({@code backup} for backups, {@code target} for create); FAILED carries the
 * error.
 */
public record OperationStatus(
    OperationKey key,
    State state,
    double percentComplete,
    long remainingSeconds,
    BackupRef backup,
    TargetRef target,
    String error) {

  public enum State {
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  public boolean done() {
    return state != State.RUNNING;
  }
}
