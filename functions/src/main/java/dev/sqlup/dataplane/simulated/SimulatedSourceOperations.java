package dev.sqlup.dataplane.simulated;

import static dev.sqlup.dataplane.simulated.SimulatedHosts.MAX_CONFLICT_RETRIES;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.backupId;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.contention;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.lsn;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.media;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.requireDatabase;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.requireKind;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.requireOnline;
import static dev.sqlup.dataplane.simulated.SimulatedStarts.failed;
import static dev.sqlup.dataplane.simulated.SimulatedStarts.queuedEnd;
import static dev.sqlup.dataplane.simulated.SimulatedStarts.slowed;
import static dev.sqlup.dataplane.simulated.SimulatedStarts.succeeded;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.SourceInventory.RecoveryModel;
import dev.sqlup.dataplane.simulated.FleetStore.Versioned;
import dev.sqlup.dataplane.simulated.SourceDoc.DatabaseDoc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Operations on the source host: full and log backups (queued on the source's backup channel; a
 * tail-log backup freezes the database), and bringing a frozen database back online.
 */
final class SimulatedSourceOperations {
  private final FleetStore store;
  private final Clock clock;
  private final SimulationSpeeds speeds;
  private final SimulatedHosts hosts;
  private final SimulatedStarts starts;

  SimulatedSourceOperations(
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

  Operation startFullBackup(OperationKey key, InstanceRef source, String database) {
    requireKind(key, OperationKind.FULL_BACKUP);
    SourceProfile profile = SourceProfile.of(source);
    return starts.startOnSource(
        key,
        source,
        profile,
        (doc, now, fault) -> {
          DatabaseDoc db = requireDatabase(doc, source, database);
          long size = profile.database(database).orElseThrow().sizeBytes();
          long start = Math.max(now, doc.backupChannelFreeAt);
          requireOnline(db, source, database, start);
          long duration = slowed(speeds.transfer(size, source.sqlEdition()), key, fault);
          if (fault.failsPermanently(key)) {
            return failed(key, now, start, duration, doc, fault);
          }
          long end = start + duration;
          doc.backupChannelFreeAt = end;
          BackupRef backup =
              new BackupRef(
                  backupId(source, database, "full", key),
                  database,
                  BackupRef.Kind.FULL,
                  lsn(db.lsnAt(start)),
                  lsn(db.lsnAt(end)),
                  size,
                  Instant.ofEpochMilli(end),
                  media(source, database, "full", key));
          db.lastBackupLsn = db.lsnAt(end);
          doc.fullBackups.add(backup);
          return succeeded(key, now, start, end, backup, null, fault);
        });
  }

  Operation startLogBackup(OperationKey key, InstanceRef source, String database, boolean tail) {
    requireKind(key, tail ? OperationKind.TAIL_LOG_BACKUP : OperationKind.LOG_BACKUP);
    SourceProfile profile = SourceProfile.of(source);
    return starts.startOnSource(
        key,
        source,
        profile,
        (doc, now, fault) -> {
          DatabaseDoc db = requireDatabase(doc, source, database);
          if (profile.database(database).orElseThrow().recoveryModel() == RecoveryModel.SIMPLE) {
            throw new PermanentDataPlaneException(
                "RECOVERY_MODEL_SIMPLE: " + database + " cannot back up its log");
          }
          if (db.lastBackupLsn == null) {
            throw new PermanentDataPlaneException(
                "NO_FULL_BACKUP: the log chain of " + database + " has no full backup");
          }
          // The fixed overhead (job start, log scan) overlaps other work; only the bytes queue on
          // the channel,
          // so the tail backups of several databases run side by side and the downtime stays short.
          long start = now;
          requireOnline(db, source, database, start);
          long first = db.lastBackupLsn;
          long last = db.lsnAt(start);
          long size = last - first;
          Duration overhead = tail ? speeds.tailOverhead() : speeds.logOverhead();
          long duration =
              slowed(speeds.transfer(size, source.sqlEdition()).plus(overhead), key, fault);
          if (fault.failsPermanently(key)) {
            return failed(key, now, start, duration, doc, fault);
          }
          long end = queuedEnd(start, overhead, duration, doc.backupChannelFreeAt);
          doc.backupChannelFreeAt = end;
          if (tail) {
            // WITH NORECOVERY: the database goes RESTORING when the tail backup begins; writes stop
            // there.
            db.frozenAt = start;
          }
          db.lastBackupLsn = last;
          String kind = tail ? "tail" : "log";
          BackupRef backup =
              new BackupRef(
                  backupId(source, database, kind, key),
                  database,
                  BackupRef.Kind.LOG,
                  lsn(first),
                  lsn(last),
                  size,
                  Instant.ofEpochMilli(end),
                  media(source, database, kind, key));
          return succeeded(key, now, start, end, backup, null, fault);
        });
  }

  void recoverSource(InstanceRef source, String database) {
    SourceProfile profile = SourceProfile.of(source);
    for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      Versioned<SourceDoc> read = hosts.source(source, profile);
      SourceDoc doc = read.doc();
      long now = clock.millis();
      DatabaseDoc db = requireDatabase(doc, source, database);
      if (db.frozenAt == null) {
        return;
      }
      // Compensation moves the endpoint back before it recovers the source: clients still resolving
      // to the target meet databases in RESTRICTED_USER there, and come back as their answers
      // expire.
      if (doc.endpoint != null
          && doc.endpoint.switchedAt <= now
          && doc.endpoint.movedBackAt == null) {
        throw new PermanentDataPlaneException(
            "ENDPOINT_ALREADY_MOVED: "
                + source.instanceId()
                + " points at "
                + doc.endpoint.targetId
                + "; the source cannot take writes again");
      }
      long resumeAt = Math.max(now, db.frozenAt);
      db.offsetLsn = db.lsnAt(db.frozenAt);
      db.activeSince = resumeAt;
      db.frozenAt = null;
      doc.countEffect("RECOVER_SOURCE");
      if (store.put(
          FleetStore.instancePk(source.instanceId()), FleetStore.SOURCE_SK, doc, read.version())) {
        return;
      }
    }
    throw contention(source.instanceId());
  }

  /**
   * ONLINE, or RESTORING once a tail-log backup has begun (writes stopped) until {@link
   * #recoverSource}.
   */
  SimulatedDataPlane.DatabaseState databaseState(InstanceRef source, String database) {
    DatabaseDoc db =
        requireDatabase(hosts.source(source, SourceProfile.of(source)).doc(), source, database);
    return db.restoringAt(clock.millis())
        ? SimulatedDataPlane.DatabaseState.RESTORING
        : SimulatedDataPlane.DatabaseState.ONLINE;
  }
}
