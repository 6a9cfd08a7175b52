package dev.sqlup.dataplane;

/**
 * A failure that retrying will not fix (broken LSN chain, missing media, bad permissions, bad
 * name).
 */
public class PermanentDataPlaneException extends RuntimeException {
  public PermanentDataPlaneException(String message) {
    super(message);
  }

  public PermanentDataPlaneException(String message, Throwable cause) {
    super(message, cause);
  }
}
