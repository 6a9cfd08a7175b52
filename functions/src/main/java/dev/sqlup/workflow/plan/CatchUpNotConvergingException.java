package dev.sqlup.workflow.plan;

/**
 * The log grows faster than it can be shipped: after the policy's last round the lag is still
 * large.
 */
public class CatchUpNotConvergingException extends RuntimeException {
  public CatchUpNotConvergingException(String message) {
    super(message);
  }
}
