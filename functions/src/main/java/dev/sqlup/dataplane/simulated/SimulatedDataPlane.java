package dev.sqlup.dataplane.simulated;

import dev.sqlup.json.Json;
import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.dataplane.EndpointTtl;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OpenTransaction;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.SourceInventory;
import dev.sqlup.dataplane.SourceInventory.RecoveryModel;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.dataplane.TargetSpec;
import dev.sqlup.dataplane.TransientDataPlaneException;
import dev.sqlup.dataplane.simulated.FaultPlan.MetadataChange;
import dev.sqlup.dataplane.simulated.SourceDoc.DatabaseDoc;
import dev.sqlup.dataplane.simulated.SourceDoc.EndpointDoc;
import dev.sqlup.dataplane.simulated.TargetDoc.Restore;
import dev.sqlup.dataplane.simulated.TargetDoc.RestoredDatabase;
import dev.sqlup.dataplane.simulated.FleetStore.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code simulated} binding: a fleet model that follows the guide's speeds and keeps every bit of
 * state in the fleet table, so any number of stateless Lambdas can drive one upgrade.
 *
 * <p>Each start fixes the operation's schedule at once: the effective start is the later of now and
 * the time its host channel is free (backups on the source one after another, restores on the target
 * one after another), the duration follows from sizes and speeds, and the effects (log chain, source
 * freeze, target restore chain) are written with their times in the same conditional write that
 * reserves the channel. {@code poll} only compares the schedule with the clock, so polling never
 * changes anything and a 6-hour upgrade runs in milliseconds of virtual time.
 */
public final class SimulatedDataPlane implements DataPlane {
  /** LSN of every database when the simulator first sees it; far enough from 0 to go back 36 h. */
  static final long BASE_LSN = 1_000_000_000_000_000L;
  private static final int MAX_CONFLICT_RETRIES = 25;
  /** Plans older than this leave the host document (their operation items stay, so starts stay idempotent). */
  private static final long PLAN_RETENTION_MILLIS = Duration.ofDays(7).toMillis();
  public static final String TABLE_VARIABLE = "FLEET_TABLE";
  /** The endpoint record's TTL until lowered (the guide: JVM clients should cache DNS for 60 s or less). */
  public static final long DEFAULT_ENDPOINT_TTL_SECONDS = 60;

  private final FleetStore store;
  private final Clock clock;
  private final FaultPlan faults;
  private final SimulationSpeeds speeds;

  /**
   * @param dynamo client of the table's DynamoDB
   * @param tableName the fleet table (template: {@code FleetTable}, env {@code FLEET_TABLE})
   * @param clock the (virtual) time every duration is measured against
   * @param faults configured faults (env {@code SIM_FAULTS}); a profile's own {@code faults} override it
   */
  public SimulatedDataPlane(DynamoDbClient dynamo, String tableName, Clock clock, FaultPlan faults) {
    this(dynamo, tableName, clock, faults, SimulationSpeeds.GUIDE);
  }

  /**
   * The binding as a Lambda builds it: table from {@code FLEET_TABLE}, faults from {@code SIM_FAULTS}.
   * A missing table name or bad fault JSON fails here, at cold start, with a stable code.
   */
  public static SimulatedDataPlane fromEnvironment(DynamoDbClient dynamo, Map<String, String> environment, Clock clock) {
    String table = environment.get(TABLE_VARIABLE);
    if (table == null || table.isBlank()) {
      throw new IllegalArgumentException("SIM_CONFIG_INVALID: " + TABLE_VARIABLE + " is not set");
    }
    return new SimulatedDataPlane(dynamo, table, clock, FaultPlan.parse(environment.get(FaultPlan.ENVIRONMENT_VARIABLE)));
  }

  public SimulatedDataPlane(DynamoDbClient dynamo, String tableName, Clock clock, FaultPlan faults, SimulationSpeeds speeds) {
    this.store = new FleetStore(dynamo, tableName);
    this.clock = clock;
    this.faults = faults;
    this.speeds = speeds;
  }

  // ---- source reads ---------------------------------------------------------------------------

  /**
   * The model as a discovered inventory. Read-only: the fleet document is read when the simulator has
   * already seen the instance (its full backups), never created, so discovering changes nothing.
   */
  @Override
  public dev.sqlup.domain.SourceInventory describeSource(InstanceRef source) {
    SourceProfile profile = SourceProfile.of(source);
    Instant now = clock.instant();
    List<BackupRef> backups = new ArrayList<>();
    Optional<Versioned<SourceDoc>> seen = store.get(FleetStore.instancePk(source.instanceId()), FleetStore.SOURCE_SK,
        SourceDoc.class);
    if (seen.isPresent()) {
      backups.addAll(seen.get().doc().profileFullBackups);
      backups.addAll(seen.get().doc().fullBackups);
    } else if (profile.lastFullBackupAt().isPresent()) {
      for (SourceProfile.DatabaseProfile db : profile.databases()) {
        backups.add(new BackupRef(source.instanceId() + "." + db.name() + ".full.profile", db.name(),
            BackupRef.Kind.FULL, Lsn.of(BASE_LSN), Lsn.of(BASE_LSN), db.sizeBytes(), profile.lastFullBackupAt().get(),
            "sim://" + source.instanceId() + "/" + db.name() + "/full-profile.bak"));
      }
    }
    return SimulatedDiscovery.describe(source, profile, backups, now);
  }

  @Override
  public SourceInventory inventory(InstanceRef source) {
    SourceProfile profile = SourceProfile.of(source);
    SourceDoc doc = source(source, profile).doc();
    long now = clock.millis();
    List<SourceInventory.Database> databases = new ArrayList<>();
    for (SourceProfile.DatabaseProfile db : profile.databases()) {
      DatabaseDoc state = doc.databases.get(db.name());
      databases.add(new SourceInventory.Database(db.name(), db.sizeBytes(), db.recoveryModel(),
          new Lsn(java.math.BigInteger.valueOf(state.lsnAt(now)))));
    }
    Optional<MetadataChange> change = faultsOf(profile).metadataChange();
    if (change.isPresent() && now >= doc.firstSeenAt + Duration.ofMinutes(change.get().afterMinutes()).toMillis()) {
      databases = applied(change.get(), databases);
    }
    return new SourceInventory(databases, Math.round(profile.logGbPerHour() * SimulationSpeeds.GB));
  }

  private static List<SourceInventory.Database> applied(MetadataChange change, List<SourceInventory.Database> databases) {
    List<SourceInventory.Database> changed = new ArrayList<>();
    for (SourceInventory.Database db : databases) {
      boolean named = db.name().equals(change.database());
      switch (change.kind()) {
        case DATABASE_DROPPED -> {
          if (!named) {
            changed.add(db);
          }
        }
        case RECOVERY_MODEL_CHANGED -> changed.add(named
            ? new SourceInventory.Database(db.name(), db.sizeBytes(),
                db.recoveryModel() == RecoveryModel.FULL ? RecoveryModel.SIMPLE : RecoveryModel.FULL, db.currentLsn())
            : db);
        case DATABASE_CREATED -> changed.add(db);
      }
    }
    if (change.kind() == MetadataChange.Kind.DATABASE_CREATED
        && changed.stream().noneMatch(db -> db.name().equals(change.database()))) {
      changed.add(new SourceInventory.Database(change.database(), SimulationSpeeds.GB, RecoveryModel.FULL, Lsn.of(BASE_LSN)));
    }
    return changed;
  }

  @Override
  public List<BackupRef> recentFullBackups(InstanceRef source, Instant now, Duration maxAge) {
    SourceDoc doc = source(source, SourceProfile.of(source)).doc();
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

  @Override
  public List<String> preSwitchWarnings(InstanceRef source) {
    SourceProfile profile = SourceProfile.of(source);
    List<String> warnings = new ArrayList<>();
    if (profile.longRunningTransactions()) {
      warnings.add("LONG_RUNNING_TRANSACTIONS: long-running transactions are open on " + source.instanceId()
          + "; the tail-log backup and its restore will take longer and extend the downtime");
    }
    return warnings;
  }

  @Override
  public Optional<OpenTransaction> oldestOpenTransaction(InstanceRef source) {
    Instant now = clock.instant();
    return SourceProfile.of(source).openTransactions().stream().filter(t -> t.openAt(now))
        .min(java.util.Comparator.comparing(SourceProfile.OpenTransactionProfile::startedAt))
        .map(t -> new OpenTransaction(t.database(), "simulated", t.startedAt()));
  }

  // ---- source operations ----------------------------------------------------------------------

  @Override
  public Operation startFullBackup(OperationKey key, InstanceRef source, String database) {
    requireKind(key, OperationKind.FULL_BACKUP);
    SourceProfile profile = SourceProfile.of(source);
    return startOnSource(key, source, profile, (doc, now, fault) -> {
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
      BackupRef backup = new BackupRef(backupId(source, database, "full", key), database, BackupRef.Kind.FULL,
          lsn(db.lsnAt(start)), lsn(db.lsnAt(end)), size, Instant.ofEpochMilli(end),
          media(source, database, "full", key));
      db.lastBackupLsn = db.lsnAt(end);
      doc.fullBackups.add(backup);
      return succeeded(key, now, start, end, backup, null, fault);
    });
  }

  @Override
  public Operation startLogBackup(OperationKey key, InstanceRef source, String database, boolean tail) {
    requireKind(key, tail ? OperationKind.TAIL_LOG_BACKUP : OperationKind.LOG_BACKUP);
    SourceProfile profile = SourceProfile.of(source);
    return startOnSource(key, source, profile, (doc, now, fault) -> {
      DatabaseDoc db = requireDatabase(doc, source, database);
      if (profile.database(database).orElseThrow().recoveryModel() == RecoveryModel.SIMPLE) {
        throw new PermanentDataPlaneException("RECOVERY_MODEL_SIMPLE: " + database + " cannot back up its log");
      }
      if (db.lastBackupLsn == null) {
        throw new PermanentDataPlaneException("NO_FULL_BACKUP: the log chain of " + database + " has no full backup");
      }
      // The fixed overhead (job start, log scan) overlaps other work; only the bytes queue on the channel,
      // so the tail backups of several databases run side by side and the downtime stays short.
      long start = now;
      requireOnline(db, source, database, start);
      long first = db.lastBackupLsn;
      long last = db.lsnAt(start);
      long size = last - first;
      Duration overhead = tail ? speeds.tailOverhead() : speeds.logOverhead();
      long duration = slowed(speeds.transfer(size, source.sqlEdition()).plus(overhead), key, fault);
      if (fault.failsPermanently(key)) {
        return failed(key, now, start, duration, doc, fault);
      }
      long end = queuedEnd(start, overhead, duration, doc.backupChannelFreeAt);
      doc.backupChannelFreeAt = end;
      if (tail) {
        // WITH NORECOVERY: the database goes RESTORING when the tail backup begins; writes stop there.
        db.frozenAt = start;
      }
      db.lastBackupLsn = last;
      String kind = tail ? "tail" : "log";
      BackupRef backup = new BackupRef(backupId(source, database, kind, key), database, BackupRef.Kind.LOG,
          lsn(first), lsn(last), size, Instant.ofEpochMilli(end), media(source, database, kind, key));
      return succeeded(key, now, start, end, backup, null, fault);
    });
  }

  @Override
  public void recoverSource(InstanceRef source, String database) {
    SourceProfile profile = SourceProfile.of(source);
    for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      Versioned<SourceDoc> read = source(source, profile);
      SourceDoc doc = read.doc();
      long now = clock.millis();
      DatabaseDoc db = requireDatabase(doc, source, database);
      if (db.frozenAt == null) {
        return;
      }
      if (doc.endpoint != null && doc.endpoint.switchedAt <= now) {
        throw new PermanentDataPlaneException("ENDPOINT_ALREADY_MOVED: " + source.instanceId()
            + " points at " + doc.endpoint.targetId + "; the source cannot take writes again");
      }
      long resumeAt = Math.max(now, db.frozenAt);
      db.offsetLsn = db.lsnAt(db.frozenAt);
      db.activeSince = resumeAt;
      db.frozenAt = null;
      doc.countEffect("RECOVER_SOURCE");
      if (store.put(FleetStore.instancePk(source.instanceId()), FleetStore.SOURCE_SK, doc, read.version())) {
        return;
      }
    }
    throw contention(source.instanceId());
  }

  /** ONLINE, or RESTORING once a tail-log backup has begun (writes stopped) until {@link #recoverSource}. */
  public DatabaseState databaseState(InstanceRef source, String database) {
    DatabaseDoc db = requireDatabase(source(source, SourceProfile.of(source)).doc(), source, database);
    return db.restoringAt(clock.millis()) ? DatabaseState.RESTORING : DatabaseState.ONLINE;
  }

  /** The state of a simulated source database. */
  public enum DatabaseState { ONLINE, RESTORING }

  // ---- target operations ----------------------------------------------------------------------

  @Override
  public Operation startCreateTarget(OperationKey key, InstanceRef source, TargetSpec spec) {
    requireKind(key, OperationKind.CREATE_TARGET);
    SourceProfile profile = SourceProfile.of(source);
    SourceDoc sourceDoc = source(source, profile).doc();
    String targetId = targetId(key, source);
    TargetRef ref = new TargetRef(targetId, source.instanceId(), vip(targetId), source.port(),
        spec.engineVersion(), spec.sqlEdition(), source.binding());
    return start(key, FleetStore.instancePk(source.instanceId()), FleetStore.targetSk(targetId), TargetDoc.class,
        TargetDoc::new, doc -> doc.ops, doc -> faults.overriddenBy(parseFaults(sourceDoc.profileFaults)),
        (doc, now, fault) -> {
          if (doc.ref != null) {
            throw new PermanentDataPlaneException("TARGET_EXISTS: " + targetId + " was created by another operation");
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

  @Override
  public Operation startRestoreFull(OperationKey key, TargetRef target, BackupRef fullBackup) {
    requireKind(key, OperationKind.RESTORE_FULL);
    if (fullBackup.kind() != BackupRef.Kind.FULL) {
      throw new PermanentDataPlaneException("NOT_A_FULL_BACKUP: " + fullBackup.backupId());
    }
    return startOnTarget(key, target, (doc, now, fault) -> {
      long start = max(now, doc.restoreChannelFreeAt, doc.readyAt, fullBackup.finishedAt().toEpochMilli());
      long duration = slowed(speeds.transfer(fullBackup.sizeBytes(), target.sqlEdition()), key, fault);
      if (fault.failsPermanently(key)) {
        return failed(key, now, start, duration, doc, fault);
      }
      long end = start + duration;
      doc.restoreChannelFreeAt = end;
      RestoredDatabase db = doc.databases.computeIfAbsent(fullBackup.database(), d -> new RestoredDatabase());
      db.chainLsn = fullBackup.lastLsn().value().longValueExact();
      db.recoveredAt = null;
      db.restores.add(new Restore(db.chainLsn, end));
      doc.countEffect(key.kind().name());
      return succeeded(key, now, start, end, null, null, fault);
    });
  }

  @Override
  public Operation startRestoreLog(OperationKey key, TargetRef target, BackupRef logBackup) {
    if (key.kind() != OperationKind.RESTORE_LOG && key.kind() != OperationKind.RESTORE_TAIL) {
      throw new IllegalArgumentException("BAD_OPERATION_KEY: expected RESTORE_LOG or RESTORE_TAIL, got " + key.kind());
    }
    if (logBackup.kind() != BackupRef.Kind.LOG) {
      throw new PermanentDataPlaneException("NOT_A_LOG_BACKUP: " + logBackup.backupId());
    }
    boolean tail = key.kind() == OperationKind.RESTORE_TAIL || logBackup.backupId().contains(".tail.");
    return startOnTarget(key, target, (doc, now, fault) -> {
      RestoredDatabase db = doc.databases.get(logBackup.database());
      if (db == null || db.chainLsn == null) {
        throw new PermanentDataPlaneException("LSN chain broken: no full backup of " + logBackup.database()
            + " restored on " + target.targetId());
      }
      long start = Math.max(now, logBackup.finishedAt().toEpochMilli());
      if (db.recoveredAt != null && db.recoveredAt <= start) {
        throw new PermanentDataPlaneException("DATABASE_RECOVERED: " + logBackup.database()
            + " is online on the target; no further log can be restored");
      }
      long first = logBackup.firstLsn().value().longValueExact();
      if (first != db.chainLsn) {
        throw new PermanentDataPlaneException("LSN chain broken: log backup " + logBackup.backupId() + " starts at "
            + first + " but " + logBackup.database() + " is restored up to " + db.chainLsn);
      }
      Duration overhead = tail ? speeds.tailOverhead() : speeds.logOverhead();
      long duration = slowed(speeds.transfer(logBackup.sizeBytes(), target.sqlEdition()).plus(overhead), key, fault);
      if (fault.failsPermanently(key)) {
        return failed(key, now, start, duration, doc, fault);
      }
      long end = queuedEnd(start, overhead, duration, doc.restoreChannelFreeAt);
      doc.restoreChannelFreeAt = end;
      db.chainLsn = logBackup.lastLsn().value().longValueExact();
      db.restores.add(new Restore(db.chainLsn, end));
      doc.countEffect(key.kind().name());
      return succeeded(key, now, start, end, null, null, fault);
    });
  }

  /**
   * When an operation that starts at {@code start} ends: its fixed {@code overhead} runs at once, its
   * bytes (the rest of {@code duration}) wait for the channel to be free.
   */
  private static long queuedEnd(long start, Duration overhead, long duration, long channelFreeAt) {
    long overheadMillis = Math.min(overhead.toMillis(), duration);
    return Math.max(start + overheadMillis, channelFreeAt) + (duration - overheadMillis);
  }

  @Override
  public Operation startRecoverTarget(OperationKey key, TargetRef target, String database, boolean acceleratedRecovery) {
    requireKind(key, OperationKind.RECOVER_TARGET);
    return startOnTarget(key, target, (doc, now, fault) -> {
      RestoredDatabase db = doc.databases.get(database);
      if (db == null || db.chainLsn == null) {
        throw new PermanentDataPlaneException("NOT_RESTORED: " + database + " was never restored on " + target.targetId());
      }
      // Recovery (undo/redo of a small tail) moves no backup bytes: databases recover side by side.
      long start = now;
      Duration recovery = acceleratedRecovery
          ? Duration.ofMillis(Math.round(speeds.recoverDatabase().toMillis() * speeds.acceleratedRecoveryFactor()))
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

  @Override
  public Operation startMoveEndpoint(OperationKey key, InstanceRef source, TargetRef target) {
    requireKind(key, OperationKind.MOVE_ENDPOINT);
    SourceProfile profile = SourceProfile.of(source);
    TargetDoc targetDoc = targetDoc(target).doc();
    return startOnSource(key, source, profile, (doc, now, fault) -> {
      if (!targetDoc.liveAt(now) || targetDoc.readyAt > now) {
        throw new PermanentDataPlaneException("TARGET_NOT_READY: " + target.targetId() + " cannot take the endpoint");
      }
      // Every client resolves to the target once the change has propagated and its cached answer has
      // expired: the record's TTL now, but answers cached before the TTL was lowered live their old TTL.
      long ttl = doc.endpointTtlSeconds != null ? doc.endpointTtlSeconds : DEFAULT_ENDPOINT_TTL_SECONDS;
      long resolvedAt = now + speeds.dnsPropagation().toMillis() + ttl * 1000;
      if (doc.ttlLoweredAt != null) {
        resolvedAt = Math.max(resolvedAt, doc.ttlLoweredAt + doc.cachedTtlSeconds * 1000);
      }
      long dns = slowed(Duration.ofMillis(resolvedAt - now), key, fault);
      if (fault.failsPermanently(key)) {
        return failed(key, now, now, dns, null, fault);
      }
      EndpointDoc endpoint = new EndpointDoc();
      endpoint.vip = target.host();
      endpoint.targetId = target.targetId();
      endpoint.switchedAt = now + dns;
      endpoint.drainedAt = endpoint.switchedAt + speeds.connectionMigration().toMillis();
      doc.endpoint = endpoint;
      // The operation succeeds when the endpoint resolves to the target: that ends the downtime. The
      // old VIP keeps draining for connectionMigration afterwards (see endpointState).
      return succeeded(key, now, now, endpoint.switchedAt, null, target, fault);
    });
  }

  @Override
  public EndpointTtl lowerEndpointTtl(OperationKey key, InstanceRef source, long ttlSeconds) {
    requireKind(key, OperationKind.LOWER_ENDPOINT_TTL);
    SourceProfile profile = SourceProfile.of(source);
    for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      Versioned<SourceDoc> read = source(source, profile);
      SourceDoc doc = read.doc();
      long now = clock.millis();
      if (doc.ttlLoweredAt != null) {
        return new EndpointTtl(doc.cachedTtlSeconds, doc.endpointTtlSeconds, Instant.ofEpochMilli(doc.ttlLoweredAt));
      }
      long current = doc.endpointTtlSeconds != null ? doc.endpointTtlSeconds : DEFAULT_ENDPOINT_TTL_SECONDS;
      if (ttlSeconds >= current) {
        return new EndpointTtl(current, current, Instant.ofEpochMilli(now));
      }
      doc.cachedTtlSeconds = current;
      doc.endpointTtlSeconds = ttlSeconds;
      doc.ttlLoweredAt = now;
      doc.countEffect(OperationKind.LOWER_ENDPOINT_TTL.name());
      if (store.put(FleetStore.instancePk(source.instanceId()), FleetStore.SOURCE_SK, doc, read.version())) {
        return new EndpointTtl(current, ttlSeconds, Instant.ofEpochMilli(now));
      }
    }
    throw contention(source.instanceId());
  }

  @Override
  public void dropTarget(OperationKey createKey, InstanceRef source) {
    String targetId = targetId(createKey, source);
    String pk = FleetStore.instancePk(source.instanceId());
    for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      Optional<Versioned<TargetDoc>> read = store.get(pk, FleetStore.targetSk(targetId), TargetDoc.class);
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

  @Override
  public Lsn lastRestoredLsn(TargetRef target, String database) {
    RestoredDatabase db = targetDoc(target).doc().databases.get(database);
    Long lsn = db == null ? null : db.restoredLsnAt(clock.millis());
    return lsn == null ? Lsn.ZERO : Lsn.of(lsn);
  }

  // ---- poll -----------------------------------------------------------------------------------

  @Override
  public OperationStatus poll(OperationKey key) {
    Plan plan = store.operation(key)
        .orElseThrow(() -> new PermanentDataPlaneException("UNKNOWN_OPERATION: " + key.render()));
    if (plan.transientProbability() > 0) {
      FaultPlan pollFaults = new FaultPlan(plan.faultSeed(), plan.transientProbability(), 0, 0, 1, Optional.empty(), Optional.empty());
      long attempt = store.nextAttempt(key, "poll");
      if (pollFaults.transientOnPoll(key, attempt)) {
        throw new TransientDataPlaneException("SIMULATED_TRANSIENT: poll " + attempt + " of " + key.render());
      }
    }
    long now = clock.millis();
    if (now < plan.endAt()) {
      long span = plan.endAt() - plan.startAt();
      double percent = now <= plan.startAt() || span == 0 ? 0 : 100.0 * (now - plan.startAt()) / span;
      return new OperationStatus(key, OperationStatus.State.RUNNING, percent, ceilSeconds(plan.endAt() - now), null, null, null);
    }
    if (plan.failed()) {
      return new OperationStatus(key, OperationStatus.State.FAILED, 100, 0, null, null, plan.error());
    }
    return new OperationStatus(key, OperationStatus.State.SUCCEEDED, 100, 0, plan.backup(), plan.target(), null);
  }

  // ---- inspection for tests and invariants ----------------------------------------------------

  /** Targets of an instance that exist now (created, not dropped). */
  public List<TargetRef> targetsOf(String instanceId) {
    long now = clock.millis();
    return store.query(FleetStore.instancePk(instanceId), "TARGET#", TargetDoc.class).stream()
        .filter(t -> t.liveAt(now))
        .map(t -> t.ref)
        .toList();
  }

  /** Every target ever created for an instance, dropped ones included. */
  public int targetsEverCreated(String instanceId) {
    return (int) store.query(FleetStore.instancePk(instanceId), "TARGET#", TargetDoc.class).stream()
        .filter(t -> t.effects.containsKey(OperationKind.CREATE_TARGET.name()))
        .count();
  }

  /**
   * How many times each effect happened on an instance and its targets: operation kinds (counted when a
   * start takes effect, never on a repeated start or a poll), {@code RECOVER_SOURCE}, {@code DROP_TARGET}.
   */
  public Map<String, Integer> effectCounts(String instanceId) {
    Map<String, Integer> counts = new TreeMap<>();
    store.get(FleetStore.instancePk(instanceId), FleetStore.SOURCE_SK, SourceDoc.class)
        .ifPresent(s -> s.doc().effects.forEach((k, v) -> counts.merge(k, v, Integer::sum)));
    for (TargetDoc target : store.query(FleetStore.instancePk(instanceId), "TARGET#", TargetDoc.class)) {
      target.effects.forEach((k, v) -> counts.merge(k, v, Integer::sum));
    }
    return counts;
  }

  /** Where the endpoint points, if it was ever moved. */
  public Optional<EndpointState> endpointState(InstanceRef source) {
    return store.get(FleetStore.instancePk(source.instanceId()), FleetStore.SOURCE_SK, SourceDoc.class)
        .map(Versioned::doc)
        .filter(doc -> doc.endpoint != null)
        .map(doc -> new EndpointState(source.endpoint(), doc.endpoint.vip, doc.endpoint.targetId,
            Instant.ofEpochMilli(doc.endpoint.switchedAt), Instant.ofEpochMilli(doc.endpoint.drainedAt)));
  }

  // ---- machinery ------------------------------------------------------------------------------

  /** Plans one operation against a host document, mutating it; throws to refuse the start. */
  @FunctionalInterface
  private interface Planner<D> {
    Plan plan(D doc, long now, FaultPlan fault);
  }

  private Operation startOnSource(OperationKey key, InstanceRef source, SourceProfile profile, Planner<SourceDoc> planner) {
    source(source, profile);
    return start(key, FleetStore.instancePk(source.instanceId()), FleetStore.SOURCE_SK, SourceDoc.class,
        () -> { throw new IllegalStateException("source document vanished"); },
        doc -> doc.ops, doc -> faultsOf(profile),
        (doc, now, fault) -> {
          Plan plan = planner.plan(doc, now, fault);
          if (!plan.failed()) {
            doc.countEffect(key.kind().name());
          }
          return plan;
        });
  }

  private Operation startOnTarget(OperationKey key, TargetRef target, Planner<TargetDoc> planner) {
    String sk = FleetStore.targetSk(target.targetId());
    return start(key, FleetStore.instancePk(target.instanceId()), sk, TargetDoc.class,
        () -> { throw new PermanentDataPlaneException("TARGET_NOT_FOUND: " + target.targetId()); },
        doc -> doc.ops, doc -> faults.overriddenBy(parseFaults(doc.profileFaults)),
        (doc, now, fault) -> {
          if (!doc.liveAt(now)) {
            throw new PermanentDataPlaneException("TARGET_NOT_FOUND: " + target.targetId() + " was dropped");
          }
          return planner.plan(doc, now, fault);
        });
  }

  /**
   * The one start path: an existing operation is returned as is; otherwise fault checks, then plan and
   * write the host document under its version (retrying on conflict), then the operation item.
   */
  private <D> Operation start(OperationKey key, String pk, String sk, Class<D> type, java.util.function.Supplier<D> fresh,
      java.util.function.Function<D, Map<String, Plan>> opsOf, java.util.function.Function<D, FaultPlan> faultsOf,
      Planner<D> planner) {
    Optional<Plan> existing = store.operation(key);
    if (existing.isPresent()) {
      return operation(existing.get());
    }
    boolean faultsChecked = false;
    for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      Optional<Versioned<D>> read = store.get(pk, sk, type);
      D doc = read.map(Versioned::doc).orElseGet(fresh);
      long version = read.map(Versioned::version).orElse(0L);
      Plan planned = opsOf.apply(doc).get(key.render());
      if (planned != null) {
        // The host took the operation but its item was not written (a crash in between): finish that.
        store.putOperation(planned);
        return operation(planned);
      }
      FaultPlan fault = faultsOf.apply(doc);
      if (!faultsChecked) {
        checkStartFaults(key, fault);
        faultsChecked = true;
      }
      long now = clock.millis();
      Plan plan = planner.plan(doc, now, fault);
      opsOf.apply(doc).values().removeIf(old -> old.endAt() < now - PLAN_RETENTION_MILLIS);
      opsOf.apply(doc).put(key.render(), plan);
      if (store.put(pk, sk, doc, version)) {
        store.putOperation(plan);
        return operation(plan);
      }
    }
    throw contention(pk + "/" + sk);
  }

  private void checkStartFaults(OperationKey key, FaultPlan fault) {
    if (fault.rejectsStart(key)) {
      throw new PermanentDataPlaneException("SIMULATED_PERMANENT: start of " + key.render() + " refused");
    }
    if (fault.hasTransientFaults()) {
      long attempt = store.nextAttempt(key, "start");
      if (fault.transientOnStart(key, attempt)) {
        throw new TransientDataPlaneException("SIMULATED_TRANSIENT: start attempt " + attempt + " of " + key.render());
      }
    }
  }

  /** The source's document, created from its profile the first time the simulator sees the instance. */
  private Versioned<SourceDoc> source(InstanceRef source, SourceProfile profile) {
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
      doc.databases.put(profiled.name(), db);
      if (profile.lastFullBackupAt().isPresent()) {
        long at = profile.lastFullBackupAt().get().toEpochMilli();
        long took = speeds.transfer(profiled.sizeBytes(), source.sqlEdition()).toMillis();
        db.lastBackupLsn = db.lsnAt(at);
        doc.profileFullBackups.add(new BackupRef(source.instanceId() + "." + profiled.name() + ".full.profile",
            profiled.name(), BackupRef.Kind.FULL, lsn(db.lsnAt(at - took)), lsn(db.lastBackupLsn), profiled.sizeBytes(),
            Instant.ofEpochMilli(at), "sim://" + source.instanceId() + "/" + profiled.name() + "/full-profile.bak"));
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

  private FaultPlan faultsOf(SourceProfile profile) {
    return faults.overriddenBy(profile.faults());
  }

  private static FaultPlan parseFaults(String json) {
    return json == null ? FaultPlan.NONE : FaultPlan.parse(json);
  }

  private Versioned<TargetDoc> targetDoc(TargetRef target) {
    return store.get(FleetStore.instancePk(target.instanceId()), FleetStore.targetSk(target.targetId()), TargetDoc.class)
        .orElseThrow(() -> new PermanentDataPlaneException("TARGET_NOT_FOUND: " + target.targetId()));
  }

  private static DatabaseDoc requireDatabase(SourceDoc doc, InstanceRef source, String database) {
    DatabaseDoc db = doc.databases.get(database);
    if (db == null) {
      throw new PermanentDataPlaneException("DATABASE_NOT_FOUND: " + database + " on " + source.instanceId());
    }
    return db;
  }

  private static void requireOnline(DatabaseDoc db, InstanceRef source, String database, long at) {
    if (db.restoringAt(at)) {
      throw new PermanentDataPlaneException("DATABASE_RESTORING: " + database + " on " + source.instanceId()
          + " is in RESTORING state after its tail-log backup");
    }
  }

  private static void requireKind(OperationKey key, OperationKind kind) {
    if (key.kind() != kind) {
      throw new IllegalArgumentException("BAD_OPERATION_KEY: expected " + kind + ", got " + key.kind());
    }
  }

  private static long slowed(Duration duration, OperationKey key, FaultPlan fault) {
    return Math.round(duration.toMillis() * fault.slowdown(key));
  }

  private static Plan succeeded(OperationKey key, long now, long start, long end, BackupRef backup, TargetRef target, FaultPlan fault) {
    return new Plan(key, now, start, end, false, null, backup, target, fault.seed(), fault.transientProbability());
  }

  /**
   * A drawn permanent failure: the operation holds its channel until it fails halfway and leaves no
   * effect (no chain advance, no freeze).
   */
  private static Plan failed(OperationKey key, long now, long start, long duration, Object host, FaultPlan fault) {
    long failAt = start + duration / 2;
    if (host instanceof SourceDoc source) {
      source.backupChannelFreeAt = failAt;
    } else if (host instanceof TargetDoc target) {
      target.restoreChannelFreeAt = failAt;
    }
    return new Plan(key, now, start, failAt, true, "SIMULATED_PERMANENT: " + key.kind() + " failed on "
        + key.database(), null, null, fault.seed(), fault.transientProbability());
  }

  private static Operation operation(Plan plan) {
    return new Operation(plan.key(), Instant.ofEpochMilli(plan.startAt()), ceilSeconds(plan.endAt() - plan.startAt()));
  }

  private static long ceilSeconds(long millis) {
    return (millis + 999) / 1000;
  }

  private static long max(long... values) {
    long max = Long.MIN_VALUE;
    for (long v : values) {
      max = Math.max(max, v);
    }
    return max;
  }

  private static Lsn lsn(long value) {
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

  private static String backupId(InstanceRef source, String database, String kind, OperationKey key) {
    return source.instanceId() + "." + database + "." + kind + "." + key.taskId() + "." + key.round();
  }

  private static String media(InstanceRef source, String database, String kind, OperationKey key) {
    return "sim://" + source.instanceId() + "/" + database + "/" + kind + "-" + key.taskId() + "-" + key.round() + ".bak";
  }

  private static TransientDataPlaneException contention(String what) {
    return new TransientDataPlaneException("FLEET_CONTENTION: too many concurrent writers on " + what);
  }
}
