package dev.sqlup.workflow;

/**
 * A failure worth retrying as is (States error name {@code
 * dev.sqlup.workflow.TransientEngineException}): a transient data-plane error, a DynamoDB 5xx or
 * network error, an optimistic-version conflict.
 */
public class TransientEngineException extends RuntimeException {
  public TransientEngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
