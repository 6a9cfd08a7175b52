package dev.sqlup.workflow;

import dev.sqlup.domain.Instance;
import dev.sqlup.domain.ReplicationTask;
import java.util.List;

/** Copies of an instance with the fields the domain record has no wither for. */
final class Instances {
  private Instances() {}

  static Instance withReplicationTasks(Instance i, List<ReplicationTask> tasks) {
    return i.withReplicationTasks(tasks);
  }
}
