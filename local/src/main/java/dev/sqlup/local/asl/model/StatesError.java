package dev.sqlup.local.asl.model;

/**
 * A runtime error inside an execution, as Retry/Catch see it: {@code error} is the error name
 * (States.TaskFailed, States.Runtime, a Lambda exception's class name, ...), {@code cause} its
 * text.
 */
public class StatesError extends RuntimeException {
  private final String error;
  private final String cause;

  public StatesError(String error, String cause) {
    super(error + ": " + cause);
    this.error = error;
    this.cause = cause;
  }

  public String error() {
    return error;
  }

  public String causeText() {
    return cause;
  }
}
