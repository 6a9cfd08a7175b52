package dev.sqlup.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A registered SQL Server instance. {@code activeTaskId} is the upgrade lock (at most one upgrade per
 * instance); {@code version} is the optimistic-locking counter of the stored item. {@code simulation} is
 * opaque here: the simulated data plane reads it (databases, log rate, last full backup, faults).
 */
public record Instance(
    String instanceId,
    String engineVersion,
    SqlEdition sqlEdition,
    RdsEdition rdsEdition,
    String instanceType,
    double dataSizeGb,
    String maintenanceWindow,
    NetworkType networkType,
    boolean adDomainJoined,
    boolean serverless,
    boolean readOnly,
    List<String> readOnlyReplicaIds,
    String endpoint,
    String vip,
    int port,
    Map<String, String> tags,
    EngineBinding engine,
    Map<String, Object> simulation,
    List<ReplicationTask> replicationTasks,
    InstanceStatus status,
    String activeTaskId,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public Instance {
    readOnlyReplicaIds = readOnlyReplicaIds == null ? List.of() : List.copyOf(readOnlyReplicaIds);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    engine = engine == null ? EngineBinding.simulated() : engine;
    replicationTasks = replicationTasks == null ? List.of() : List.copyOf(replicationTasks);
  }

  public InstanceSpec spec() {
    return new InstanceSpec(engineVersion, sqlEdition, rdsEdition, instanceType);
  }

  public Instance withStatus(InstanceStatus newStatus, String newActiveTaskId) {
    return new Instance(instanceId, engineVersion, sqlEdition, rdsEdition, instanceType, dataSizeGb,
        maintenanceWindow, networkType, adDomainJoined, serverless, readOnly, readOnlyReplicaIds, endpoint, vip,
        port, tags, engine, simulation, replicationTasks, newStatus, newActiveTaskId, createdAt, updatedAt,
        version);
  }

  /** The instance after a completed upgrade: new spec and VIP; name, port, endpoint and tags stay. */
  public Instance upgradedTo(InstanceSpec spec, String newVip) {
    return new Instance(instanceId, spec.engineVersion(), spec.sqlEdition(), spec.rdsEdition(),
        spec.instanceType(), dataSizeGb, maintenanceWindow, networkType, adDomainJoined, serverless, readOnly,
        readOnlyReplicaIds, endpoint, newVip, port, tags, engine, simulation, replicationTasks, status,
        activeTaskId, createdAt, updatedAt, version);
  }

  public Instance withUpdatedAt(Instant at, long newVersion) {
    return new Instance(instanceId, engineVersion, sqlEdition, rdsEdition, instanceType, dataSizeGb,
        maintenanceWindow, networkType, adDomainJoined, serverless, readOnly, readOnlyReplicaIds, endpoint, vip,
        port, tags, engine, simulation, replicationTasks, status, activeTaskId, createdAt, at, newVersion);
  }
}
