package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Lsn;
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

/**
 * The sqlserver binding's discovery for API tests, where no SQL Server runs: the real mapping
 * ({@link SourceDiscovery}) over a recorded result set. Only discovery is recorded; every other
 * operation fails the test.
 */
public final class RecordedSqlServerPlane implements DataPlane {
  private final String version;
  private final Clock clock;
  private final dev.sqlup.domain.SourceInventory fixed;
  public int discoveries;

  public RecordedSqlServerPlane(String version, Clock clock) {
    this.version = version;
    this.clock = clock;
    this.fixed = null;
  }

  /** A source whose discovery answers this inventory (tests whose server never answers). */
  public RecordedSqlServerPlane(dev.sqlup.domain.SourceInventory fixed) {
    this.version = null;
    this.clock = null;
    this.fixed = fixed;
  }

  @Override
  public dev.sqlup.domain.SourceInventory describeSource(InstanceRef source) {
    discoveries++;
    return fixed != null ? fixed : RecordedCatalog.inventory(version, clock.instant());
  }

  private static UnsupportedOperationException notRecorded() {
    return new UnsupportedOperationException("only discovery is recorded");
  }

  @Override
  public SourceInventory inventory(InstanceRef source) {
    throw notRecorded();
  }

  @Override
  public java.util.Optional<dev.sqlup.dataplane.OpenTransaction> oldestOpenTransaction(
      InstanceRef source) {
    throw notRecorded();
  }

  @Override
  public List<BackupRef> recentFullBackups(InstanceRef source, Instant now, Duration maxAge) {
    throw notRecorded();
  }

  @Override
  public Operation startCreateTarget(OperationKey key, InstanceRef source, TargetSpec spec) {
    throw notRecorded();
  }

  @Override
  public Operation startFullBackup(OperationKey key, InstanceRef source, String database) {
    throw notRecorded();
  }

  @Override
  public Operation startRestoreFull(OperationKey key, TargetRef target, BackupRef fullBackup) {
    throw notRecorded();
  }

  @Override
  public Operation startLogBackup(
      OperationKey key, InstanceRef source, String database, boolean tail) {
    throw notRecorded();
  }

  @Override
  public Operation startRestoreLog(OperationKey key, TargetRef target, BackupRef logBackup) {
    throw notRecorded();
  }

  @Override
  public Operation startRestoreTail(
      OperationKey key, TargetRef target, BackupRef tail, boolean adr) {
    throw notRecorded();
  }

  @Override
  public Operation startRecoverTarget(
      OperationKey key, TargetRef target, String database, boolean adr) {
    throw notRecorded();
  }

  @Override
  public Operation startMoveEndpoint(OperationKey key, InstanceRef source, TargetRef target) {
    throw notRecorded();
  }

  @Override
  public Operation startMoveEndpointBack(OperationKey key, InstanceRef source) {
    throw notRecorded();
  }

  @Override
  public Operation startOpenDatabases(
      OperationKey key, InstanceRef source, TargetRef target, List<String> databases) {
    throw notRecorded();
  }

  @Override
  public dev.sqlup.dataplane.EndpointTtl lowerEndpointTtl(
      OperationKey key, InstanceRef source, long ttlSeconds) {
    throw notRecorded();
  }

  @Override
  public OperationStatus poll(OperationKey key) {
    throw notRecorded();
  }

  @Override
  public Lsn lastRestoredLsn(TargetRef target, String database) {
    throw notRecorded();
  }

  @Override
  public void recoverSource(InstanceRef source, String database) {
    throw notRecorded();
  }

  @Override
  public void dropTarget(OperationKey createKey, InstanceRef source) {
    throw notRecorded();
  }

  @Override
  public List<String> preSwitchWarnings(InstanceRef source) {
    throw notRecorded();
  }
}
