package dev.sqlup.dataplane.simulated;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.dataplane.TransientDataPlaneException;
import dev.sqlup.dataplane.simulated.FleetStore.Versioned;
import dev.sqlup.dataplane.simulated.SourceDoc.DatabaseDoc;
import dev.sqlup.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Access to the fleet table's host documents: a source's document (created from its profile the
 * first time the simulator sees the instance), a target's, the faults that apply to each, the
 * checks every operation makes on them, and the ids and names the simulator gives backups and
 * targets.
 */
final class SimulatedHosts {
  /** LSN of every database when the simulator first sees it; far enough from 0 to go back 36 h. */
  static final long BASE_LSN = 1_000_000_000_000_000L;

  static final int MAX_CONFLICT_RETRIES = 25;

  private final FleetStore store;
  private final Clock clock;
  private final FaultPlan faults;
  private final SimulationSpeeds speeds;

  SimulatedHosts(FleetStore store, Clock clock, FaultPlan faults, SimulationSpeeds speeds) {
    this.store = store;
    this.clock = clock;
    this.faults = faults;
    this.speeds = speeds;
  }

  /**
   * The source's document, created from its profile the first time the simulator sees the instance.
   */
  Versioned<SourceDoc> source(InstanceRef source, SourceProfile profile) {
    String pk = FleetStore.instancePk(source.instanceId());
    for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      Optional<Versioned<SourceDoc>> read = store.get(pk, FleetStore.SOURCE_SK, SourceDoc.class);
      if (read.isPresent()) {
        return read.get();
      }
      SourceDoc doc = firstSight(source, profile, clock.millis());
      if (store.put(pk, FleetStore.SOURCE_SK, doc, 0)) {
        return new Versioned<>(doc, 1);
      }
    }
    throw contention(source.instanceId());
  }

  private SourceDoc firstSight(InstanceRef source, SourceProfile profile, long now) {
    SourceDoc doc = new SourceDoc();
    doc.instanceId = source.instanceId();
    doc.firstSeenAt = now;
    doc.profileFaults = profileFaultsJson(source);
    for (SourceProfile.DatabaseProfile profiled : profile.databases()) {
      DatabaseDoc db = new DatabaseDoc();
      db.logBytesPerHour = profile.logBytesPerHour(profiled.name());
      db.offsetLsn = BASE_LSN;
      db.activeSince = now;
      for (SourceProfile.LogBurst burst : profile.logBursts()) {
        SourceDoc.BurstDoc b = new SourceDoc.BurstDoc();
        b.from = burst.startsAt().toEpochMilli();
        b.until = burst.endsAt().toEpochMilli();
        b.factor = burst.factor();
        db.bursts.add(b);
      }
      doc.databases.put(profiled.name(), db);
      if (profile.lastFullBackupAt().isPresent()) {
        long at = profile.lastFullBackupAt().get().toEpochMilli();
        long took = speeds.transfer(profiled.sizeBytes(), source.sqlEdition()).toMillis();
        db.lastBackupLsn = db.lsnAt(at);
        doc.profileFullBackups.add(
            new BackupRef(
                source.instanceId() + "." + profiled.name() + ".full.profile",
                profiled.name(),
                BackupRef.Kind.FULL,
                lsn(db.lsnAt(at - took)),
                lsn(db.lastBackupLsn),
                profiled.sizeBytes(),
                Instant.ofEpochMilli(at),
                "sim://" + source.instanceId() + "/" + profiled.name() + "/full-profile.bak"));
      }
    }
    return doc;
  }

  private static String profileFaultsJson(InstanceRef source) {
    String json = source.properties().get(SourceProfile.PROPERTY);
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      Object faults = Json.readObject(json).get("faults");
      return faults == null ? null : Json.write(faults);
    } catch (Json.MalformedJson e) {
      throw new PermanentDataPlaneException("SIM_PROFILE_INVALID: simulation is not JSON", e);
    }
  }

  FaultPlan faultsOf(SourceProfile profile) {
    return faults.overriddenBy(profile.faults());
  }

  /**
   * A target's faults: the configured ones, overridden by those its source's profile carried at
   * creation.
   */
  FaultPlan targetFaults(String profileFaults) {
    return faults.overriddenBy(parseFaults(profileFaults));
  }

  private static FaultPlan parseFaults(String json) {
    return json == null ? FaultPlan.NONE : FaultPlan.parse(json);
  }

  Versioned<TargetDoc> targetDoc(TargetRef target) {
    return store
        .get(
            FleetStore.instancePk(target.instanceId()),
            FleetStore.targetSk(target.targetId()),
            TargetDoc.class)
        .orElseThrow(
            () -> new PermanentDataPlaneException("TARGET_NOT_FOUND: " + target.targetId()));
  }

  static DatabaseDoc requireDatabase(SourceDoc doc, InstanceRef source, String database) {
    DatabaseDoc db = doc.databases.get(database);
    if (db == null) {
      throw new PermanentDataPlaneException(
          "DATABASE_NOT_FOUND: " + database + " on " + source.instanceId());
    }
    return db;
  }

  static void requireOnline(DatabaseDoc db, InstanceRef source, String database, long at) {
    if (db.restoringAt(at)) {
      throw new PermanentDataPlaneException(
          "DATABASE_RESTORING: "
              + database
              + " on "
              + source.instanceId()
              + " is in RESTORING state after its tail-log backup");
    }
  }

  static void requireKind(OperationKey key, OperationKind kind) {
    if (key.kind() != kind) {
      throw new IllegalArgumentException(
          "BAD_OPERATION_KEY: expected " + kind + ", got " + key.kind());
    }
  }

  static long max(long... values) {
    long max = Long.MIN_VALUE;
    for (long v : values) {
      max = Math.max(max, v);
    }
    return max;
  }

  static Lsn lsn(long value) {
    return Lsn.of(value);
  }

  static String targetId(OperationKey createKey, InstanceRef source) {
    return source.instanceId() + "-" + createKey.taskId() + "-target";
  }

  /** A deterministic private VIP for a target (10.x.y.z from the target id). */
  static String vip(String targetId) {
    int h = targetId.hashCode();
    return "10." + ((h >>> 16) & 0xff) + "." + ((h >>> 8) & 0xff) + "." + Math.max(1, h & 0xfe);
  }

  static String backupId(InstanceRef source, String database, String kind, OperationKey key) {
    return source.instanceId()
        + "."
        + database
        + "."
        + kind
        + "."
        + key.taskId()
        + "."
        + key.round();
  }

  static String media(InstanceRef source, String database, String kind, OperationKey key) {
    return "sim://"
        + source.instanceId()
        + "/"
        + database
        + "/"
        + kind
        + "-"
        + key.taskId()
        + "-"
        + key.round()
        + ".bak";
  }

  static TransientDataPlaneException contention(String what) {
    return new TransientDataPlaneException(
        "FLEET_CONTENTION: too many concurrent writers on " + what);
  }
}
