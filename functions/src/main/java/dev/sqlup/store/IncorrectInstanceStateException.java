package dev.sqlup.store;

import dev.sqlup.domain.InstanceStatus;

/**
 * The instance is not Running, so no upgrade can take its lock (code {@code
 * IncorrectInstanceState}).
 */
public final class IncorrectInstanceStateException extends StoreException {
  private final InstanceStatus status;

  public IncorrectInstanceStateException(String instanceId, InstanceStatus status) {
    super(
        "IncorrectInstanceState",
        "instance " + instanceId + " is " + status + "; it must be Running");
    this.status = status;
  }

  public InstanceStatus status() {
    return status;
  }
}
