package dev.sqlup.dataplane.sqlserver;

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
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The real data plane: T-SQL over mssql-jdbc on self-managed SQL Server hosts, long operations as
 * SQL Server Agent jobs on the instance doing the work, the endpoint as a Route 53 record.
 *
 * <p>Instance properties read (InstanceRef.properties): {@code backupLocation} (required: a share
 * or path both hosts reach, or an {@code s3://} URL with a SQL Server credential on both, SQL
 * Server 2022), {@code backupStripes} (files per full backup, default 4), {@code
 * trustServerCertificate} (explicit TLS opt-out), {@code route53ZoneId}, {@code route53RecordName}
 * (default: the instance endpoint), {@code route53RecordType} (CNAME default, or A), {@code
 * route53Ttl} (default 60, at most 60), {@code compatibilityLevel} (raise to this level after
 * recovery; default: kept), {@code postUpgradeCheckDb}, {@code postUpgradeUpdateStats}
 * (true/false), {@code longTransactionMinutes} (warning threshold, default 10), {@code targetPort}
 * (the pool host's port when it cannot equal the source's, e.g. containers; default: the source
 * port).
 *
 * <p>This class is the binding's face; one class per seam does the work: {@link
 * SqlServerSourceReads}, {@link SqlServerBackups} (source side), {@link SqlServerTargets}, {@link
 * SqlServerRestores}, {@link SqlServerEndpoint}, {@link SqlServerPolls}, over {@link SqlCalls}
 * (connections, catalog reads) and {@link JournaledOperations} (the operation journal).
 */
public final class SqlServerDataPlane implements DataPlane {
  private final SqlServerSourceReads sourceReads;
  private final SqlServerBackups backups;
  private final SqlServerTargets targets;
  private final SqlServerRestores restores;
  private final SqlServerEndpoint endpoint;
  private final SqlServerPolls polls;

  public SqlServerDataPlane(
      SqlConnector connector,
      OperationJournal journal,
      TargetHostPool pool,
      Route53Endpoint route53,
      Clock clock,
      int queryTimeoutSeconds) {
    SqlCalls calls = new SqlCalls(connector, queryTimeoutSeconds);
    AgentJobs jobs = new AgentJobs(queryTimeoutSeconds);
    TargetConfigurator configurator = new TargetConfigurator(queryTimeoutSeconds);
    JournaledOperations journaled = new JournaledOperations(journal, calls, jobs);
    this.sourceReads = new SqlServerSourceReads(calls, clock);
    this.backups = new SqlServerBackups(calls, journal, jobs, sourceReads, clock);
    this.targets =
        new SqlServerTargets(
            calls, journal, journaled, pool, jobs, configurator, sourceReads, clock);
    this.restores = new SqlServerRestores(calls, journal, journaled, pool, jobs, clock);
    this.endpoint = new SqlServerEndpoint(calls, journal, journaled, route53, configurator, clock);
    this.polls = new SqlServerPolls(calls, journal, jobs, route53, clock);
  }

  // ---------------------------------------------------------------- inventory and history

  /**
   * Discovery ({@link SourceDiscovery}, queries in {@link CatalogQueries}); properties {@code
   * logRateWindowHours} (msdb log backups considered, default 72) and {@code logSampleSeconds}
   * (interval of the two log-file samples when there are none, default 10).
   */
  @Override
  public dev.sqlup.domain.SourceInventory describeSource(InstanceRef source) {
    return sourceReads.describeSource(source);
  }

  @Override
  public SourceInventory inventory(InstanceRef source) {
    return sourceReads.inventory(source);
  }

  /** Precheck: databases in SIMPLE recovery have no log backups, so they cannot be log-shipped. */
  public static List<String> simpleRecoveryDatabases(SourceInventory inventory) {
    return SqlServerSourceReads.simpleRecoveryDatabases(inventory);
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

  /**
   * sys.dm_db_log_stats' {@code log_since_last_log_backup_mb} (SQL Server 2016 SP2 and later);
   * empty on older servers, where the cutover guards estimate the lag from the log rate.
   */
  @Override
  public OptionalLong logSinceLastBackup(InstanceRef source, String database) {
    return sourceReads.logSinceLastBackup(source, database);
  }

  // ---------------------------------------------------------------- backups on the source

  @Override
  public Operation startFullBackup(OperationKey key, InstanceRef source, String database) {
    return backups.startFullBackup(key, source, database);
  }

  @Override
  public Operation startLogBackup(
      OperationKey key, InstanceRef source, String database, boolean tail) {
    return backups.startLogBackup(key, source, database, tail);
  }

  @Override
  public void recoverSource(InstanceRef source, String database) {
    backups.recoverSource(source, database);
  }

  // ---------------------------------------------------------------- the target

  @Override
  public Operation startCreateTarget(OperationKey key, InstanceRef source, TargetSpec spec) {
    return targets.startCreateTarget(key, source, spec);
  }

  @Override
  public Operation startRestoreFull(OperationKey key, TargetRef target, BackupRef fullBackup) {
    return restores.startRestoreFull(key, target, fullBackup);
  }

  @Override
  public Operation startRestoreLog(OperationKey key, TargetRef target, BackupRef logBackup) {
    return restores.startRestoreLog(key, target, logBackup);
  }

  @Override
  public Operation startRestoreTail(
      OperationKey key, TargetRef target, BackupRef tail, boolean acceleratedRecovery) {
    return restores.startRestoreTail(key, target, tail, acceleratedRecovery);
  }

  @Override
  public Operation startRecoverTarget(
      OperationKey key, TargetRef target, String database, boolean acceleratedRecovery) {
    return targets.startRecoverTarget(key, target, database, acceleratedRecovery);
  }

  @Override
  public Lsn lastRestoredLsn(TargetRef target, String database) {
    return restores.lastRestoredLsn(target, database);
  }

  @Override
  public void dropTarget(OperationKey createKey, InstanceRef source) {
    targets.dropTarget(createKey, source);
  }

  // ---------------------------------------------------------------- endpoint

  @Override
  public EndpointTtl lowerEndpointTtl(OperationKey key, InstanceRef source, long ttlSeconds) {
    return endpoint.lowerEndpointTtl(key, source, ttlSeconds);
  }

  @Override
  public Operation startMoveEndpoint(OperationKey key, InstanceRef source, TargetRef target) {
    return endpoint.startMoveEndpoint(key, source, target);
  }

  @Override
  public Operation startMoveEndpointBack(OperationKey key, InstanceRef source) {
    return endpoint.startMoveEndpointBack(key, source);
  }

  @Override
  public Operation startOpenDatabases(
      OperationKey key, InstanceRef source, TargetRef target, List<String> databases) {
    return endpoint.startOpenDatabases(key, source, target, databases);
  }

  // ---------------------------------------------------------------- poll

  @Override
  public OperationStatus poll(OperationKey key) {
    return polls.poll(key);
  }
}
