package dev.sqlup.local.runtime;

/**
 * A mistake the user can fix (bad file, unknown id, port in use, node missing): the CLI prints the
 * one-line message, without a stack trace, and exits with code 2.
 */
public class UserException extends RuntimeException {
  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
