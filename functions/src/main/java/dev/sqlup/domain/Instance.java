package dev.sqlup.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A registered SQL Server instance. {@code activeTaskId} is the upgrade lock (at most one upgrade
 * per instance); {@code version} is the optimistic-locking counter of the stored item. {@code
 * simulation} is the simulated binding's private configuration (its fleet model): stored and handed
 * to that binding, never read here, in the API or in the workflow (SimulationIsPrivateTest). {@code
 * inventory} is the latest discovery of the source ({@link SourceInventory}), what the estimate and
 * the prechecks read; null until the first discovery. {@code description} is the operator's free
 * text.
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
    long version,
    SourceInventory inventory,
    String description) {

  /** An instance not discovered yet. */
  public Instance(
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
    this(
        instanceId,
        engineVersion,
        sqlEdition,
        rdsEdition,
        instanceType,
        dataSizeGb,
        maintenanceWindow,
        networkType,
        adDomainJoined,
        serverless,
        readOnly,
        readOnlyReplicaIds,
        endpoint,
        vip,
        port,
        tags,
        engine,
        simulation,
        replicationTasks,
        status,
        activeTaskId,
        createdAt,
        updatedAt,
        version,
        null,
        null);
  }

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
    return new Instance(
        instanceId,
        engineVersion,
        sqlEdition,
        rdsEdition,
        instanceType,
        dataSizeGb,
        maintenanceWindow,
        networkType,
        adDomainJoined,
        serverless,
        readOnly,
        readOnlyReplicaIds,
        endpoint,
        vip,
        port,
        tags,
        engine,
        simulation,
        replicationTasks,
        newStatus,
        newActiveTaskId,
        createdAt,
        updatedAt,
        version,
        inventory,
        description);
  }

  /**
   * The instance after a completed upgrade: new spec and VIP; name, port, endpoint and tags stay.
   */
  public Instance upgradedTo(InstanceSpec spec, String newVip) {
    return new Instance(
        instanceId,
        spec.engineVersion(),
        spec.sqlEdition(),
        spec.rdsEdition(),
        spec.instanceType(),
        dataSizeGb,
        maintenanceWindow,
        networkType,
        adDomainJoined,
        serverless,
        readOnly,
        readOnlyReplicaIds,
        endpoint,
        newVip,
        port,
        tags,
        engine,
        simulation,
        replicationTasks,
        status,
        activeTaskId,
        createdAt,
        updatedAt,
        version,
        inventory,
        description);
  }

  public Instance withUpdatedAt(Instant at, long newVersion) {
    return new Instance(
        instanceId,
        engineVersion,
        sqlEdition,
        rdsEdition,
        instanceType,
        dataSizeGb,
        maintenanceWindow,
        networkType,
        adDomainJoined,
        serverless,
        readOnly,
        readOnlyReplicaIds,
        endpoint,
        vip,
        port,
        tags,
        engine,
        simulation,
        replicationTasks,
        status,
        activeTaskId,
        createdAt,
        at,
        newVersion,
        inventory,
        description);
  }

  public Instance withReplicationTasks(List<ReplicationTask> tasks) {
    return new Instance(
        instanceId,
        engineVersion,
        sqlEdition,
        rdsEdition,
        instanceType,
        dataSizeGb,
        maintenanceWindow,
        networkType,
        adDomainJoined,
        serverless,
        readOnly,
        readOnlyReplicaIds,
        endpoint,
        vip,
        port,
        tags,
        engine,
        simulation,
        tasks,
        status,
        activeTaskId,
        createdAt,
        updatedAt,
        version,
        inventory,
        description);
  }

  /** What {@code PATCH /instances/{id}} changes: maintenance window, tags and description. */
  public Instance withSettings(
      String newWindow, Map<String, String> newTags, String newDescription) {
    return new Instance(
        instanceId,
        engineVersion,
        sqlEdition,
        rdsEdition,
        instanceType,
        dataSizeGb,
        newWindow,
        networkType,
        adDomainJoined,
        serverless,
        readOnly,
        readOnlyReplicaIds,
        endpoint,
        vip,
        port,
        newTags,
        engine,
        simulation,
        replicationTasks,
        status,
        activeTaskId,
        createdAt,
        updatedAt,
        version,
        inventory,
        newDescription);
  }

  /** The instance with a new discovery of its source. */
  public Instance withInventory(SourceInventory newInventory) {
    return new Instance(
        instanceId,
        engineVersion,
        sqlEdition,
        rdsEdition,
        instanceType,
        dataSizeGb,
        maintenanceWindow,
        networkType,
        adDomainJoined,
        serverless,
        readOnly,
        readOnlyReplicaIds,
        endpoint,
        vip,
        port,
        tags,
        engine,
        simulation,
        replicationTasks,
        status,
        activeTaskId,
        createdAt,
        updatedAt,
        version,
        newInventory,
        description);
  }
}
