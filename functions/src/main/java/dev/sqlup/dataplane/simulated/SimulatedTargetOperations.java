package dev.sqlup.dataplane.simulated;

import static dev.sqlup.dataplane.simulated.SimulatedHosts.MAX_CONFLICT_RETRIES;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.contention;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.max;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.requireKind;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.targetId;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.vip;
import static dev.sqlup.dataplane.simulated.SimulatedStarts.failed;
import static dev.sqlup.dataplane.simulated.SimulatedStarts.queuedEnd;
import static dev.sqlup.dataplane.simulated.SimulatedStarts.slowed;
import static dev.sqlup.dataplane.simulated.SimulatedStarts.succeeded;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.dataplane.TargetSpec;
import dev.sqlup.dataplane.simulated.FleetStore.Versioned;
import dev.sqlup.dataplane.simulated.TargetDoc.Restore;
import dev.sqlup.dataplane.simulated.TargetDoc.RestoredDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Operations on a target host: creating and dropping it, restoring full and log backups (queued on
 * its restore channel, each continuing the LSN chain) and recovering its databases.
 */
final class SimulatedTargetOperations {
  private final FleetStore store;
  private final Clock clock;
  private final SimulationSpeeds speeds;
  private final SimulatedHosts hosts;
  private final SimulatedStarts starts;

  SimulatedTargetOperations(
      FleetStore store,
      Clock clock,
      SimulationSpeeds speeds,
      SimulatedHosts hosts,
      SimulatedStarts starts) {
    this.store = store;
    this.clock = clock;
    this.speeds = speeds;
    this.hosts = hosts;
    this.starts = starts;
  }

  Operation startCreateTarget(OperationKey key, InstanceRef source, TargetSpec spec) {
    requireKind(key, OperationKind.CREATE_TARGET);
    SourceProfile profile = SourceProfile.of(source);
    SourceDoc sourceDoc = hosts.source(source, profile).doc();
    String targetId = targetId(key, source);
    TargetRef ref =
        new TargetRef(
            targetId,
            source.instanceId(),
            vip(targetId),
            source.port(),
            spec.engineVersion(),
            spec.sqlEdition(),
            source.binding());
    return starts.start(
        key,
        FleetStore.instancePk(source.instanceId()),
        FleetStore.targetSk(targetId),
        TargetDoc.class,
        TargetDoc::new,
        doc -> doc.ops,
        doc -> hosts.targetFaults(sourceDoc.profileFaults),
        (doc, now, fault) -> {
          if (doc.ref != null) {
            throw new PermanentDataPlaneException(
                "TARGET_EXISTS: " + targetId + " was created by another operation");
          }
          long duration = slowed(speeds.createTarget(), key, fault);
          doc.ref = ref;
          doc.createdAt = now;
          doc.profileFaults = sourceDoc.profileFaults;
          if (fault.failsPermanently(key)) {
            doc.droppedAt = now + duration / 2;
            return failed(key, now, now, duration, null, fault);
          }
          doc.readyAt = now + duration;
          doc.restoreChannelFreeAt = doc.readyAt;
          doc.countEffect(key.kind().name());
          return succeeded(key, now, now, doc.readyAt, null, ref, fault);
        });
  }

  Operation startRestoreFull(OperationKey key, TargetRef target, BackupRef fullBackup) {
    requireKind(key, OperationKind.RESTORE_FULL);
    if (fullBackup.kind() != BackupRef.Kind.FULL) {
      throw new PermanentDataPlaneException("NOT_A_FULL_BACKUP: " + fullBackup.backupId());
    }
    return starts.startOnTarget(
        key,
        target,
        (doc, now, fault) -> {
          long start =
              max(
                  now,
                  doc.restoreChannelFreeAt,
                  doc.readyAt,
                  fullBackup.finishedAt().toEpochMilli());
          long duration =
              slowed(speeds.transfer(fullBackup.sizeBytes(), target.sqlEdition()), key, fault);
          if (fault.failsPermanently(key)) {
            return failed(key, now, start, duration, doc, fault);
          }
          long end = start + duration;
          doc.restoreChannelFreeAt = end;
          RestoredDatabase db =
              doc.databases.computeIfAbsent(fullBackup.database(), d -> new RestoredDatabase());
          db.chainLsn = fullBackup.lastLsn().value().longValueExact();
          db.recoveredAt = null;
          db.restores.add(new Restore(db.chainLsn, end));
          doc.countEffect(key.kind().name());
          return succeeded(key, now, start, end, null, null, fault);
        });
  }

  Operation startRestoreLog(OperationKey key, TargetRef target, BackupRef logBackup) {
    if (key.kind() != OperationKind.RESTORE_LOG && key.kind() != OperationKind.RESTORE_TAIL) {
      throw new IllegalArgumentException(
          "BAD_OPERATION_KEY: expected RESTORE_LOG or RESTORE_TAIL, got " + key.kind());
    }
    return restoreLog(key, target, logBackup, null);
  }

  /**
   * RESTORE LOG ... WITH RECOVERY of the tail: the restore as {@link #startRestoreLog}, then the
   * recovery in the same statement ({@link SimulationSpeeds#recoveryInTailRestore}); the database
   * is online at the end, its last restored LSN the tail's.
   */
  Operation startRestoreTail(
      OperationKey key, TargetRef target, BackupRef tail, boolean acceleratedRecovery) {
    requireKind(key, OperationKind.RESTORE_TAIL_WITH_RECOVERY);
    return restoreLog(key, target, tail, speeds.recoveryInTailRestore(acceleratedRecovery));
  }

  /** {@code recovery} null: WITH NORECOVERY; else WITH RECOVERY, which takes that much longer. */
  private Operation restoreLog(
      OperationKey key, TargetRef target, BackupRef logBackup, Duration recovery) {
    if (logBackup.kind() != BackupRef.Kind.LOG) {
      throw new PermanentDataPlaneException("NOT_A_LOG_BACKUP: " + logBackup.backupId());
    }
    boolean tail =
        key.kind() != OperationKind.RESTORE_LOG || logBackup.backupId().contains(".tail.");
    return starts.startOnTarget(
        key,
        target,
        (doc, now, fault) -> {
          RestoredDatabase db = doc.databases.get(logBackup.database());
          if (db == null || db.chainLsn == null) {
            throw new PermanentDataPlaneException(
                "LSN chain broken: no full backup of "
                    + logBackup.database()
                    + " restored on "
                    + target.targetId());
          }
          long start = Math.max(now, logBackup.finishedAt().toEpochMilli());
          if (db.recoveredAt != null && db.recoveredAt <= start) {
            throw new PermanentDataPlaneException(
                "DATABASE_RECOVERED: "
                    + logBackup.database()
                    + " is online on the target; no further log can be restored");
          }
          long first = logBackup.firstLsn().value().longValueExact();
          if (first != db.chainLsn) {
            throw new PermanentDataPlaneException(
                "LSN chain broken: log backup "
                    + logBackup.backupId()
                    + " starts at "
                    + first
                    + " but "
                    + logBackup.database()
                    + " is restored up to "
                    + db.chainLsn);
          }
          Duration overhead = tail ? speeds.tailOverhead() : speeds.logOverhead();
          long duration =
              slowed(
                  speeds.transfer(logBackup.sizeBytes(), target.sqlEdition()).plus(overhead),
                  key,
                  fault);
          if (fault.failsPermanently(key)) {
            return failed(
                key,
                now,
                start,
                duration + (recovery == null ? 0 : slowed(recovery, key, fault)),
                doc,
                fault);
          }
          long restored = queuedEnd(start, overhead, duration, doc.restoreChannelFreeAt);
          // Recovery moves no backup bytes: the channel is free for the next database's tail.
          doc.restoreChannelFreeAt = restored;
          db.chainLsn = logBackup.lastLsn().value().longValueExact();
          db.restores.add(new Restore(db.chainLsn, restored));
          long end = restored;
          if (recovery != null) {
            end = restored + slowed(recovery, key, fault);
            db.recoveredAt = end;
          }
          doc.countEffect(key.kind().name());
          return succeeded(key, now, start, end, null, null, fault);
        });
  }

  Operation startRecoverTarget(
      OperationKey key, TargetRef target, String database, boolean acceleratedRecovery) {
    requireKind(key, OperationKind.RECOVER_TARGET);
    return starts.startOnTarget(
        key,
        target,
        (doc, now, fault) -> {
          RestoredDatabase db = doc.databases.get(database);
          if (db == null || db.chainLsn == null) {
            throw new PermanentDataPlaneException(
                "NOT_RESTORED: " + database + " was never restored on " + target.targetId());
          }
          // Recovery (undo/redo of a small tail) moves no backup bytes: databases recover side by
          // side.
          long start = now;
          Duration recovery =
              acceleratedRecovery
                  ? Duration.ofMillis(
                      Math.round(
                          speeds.recoverDatabase().toMillis() * speeds.acceleratedRecoveryFactor()))
                  : speeds.recoverDatabase();
          long duration = slowed(recovery, key, fault);
          if (fault.failsPermanently(key)) {
            return failed(key, now, start, duration, doc, fault);
          }
          long end = start + duration;
          db.recoveredAt = end;
          doc.countEffect(key.kind().name());
          return succeeded(key, now, start, end, null, null, fault);
        });
  }

  /**
   * {@code SET MULTI_USER} of each database, one after another ({@link
   * SimulationSpeeds#openDatabase}); every one must be recovered by now.
   */
  Operation startOpenDatabases(OperationKey key, TargetRef target, List<String> databases) {
    requireKind(key, OperationKind.OPEN_DATABASES);
    return starts.startOnTarget(
        key,
        target,
        (doc, now, fault) -> {
          for (String database : databases) {
            RestoredDatabase db = doc.databases.get(database);
            if (db == null || db.recoveredAt == null || db.recoveredAt > now) {
              throw new PermanentDataPlaneException(
                  "NOT_RECOVERED: "
                      + database
                      + " is not online on "
                      + target.targetId()
                      + "; it cannot be opened to applications");
            }
          }
          long duration = slowed(speeds.openDatabase().multipliedBy(databases.size()), key, fault);
          if (fault.failsPermanently(key)) {
            return failed(key, now, now, duration, null, fault);
          }
          long end = now + duration;
          for (String database : databases) {
            RestoredDatabase db = doc.databases.get(database);
            if (db.openedAt == null) {
              db.openedAt = end;
            }
          }
          doc.countEffect(key.kind().name());
          return succeeded(key, now, now, end, null, target, fault);
        });
  }

  /**
   * When {@code database} was opened to applications on the target (empty: still RESTRICTED_USER,
   * or never recovered).
   */
  Optional<Instant> openedAt(TargetRef target, String database) {
    RestoredDatabase db = hosts.targetDoc(target).doc().databases.get(database);
    return db == null || db.openedAt == null || db.openedAt > clock.millis()
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(db.openedAt));
  }

  void dropTarget(OperationKey createKey, InstanceRef source) {
    String targetId = targetId(createKey, source);
    String pk = FleetStore.instancePk(source.instanceId());
    for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      Optional<Versioned<TargetDoc>> read =
          store.get(pk, FleetStore.targetSk(targetId), TargetDoc.class);
      long now = clock.millis();
      if (read.isEmpty() || !read.get().doc().liveAt(now)) {
        return;
      }
      TargetDoc doc = read.get().doc();
      doc.droppedAt = now;
      doc.countEffect("DROP_TARGET");
      if (store.put(pk, FleetStore.targetSk(targetId), doc, read.get().version())) {
        return;
      }
    }
    throw contention(targetId);
  }

  Lsn lastRestoredLsn(TargetRef target, String database) {
    RestoredDatabase db = hosts.targetDoc(target).doc().databases.get(database);
    Long lsn = db == null ? null : db.restoredLsnAt(clock.millis());
    return lsn == null ? Lsn.ZERO : Lsn.of(lsn);
  }
}
