package dev.sqlup.workflow;

/** An AWS API throttled the call: retried with a longer backoff than other transient errors. */
public class ThrottledException extends RuntimeException {
  public ThrottledException(String message, Throwable cause) {
    super(message, cause);
  }
}
