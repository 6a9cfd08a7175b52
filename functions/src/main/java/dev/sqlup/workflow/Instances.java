package dev.sqlup.workflow;

import dev.sqlup.domain.Instance;
import dev.sqlup.domain.ReplicationTask;
import java.util.List;

/** Copies of an instance with the fields the domain record has no wither for. */
final class Instances {
  private Instances() {}

  static Instance withReplicationTasks(Instance i, List<ReplicationTask> tasks) {
    return new Instance(i.instanceId(), i.engineVersion(), i.sqlEdition(), i.rdsEdition(), i.instanceType(),
        i.dataSizeGb(), i.maintenanceWindow(), i.networkType(), i.adDomainJoined(), i.serverless(), i.readOnly(),
        i.readOnlyReplicaIds(), i.endpoint(), i.vip(), i.port(), i.tags(), i.engine(), i.simulation(), tasks,
        i.status(), i.activeTaskId(), i.createdAt(), i.updatedAt(), i.version());
  }
}
