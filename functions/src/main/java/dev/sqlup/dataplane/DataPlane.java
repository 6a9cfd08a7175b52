package dev.sqlup.dataplane;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The SQL Server operations an upgrade needs, behind one interface with two bindings: {@code
 * simulated} (the default fleet model) and {@code sqlserver} (T-SQL over mssql-jdbc).
 *
 * <p>Operations that take minutes to hours are asynchronous: {@code start*} returns at once and
 * {@link #poll} reports progress. Every {@code start*} is idempotent on its {@link OperationKey}:
 * starting the same key again returns the operation already started, never a second backup or a
 * second target. That is what lets Step Functions retry a Lambda invocation that timed out after it
 * ran.
 *
 * <p>Failures are {@link TransientDataPlaneException} (retry the same call) or {@link
 * PermanentDataPlaneException} (give up, compensate). Nothing here knows about DynamoDB tasks, Step
 * Functions or the API.
 */
public interface DataPlane {

  /**
   * Discovery: server facts, every user database's facts, the measured log generation rate and each
   * database's last usable full backup, read now ({@code discoveredAt} = the data plane's clock).
   * Stored on the instance record; the estimate and the prechecks read only that. Read-only on the
   * source.
   */
  dev.sqlup.domain.SourceInventory describeSource(InstanceRef source);

  /**
   * The live view an upgrade in flight needs: databases, recovery models and current log positions
   * (the pre-switch guard, compensation). Cheaper than {@link #describeSource}.
   */
  SourceInventory inventory(InstanceRef source);

  /**
   * Full backups of every database finished within {@code maxAge} before {@code now} (the 36 h
   * rule).
   */
  List<BackupRef> recentFullBackups(InstanceRef source, Instant now, Duration maxAge);

  /**
   * Creates and configures the target (same name, port, tags, logins with their SIDs). Result:
   * target.
   */
  Operation startCreateTarget(OperationKey key, InstanceRef source, TargetSpec spec);

  /** Full backup of one database. Result: backup. */
  Operation startFullBackup(OperationKey key, InstanceRef source, String database);

  /** RESTORE DATABASE ... WITH NORECOVERY on the target. */
  Operation startRestoreFull(OperationKey key, TargetRef target, BackupRef fullBackup);

  /**
   * Transaction-log backup of one database. With {@code tail = true} it is the tail-log backup WITH
   * NORECOVERY that stops writes on the source: the point of no return. Result: backup.
   */
  Operation startLogBackup(OperationKey key, InstanceRef source, String database, boolean tail);

  /** RESTORE LOG ... WITH NORECOVERY on the target (LSN chain checked). */
  Operation startRestoreLog(OperationKey key, TargetRef target, BackupRef logBackup);

  /**
   * The switchover's restore of the tail-log backup: {@code RESTORE LOG ... WITH RECOVERY,
   * RESTRICTED_USER} on the target (LSN chain checked; only db_owner, dbcreator and sysadmin may
   * use the database until {@link #startOpenDatabases}), which applies the tail and recovers the
   * database in one statement (optionally then Accelerated Database Recovery), instead of {@link
   * #startRestoreLog} WITH NORECOVERY followed by {@link #startRecoverTarget}: one statement's
   * fixed cost less between writes stopping and the target serving. The last restored LSN ({@link
   * #lastRestoredLsn}, from the restore history) is the tail's last LSN afterwards, as with two
   * statements.
   */
  Operation startRestoreTail(
      OperationKey key, TargetRef target, BackupRef tail, boolean acceleratedRecovery);

  /** RESTORE DATABASE ... WITH RECOVERY on the target; optionally Accelerated Database Recovery. */
  Operation startRecoverTarget(
      OperationKey key, TargetRef target, String database, boolean acceleratedRecovery);

  /**
   * Lowers the TTL of the instance endpoint's record (still pointing at the source) to {@code
   * ttlSeconds}, so that clients re-resolve soon after the endpoint moves. Idempotent on {@code
   * key}: a repeated call returns the first one's result (its time), and never raises a TTL.
   */
  EndpointTtl lowerEndpointTtl(OperationKey key, InstanceRef source, long ttlSeconds);

  /**
   * Points the instance endpoint (name unchanged) at the target; the VIP changes. The switchover
   * starts it while the tails are restored: until {@link #startOpenDatabases} the target's
   * databases are RESTRICTED_USER, so applications that reach the target early cannot write. Done
   * (SUCCEEDED) when every client resolves to the target.
   */
  Operation startMoveEndpoint(OperationKey key, InstanceRef source, TargetRef target);

  /**
   * Points the instance endpoint back at the source (compensation of a switchover that failed after
   * the endpoint moved but before {@link #startOpenDatabases}). Done when every client resolves to
   * the source again; done at once when the endpoint never moved.
   */
  Operation startMoveEndpointBack(OperationKey key, InstanceRef source);

  /**
   * Opens the target's databases to applications: {@code ALTER DATABASE ... SET MULTI_USER} after
   * the tail restore WITH RECOVERY, RESTRICTED_USER, once the LSN check passed and the endpoint
   * resolves to the target; then what the source did for applications runs on the target (copied
   * jobs enabled, logins' default databases). Fails when a database is not recovered. From here
   * applications may write to the target: the upgrade only rolls forward.
   */
  Operation startOpenDatabases(
      OperationKey key, InstanceRef source, TargetRef target, List<String> databases);

  /**
   * Progress of an operation started with the same key. Unknown keys raise
   * PermanentDataPlaneException.
   */
  OperationStatus poll(OperationKey key);

  /** The last LSN restored on the target for a database (to prove no data loss at switchover). */
  Lsn lastRestoredLsn(TargetRef target, String database);

  /**
   * Rollback between the tail-log backup and the endpoint move: RESTORE DATABASE ... WITH RECOVERY
   * on the source brings it back online with nothing lost (nothing was written to the target yet).
   * Idempotent.
   */
  void recoverSource(InstanceRef source, String database);

  /** Compensation before the point of no return: deletes the target if it exists. Idempotent. */
  void dropTarget(OperationKey createKey, InstanceRef source);

  /** Warnings worth showing before the switch (long-running transactions, index rebuilds). */
  List<String> preSwitchWarnings(InstanceRef source);

  /**
   * The oldest transaction open now in a user database of the source (the cutover guard on open
   * transactions: the switch would cut it off, and its log makes the tail and the recovery long).
   */
  Optional<OpenTransaction> oldestOpenTransaction(InstanceRef source);

  /**
   * Log a database of the source generated since its newest backup began, in bytes: what the next
   * log backup (or the tail) would carry, read from the source rather than modelled from the
   * discovered log rate. Empty when the data plane cannot read it; the cutover guards then estimate
   * it from the log rate.
   */
  default OptionalLong logSinceLastBackup(InstanceRef source, String database) {
    return OptionalLong.empty();
  }
}
