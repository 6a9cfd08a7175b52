package dev.sqlup.workflow;

import dev.sqlup.config.JsonLog;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.store.InstanceRepository;
import dev.sqlup.store.StaleVersionException;
import dev.sqlup.store.TaskRepository;
import java.util.function.UnaryOperator;

/**
 * {@link UpgradeRecords} over the store's repositories. Read-modify-write with the optimistic
 * version: on a conflict (the API or another invocation wrote in between) the record is read again
 * and the change applied to the fresh copy; after a few conflicts the error goes up as transient.
 */
public final class StoreUpgradeRecords implements UpgradeRecords {
  private static final int ATTEMPTS = 8;
  private final InstanceRepository instances;
  private final TaskRepository tasks;

  public StoreUpgradeRecords(InstanceRepository instances, TaskRepository tasks) {
    this.instances = instances;
    this.tasks = tasks;
  }

  @Override
  public UpgradeTask task(String taskId) {
    return tasks.get(taskId);
  }

  @Override
  public Instance instance(String instanceId) {
    return instances.get(instanceId);
  }

  @Override
  public UpgradeTask updateTask(String taskId, UnaryOperator<UpgradeTask> change) {
    return updateTask(taskId, null, change);
  }

  @Override
  public UpgradeTask updateTask(UpgradeTask current, UnaryOperator<UpgradeTask> change) {
    return updateTask(current.taskId(), current, change);
  }

  private UpgradeTask updateTask(
      String taskId, UpgradeTask known, UnaryOperator<UpgradeTask> change) {
    StaleVersionException last = null;
    for (int i = 0; i < ATTEMPTS; i++) {
      boolean fromKnown = i == 0 && known != null;
      UpgradeTask current = fromKnown ? known : tasks.get(taskId);
      UpgradeTask changed = change.apply(current);
      if (changed.equals(current)) {
        if (fromKnown) {
          continue; // no change to the copy we had; the stored one may differ: read it
        }
        return current;
      }
      UpgradeTask written;
      try {
        written = tasks.update(changed.withVersion(current.version()));
      } catch (StaleVersionException e) {
        last = e;
        continue;
      }
      TaskTelemetry.changed(current, written, JsonLog.current());
      return written;
    }
    throw new TransientEngineException(
        "task " + taskId + " kept changing under the workflow", last);
  }

  @Override
  public Instance updateInstance(String instanceId, UnaryOperator<Instance> change) {
    StaleVersionException last = null;
    for (int i = 0; i < ATTEMPTS; i++) {
      Instance current = instances.get(instanceId);
      Instance changed = change.apply(current);
      if (changed.equals(current)) {
        return current;
      }
      try {
        return instances.update(changed.withUpdatedAt(current.updatedAt(), current.version()));
      } catch (StaleVersionException e) {
        last = e;
      }
    }
    throw new TransientEngineException(
        "instance " + instanceId + " kept changing under the workflow", last);
  }

  @Override
  public boolean releaseLock(String instanceId, String taskId, InstanceStatus statusAfter) {
    return instances.releaseUpgradeLock(instanceId, taskId, statusAfter);
  }
}
