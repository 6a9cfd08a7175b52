package dev.sqlup.store;

/** Code {@code TaskNotFound}. */
public final class TaskNotFoundException extends StoreException {
  public TaskNotFoundException(String taskId) {
    super("TaskNotFound", String.format("upgrade task %s does not exist", taskId));
  }
}
