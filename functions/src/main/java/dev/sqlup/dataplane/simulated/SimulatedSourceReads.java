package dev.sqlup.dataplane.simulated;

import static dev.sqlup.dataplane.simulated.SimulatedHosts.BASE_LSN;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.OpenTransaction;
import dev.sqlup.dataplane.SourceInventory;
import dev.sqlup.dataplane.SourceInventory.RecoveryModel;
import dev.sqlup.dataplane.simulated.FaultPlan.MetadataChange;
import dev.sqlup.dataplane.simulated.FleetStore.Versioned;
import dev.sqlup.dataplane.simulated.SourceDoc.DatabaseDoc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the simulator answers about a source: its discovered inventory, its databases' LSNs (with a
 * profile's metadata change applied once due), its recent full backups and open transactions.
 */
final class SimulatedSourceReads {
  private final FleetStore store;
  private final Clock clock;
  private final SimulatedHosts hosts;

  SimulatedSourceReads(FleetStore store, Clock clock, SimulatedHosts hosts) {
    this.store = store;
    this.clock = clock;
    this.hosts = hosts;
  }

  /**
   * The model as a discovered inventory. Read-only: the fleet document is read when the simulator
   * has already seen the instance (its full backups), never created, so discovering changes
   * nothing.
   */
  dev.sqlup.domain.SourceInventory describeSource(InstanceRef source) {
    SourceProfile profile = SourceProfile.of(source);
    Instant now = clock.instant();
    List<BackupRef> backups = new ArrayList<>();
    Optional<Versioned<SourceDoc>> seen =
        store.get(
            FleetStore.instancePk(source.instanceId()), FleetStore.SOURCE_SK, SourceDoc.class);
    if (seen.isPresent()) {
      backups.addAll(seen.get().doc().profileFullBackups);
      backups.addAll(seen.get().doc().fullBackups);
    } else if (profile.lastFullBackupAt().isPresent()) {
      for (SourceProfile.DatabaseProfile db : profile.databases()) {
        backups.add(
            new BackupRef(
                source.instanceId() + "." + db.name() + ".full.profile",
                db.name(),
                BackupRef.Kind.FULL,
                Lsn.of(BASE_LSN),
                Lsn.of(BASE_LSN),
                db.sizeBytes(),
                profile.lastFullBackupAt().get(),
                "sim://" + source.instanceId() + "/" + db.name() + "/full-profile.bak"));
      }
    }
    return SimulatedDiscovery.describe(source, profile, backups, now);
  }

  SourceInventory inventory(InstanceRef source) {
    SourceProfile profile = SourceProfile.of(source);
    SourceDoc doc = hosts.source(source, profile).doc();
    long now = clock.millis();
    List<SourceInventory.Database> databases = new ArrayList<>();
    for (SourceProfile.DatabaseProfile db : profile.databases()) {
      DatabaseDoc state = doc.databases.get(db.name());
      databases.add(
          new SourceInventory.Database(
              db.name(),
              db.sizeBytes(),
              db.recoveryModel(),
              new Lsn(java.math.BigInteger.valueOf(state.lsnAt(now)))));
    }
    Optional<MetadataChange> change = hosts.faultsOf(profile).metadataChange();
    if (change.isPresent()
        && now >= doc.firstSeenAt + Duration.ofMinutes(change.get().afterMinutes()).toMillis()) {
      databases = applied(change.get(), databases);
    }
    return new SourceInventory(databases, Math.round(profile.logGbPerHour() * SimulationSpeeds.GB));
  }

  private static List<SourceInventory.Database> applied(
      MetadataChange change, List<SourceInventory.Database> databases) {
    List<SourceInventory.Database> changed = new ArrayList<>();
    for (SourceInventory.Database db : databases) {
      boolean named = db.name().equals(change.database());
      switch (change.kind()) {
        case DATABASE_DROPPED -> {
          if (!named) {
            changed.add(db);
          }
        }
        case RECOVERY_MODEL_CHANGED ->
            changed.add(
                named
                    ? new SourceInventory.Database(
                        db.name(),
                        db.sizeBytes(),
                        db.recoveryModel() == RecoveryModel.FULL
                            ? RecoveryModel.SIMPLE
                            : RecoveryModel.FULL,
                        db.currentLsn())
                    : db);
        case DATABASE_CREATED -> changed.add(db);
      }
    }
    if (change.kind() == MetadataChange.Kind.DATABASE_CREATED
        && changed.stream().noneMatch(db -> db.name().equals(change.database()))) {
      changed.add(
          new SourceInventory.Database(
              change.database(), SimulationSpeeds.GB, RecoveryModel.FULL, Lsn.of(BASE_LSN)));
    }
    return changed;
  }

  List<BackupRef> recentFullBackups(InstanceRef source, Instant now, Duration maxAge) {
    SourceDoc doc = hosts.source(source, SourceProfile.of(source)).doc();
    Instant oldest = now.minus(maxAge);
    List<BackupRef> recent = new ArrayList<>();
    for (List<BackupRef> list : List.of(doc.profileFullBackups, doc.fullBackups)) {
      for (BackupRef backup : list) {
        if (!backup.finishedAt().isAfter(now) && !backup.finishedAt().isBefore(oldest)) {
          recent.add(backup);
        }
      }
    }
    return recent;
  }

  List<String> preSwitchWarnings(InstanceRef source) {
    SourceProfile profile = SourceProfile.of(source);
    List<String> warnings = new ArrayList<>();
    if (profile.longRunningTransactions()) {
      warnings.add(
          "LONG_RUNNING_TRANSACTIONS: long-running transactions are open on "
              + source.instanceId()
              + "; the tail-log backup and its restore will take longer and extend the downtime");
    }
    return warnings;
  }

  /**
   * Log the database generated since its newest backup began (what the next log backup would
   * carry), from its log position: a burst of the profile shows here as it happens.
   */
  long logSinceLastBackup(InstanceRef source, String database) {
    DatabaseDoc db =
        SimulatedHosts.requireDatabase(
            hosts.source(source, SourceProfile.of(source)).doc(), source, database);
    long from = db.lastBackupLsn != null ? db.lastBackupLsn : db.offsetLsn;
    return Math.max(0, db.lsnAt(clock.millis()) - from);
  }

  Optional<OpenTransaction> oldestOpenTransaction(InstanceRef source) {
    Instant now = clock.instant();
    return SourceProfile.of(source).openTransactions().stream()
        .filter(t -> t.openAt(now))
        .min(java.util.Comparator.comparing(SourceProfile.OpenTransactionProfile::startedAt))
        .map(t -> new OpenTransaction(t.database(), "simulated", t.startedAt()));
  }
}
