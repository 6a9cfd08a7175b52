package dev.sqlup.workflow;

/**
 * A failure that retrying will not fix (States error name {@code
 * dev.sqlup.workflow.UpgradeFailedException}): the state machine catches it and compensates. The
 * message starts with a stable code ({@code PrecheckFailed: ...}, {@code DataLoss: ...}) that ends
 * up in the task's failure reason.
 */
public class UpgradeFailedException extends RuntimeException {
  private final String code;

  public UpgradeFailedException(String code, String message) {
    super(code + ": " + message);
    this.code = code;
  }

  public UpgradeFailedException(String code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
