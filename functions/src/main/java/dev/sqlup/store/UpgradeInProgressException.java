package dev.sqlup.store;

/** The instance's upgrade lock is held by another task (code {@code UpgradeInProgress}). */
public final class UpgradeInProgressException extends StoreException {
  private final String activeTaskId;

  public UpgradeInProgressException(String instanceId, String activeTaskId) {
    super(
        "UpgradeInProgress",
        "instance " + instanceId + " is being upgraded by task " + activeTaskId);
    this.activeTaskId = activeTaskId;
  }

  public String activeTaskId() {
    return activeTaskId;
  }
}
