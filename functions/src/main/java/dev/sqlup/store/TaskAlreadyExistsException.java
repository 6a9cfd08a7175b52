package dev.sqlup.store;

import dev.sqlup.domain.UpgradeTask;

/** A task with this id exists already (idempotent resubmission); carries the stored task. */
public final class TaskAlreadyExistsException extends StoreException {
  private final UpgradeTask existing;

  public TaskAlreadyExistsException(UpgradeTask existing) {
    super("TaskAlreadyExists", "upgrade task " + existing.taskId() + " already exists");
    this.existing = existing;
  }

  public UpgradeTask existing() {
    return existing;
  }
}
