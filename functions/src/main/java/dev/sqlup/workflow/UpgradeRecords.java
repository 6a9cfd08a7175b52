package dev.sqlup.workflow;

import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.UpgradeTask;
import java.util.function.UnaryOperator;

/**
 * What the workflow reads and writes in the store: the task and the instance, each changed with a
 * read-modify-write that re-reads on a version conflict, and the upgrade lock.
 */
public interface UpgradeRecords {
  UpgradeTask task(String taskId);

  Instance instance(String instanceId);

  /**
   * Applies {@code change} to the latest stored task (retrying on version conflicts); returns what
   * was stored.
   */
  UpgradeTask updateTask(String taskId, UnaryOperator<UpgradeTask> change);

  /**
   * As {@link #updateTask(String, UnaryOperator)}, trying {@code current} (a copy this invocation
   * has just read or written) first instead of reading the task again: the write is conditional on
   * its version, so a task changed meanwhile is re-read and the change applied to the fresh copy.
   * Saves a read per update in the loops that poll every few minutes.
   */
  default UpgradeTask updateTask(UpgradeTask current, UnaryOperator<UpgradeTask> change) {
    return updateTask(current.taskId(), change);
  }

  /** Applies {@code change} to the latest stored instance (retrying on version conflicts). */
  Instance updateInstance(String instanceId, UnaryOperator<Instance> change);

  /** Releases the lock if {@code taskId} holds it; false (and nothing changed) otherwise. */
  boolean releaseLock(String instanceId, String taskId, InstanceStatus statusAfter);
}
