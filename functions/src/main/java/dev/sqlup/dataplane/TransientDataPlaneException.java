package dev.sqlup.dataplane;

/** A failure worth retrying as is (connection reset, throttling, deadlock victim, busy host). */
public class TransientDataPlaneException extends RuntimeException {
  public TransientDataPlaneException(String message) {
    super(message);
  }

  public TransientDataPlaneException(String message, Throwable cause) {
    super(message, cause);
  }
}
