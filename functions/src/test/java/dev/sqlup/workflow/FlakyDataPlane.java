package dev.sqlup.workflow;

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
import dev.sqlup.dataplane.TransientDataPlaneException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A data plane that fails chosen calls with {@link TransientDataPlaneException}: polls whose key
 * {@link #failPolls} picks (before reaching the real plane), and starts whose key {@link
 * #failStartsAfterRun} picks (after the real start ran, as a call whose answer was lost). Counts
 * what it failed.
 */
final class FlakyDataPlane implements DataPlane {
  private final DataPlane plane;
  volatile Predicate<OperationKey> failPolls = key -> false;
  volatile Predicate<OperationKey> failStartsAfterRun = key -> false;
  int failedPolls;
  int failedStarts;

  FlakyDataPlane(DataPlane plane) {
    this.plane = plane;
  }

  @Override
  public OperationStatus poll(OperationKey key) {
    if (failPolls.test(key)) {
      failedPolls++;
      throw new TransientDataPlaneException("injected: poll of " + key.render() + " timed out");
    }
    return plane.poll(key);
  }

  private Operation started(OperationKey key, Supplier<Operation> start) {
    Operation operation = start.get();
    if (failStartsAfterRun.test(key)) {
      failedStarts++;
      throw new TransientDataPlaneException(
          "injected: start of " + key.render() + " lost its answer");
    }
    return operation;
  }

  @Override
  public Operation startCreateTarget(OperationKey key, InstanceRef source, TargetSpec spec) {
    return started(key, () -> plane.startCreateTarget(key, source, spec));
  }

  @Override
  public Operation startFullBackup(OperationKey key, InstanceRef source, String database) {
    return started(key, () -> plane.startFullBackup(key, source, database));
  }

  @Override
  public Operation startRestoreFull(OperationKey key, TargetRef target, BackupRef fullBackup) {
    return started(key, () -> plane.startRestoreFull(key, target, fullBackup));
  }

  @Override
  public Operation startLogBackup(
      OperationKey key, InstanceRef source, String database, boolean tail) {
    return started(key, () -> plane.startLogBackup(key, source, database, tail));
  }

  @Override
  public Operation startRestoreLog(OperationKey key, TargetRef target, BackupRef logBackup) {
    return started(key, () -> plane.startRestoreLog(key, target, logBackup));
  }

  @Override
  public Operation startRestoreTail(
      OperationKey key, TargetRef target, BackupRef tail, boolean accelerated) {
    return started(key, () -> plane.startRestoreTail(key, target, tail, accelerated));
  }

  @Override
  public Operation startRecoverTarget(
      OperationKey key, TargetRef target, String database, boolean accelerated) {
    return started(key, () -> plane.startRecoverTarget(key, target, database, accelerated));
  }

  @Override
  public Operation startMoveEndpoint(OperationKey key, InstanceRef source, TargetRef target) {
    return started(key, () -> plane.startMoveEndpoint(key, source, target));
  }

  @Override
  public Operation startMoveEndpointBack(OperationKey key, InstanceRef source) {
    return started(key, () -> plane.startMoveEndpointBack(key, source));
  }

  @Override
  public Operation startOpenDatabases(
      OperationKey key, InstanceRef source, TargetRef target, List<String> databases) {
    return started(key, () -> plane.startOpenDatabases(key, source, target, databases));
  }

  @Override
  public dev.sqlup.domain.SourceInventory describeSource(InstanceRef source) {
    return plane.describeSource(source);
  }

  @Override
  public SourceInventory inventory(InstanceRef source) {
    return plane.inventory(source);
  }

  @Override
  public List<BackupRef> recentFullBackups(InstanceRef source, Instant now, Duration maxAge) {
    return plane.recentFullBackups(source, now, maxAge);
  }

  @Override
  public Lsn lastRestoredLsn(TargetRef target, String database) {
    return plane.lastRestoredLsn(target, database);
  }

  @Override
  public void recoverSource(InstanceRef source, String database) {
    plane.recoverSource(source, database);
  }

  @Override
  public void dropTarget(OperationKey createKey, InstanceRef source) {
    plane.dropTarget(createKey, source);
  }

  @Override
  public List<String> preSwitchWarnings(InstanceRef source) {
    return plane.preSwitchWarnings(source);
  }

  @Override
  public dev.sqlup.dataplane.EndpointTtl lowerEndpointTtl(
      OperationKey key, InstanceRef source, long ttlSeconds) {
    return plane.lowerEndpointTtl(key, source, ttlSeconds);
  }

  @Override
  public java.util.Optional<dev.sqlup.dataplane.OpenTransaction> oldestOpenTransaction(
      InstanceRef source) {
    return plane.oldestOpenTransaction(source);
  }

  @Override
  public java.util.OptionalLong logSinceLastBackup(InstanceRef source, String database) {
    return plane.logSinceLastBackup(source, database);
  }
}
