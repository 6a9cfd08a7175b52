package dev.sqlup.dataplane.simulated;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.dataplane.EndpointTtl;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.OpenTransaction;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.dataplane.SourceInventory;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.dataplane.TargetSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code simulated} binding: a fleet model that follows the guide's speeds and keeps every bit
 * of state in the fleet table, so any number of stateless Lambdas can drive one upgrade.
 *
 * <p>Each start fixes the operation's schedule at once: the effective start is the later of now and
 * the time its host channel is free (backups on the source one after another, restores on the
 * target one after another), the duration follows from sizes and speeds, and the effects (log
 * chain, source freeze, target restore chain) are written with their times in the same conditional
 * write that reserves the channel. {@code poll} only compares the schedule with the clock, so
 * polling never changes anything and a 6-hour upgrade runs in milliseconds of virtual time.
 *
 * <p>This class is the binding's face; the work is done by one class per seam: {@link
 * SimulatedStarts} (the start and poll machinery), {@link SimulatedHosts} (host documents, faults,
 * checks), {@link SimulatedSourceReads}, {@link SimulatedSourceOperations}, {@link
 * SimulatedTargetOperations}, {@link SimulatedEndpointOperations} and {@link
 * SimulatedFleetInspection}.
 */
public final class SimulatedDataPlane implements DataPlane {
  public static final String TABLE_VARIABLE = "FLEET_TABLE";

  /**
   * The endpoint record's TTL until lowered (the guide: JVM clients should cache DNS for 60 s or
   * less).
   */
  public static final long DEFAULT_ENDPOINT_TTL_SECONDS = 60;

  private final SimulatedStarts starts;
  private final SimulatedSourceReads sourceReads;
  private final SimulatedSourceOperations sourceOperations;
  private final SimulatedTargetOperations targetOperations;
  private final SimulatedEndpointOperations endpointOperations;
  private final SimulatedFleetInspection inspection;

  /**
   * @param dynamo client of the table's DynamoDB
   * @param tableName the fleet table (template: {@code FleetTable}, env {@code FLEET_TABLE})
   * @param clock the (virtual) time every duration is measured against
   * @param faults configured faults (env {@code SIM_FAULTS}); a profile's own {@code faults}
   *     override it
   */
  public SimulatedDataPlane(
      DynamoDbClient dynamo, String tableName, Clock clock, FaultPlan faults) {
    this(dynamo, tableName, clock, faults, SimulationSpeeds.GUIDE);
  }

  /**
   * The binding as a Lambda builds it: table from {@code FLEET_TABLE}, faults from {@code
   * SIM_FAULTS}. A missing table name or bad fault JSON fails here, at cold start, with a stable
   * code.
   */
  public static SimulatedDataPlane fromEnvironment(
      DynamoDbClient dynamo, Map<String, String> environment, Clock clock) {
    String table = environment.get(TABLE_VARIABLE);
    if (table == null || table.isBlank()) {
      throw new IllegalArgumentException("SIM_CONFIG_INVALID: " + TABLE_VARIABLE + " is not set");
    }
    return new SimulatedDataPlane(
        dynamo, table, clock, FaultPlan.parse(environment.get(FaultPlan.ENVIRONMENT_VARIABLE)));
  }

  public SimulatedDataPlane(
      DynamoDbClient dynamo,
      String tableName,
      Clock clock,
      FaultPlan faults,
      SimulationSpeeds speeds) {
    FleetStore store = new FleetStore(dynamo, tableName);
    SimulatedHosts hosts = new SimulatedHosts(store, clock, faults, speeds);
    this.starts = new SimulatedStarts(store, clock, hosts);
    this.sourceReads = new SimulatedSourceReads(store, clock, hosts);
    this.sourceOperations = new SimulatedSourceOperations(store, clock, speeds, hosts, starts);
    this.targetOperations = new SimulatedTargetOperations(store, clock, speeds, hosts, starts);
    this.endpointOperations = new SimulatedEndpointOperations(store, clock, speeds, hosts, starts);
    this.inspection = new SimulatedFleetInspection(store, clock, hosts);
  }

  // ---- source reads ---------------------------------------------------------------------------

  /**
   * The model as a discovered inventory. Read-only: the fleet document is read when the simulator
   * has already seen the instance (its full backups), never created, so discovering changes
   * nothing.
   */
  @Override
  public dev.sqlup.domain.SourceInventory describeSource(InstanceRef source) {
    return sourceReads.describeSource(source);
  }

  @Override
  public SourceInventory inventory(InstanceRef source) {
    return sourceReads.inventory(source);
  }

  @Override
  public List<BackupRef> recentFullBackups(InstanceRef source, Instant now, Duration maxAge) {
    return sourceReads.recentFullBackups(source, now, maxAge);
  }

  @Override
  public List<String> preSwitchWarnings(InstanceRef source) {
    return sourceReads.preSwitchWarnings(source);
  }

  @Override
  public Optional<OpenTransaction> oldestOpenTransaction(InstanceRef source) {
    return sourceReads.oldestOpenTransaction(source);
  }

  @Override
  public OptionalLong logSinceLastBackup(InstanceRef source, String database) {
    return OptionalLong.of(sourceReads.logSinceLastBackup(source, database));
  }

  // ---- source operations ----------------------------------------------------------------------

  @Override
  public Operation startFullBackup(OperationKey key, InstanceRef source, String database) {
    return sourceOperations.startFullBackup(key, source, database);
  }

  @Override
  public Operation startLogBackup(
      OperationKey key, InstanceRef source, String database, boolean tail) {
    return sourceOperations.startLogBackup(key, source, database, tail);
  }

  @Override
  public void recoverSource(InstanceRef source, String database) {
    sourceOperations.recoverSource(source, database);
  }

  /**
   * ONLINE, or RESTORING once a tail-log backup has begun (writes stopped) until {@link
   * #recoverSource}.
   */
  public DatabaseState databaseState(InstanceRef source, String database) {
    return sourceOperations.databaseState(source, database);
  }

  /** The state of a simulated source database. */
  public enum DatabaseState {
    ONLINE,
    RESTORING
  }

  // ---- target operations ----------------------------------------------------------------------

  @Override
  public Operation startCreateTarget(OperationKey key, InstanceRef source, TargetSpec spec) {
    return targetOperations.startCreateTarget(key, source, spec);
  }

  @Override
  public Operation startRestoreFull(OperationKey key, TargetRef target, BackupRef fullBackup) {
    return targetOperations.startRestoreFull(key, target, fullBackup);
  }

  @Override
  public Operation startRestoreLog(OperationKey key, TargetRef target, BackupRef logBackup) {
    return targetOperations.startRestoreLog(key, target, logBackup);
  }

  @Override
  public Operation startRestoreTail(
      OperationKey key, TargetRef target, BackupRef tail, boolean acceleratedRecovery) {
    return targetOperations.startRestoreTail(key, target, tail, acceleratedRecovery);
  }

  @Override
  public Operation startRecoverTarget(
      OperationKey key, TargetRef target, String database, boolean acceleratedRecovery) {
    return targetOperations.startRecoverTarget(key, target, database, acceleratedRecovery);
  }

  @Override
  public void dropTarget(OperationKey createKey, InstanceRef source) {
    targetOperations.dropTarget(createKey, source);
  }

  @Override
  public Lsn lastRestoredLsn(TargetRef target, String database) {
    return targetOperations.lastRestoredLsn(target, database);
  }

  // ---- endpoint -------------------------------------------------------------------------------

  @Override
  public Operation startMoveEndpoint(OperationKey key, InstanceRef source, TargetRef target) {
    return endpointOperations.startMoveEndpoint(key, source, target);
  }

  @Override
  public Operation startMoveEndpointBack(OperationKey key, InstanceRef source) {
    return endpointOperations.startMoveEndpointBack(key, source);
  }

  @Override
  public Operation startOpenDatabases(
      OperationKey key, InstanceRef source, TargetRef target, List<String> databases) {
    return targetOperations.startOpenDatabases(key, target, databases);
  }

  /**
   * When a database was opened to applications on the target ({@code SET MULTI_USER}); empty while
   * it is RESTRICTED_USER (or not recovered): applications cannot have written to it.
   */
  public Optional<Instant> openedToApplicationsAt(TargetRef target, String database) {
    return targetOperations.openedAt(target, database);
  }

  @Override
  public EndpointTtl lowerEndpointTtl(OperationKey key, InstanceRef source, long ttlSeconds) {
    return endpointOperations.lowerEndpointTtl(key, source, ttlSeconds);
  }

  // ---- poll -----------------------------------------------------------------------------------

  @Override
  public OperationStatus poll(OperationKey key) {
    return starts.poll(key);
  }

  // ---- inspection for tests and invariants ----------------------------------------------------

  /** Targets of an instance that exist now (created, not dropped). */
  public List<TargetRef> targetsOf(String instanceId) {
    return inspection.targetsOf(instanceId);
  }

  /** Every target ever created for an instance, dropped ones included. */
  public int targetsEverCreated(String instanceId) {
    return inspection.targetsEverCreated(instanceId);
  }

  /**
   * How many times each effect happened on an instance and its targets: operation kinds (counted
   * when a start takes effect, never on a repeated start or a poll), {@code RECOVER_SOURCE}, {@code
   * DROP_TARGET}.
   */
  public Map<String, Integer> effectCounts(String instanceId) {
    return inspection.effectCounts(instanceId);
  }

  /** Where the endpoint points, if it was ever moved. */
  public Optional<EndpointState> endpointState(InstanceRef source) {
    return inspection.endpointState(source);
  }

  /** A deterministic private VIP for a target (10.x.y.z from the target id). */
  static String vip(String targetId) {
    return SimulatedHosts.vip(targetId);
  }
}
