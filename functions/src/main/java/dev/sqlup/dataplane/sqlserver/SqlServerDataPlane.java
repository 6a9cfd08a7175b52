package dev.sqlup.dataplane.sqlserver;

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
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.dataplane.TargetSpec;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The real data plane: T-SQL over mssql-jdbc on self-managed SQL Server hosts, long operations as SQL
 * Server Agent jobs on the instance doing the work, the endpoint as a Route 53 record.
 *
 * <p>Instance properties read (InstanceRef.properties): {@code backupLocation} (required: a share or
 * path both hosts reach, or an {@code s3://} URL with a SQL Server credential on both, SQL Server 2022),
 * {@code backupStripes} (files per full backup, default 4), {@code trustServerCertificate} (explicit TLS
 * opt-out), {@code route53ZoneId}, {@code route53RecordName} (default: the instance endpoint),
 * {@code route53RecordType} (CNAME default, or A), {@code route53Ttl} (default 60, at most 60),
 * {@code compatibilityLevel} (raise to this level after recovery; default: kept), {@code postUpgradeCheckDb},
 * {@code postUpgradeUpdateStats} (true/false), {@code longTransactionMinutes} (warning threshold, default 10),
 * {@code targetPort} (the pool host's port when it cannot equal the source's, e.g. containers; default: the source port).
 */
public final class SqlServerDataPlane implements DataPlane {
  /** The guide's speeds: 200 GB/h full backup and restore, 100 GB/h on Web (no compression). */
  private static final long BYTES_PER_HOUR = 200L * 1024 * 1024 * 1024;
  private static final long LOG_OVERHEAD_SECONDS = 120;

  private static final String DATABASES = """
      SELECT d.name, d.recovery_model_desc, ls.log_end_lsn,
             (SELECT SUM(CAST(mf.size AS bigint)) * 8192 FROM sys.master_files mf WHERE mf.database_id = d.database_id AND mf.type = 0) AS data_bytes
        FROM sys.databases d
       CROSS APPLY sys.dm_db_log_stats(d.database_id) ls
       WHERE d.database_id > 4 AND d.state_desc = 'ONLINE' AND d.source_database_id IS NULL
       ORDER BY d.name
      """;
  private static final String DATABASE_STATE = "SELECT state_desc, recovery_model_desc FROM sys.databases WHERE name = ?";
  private static final String DATA_BYTES = "SELECT SUM(CAST(size AS bigint)) * 8192 FROM sys.master_files WHERE database_id = DB_ID(?) AND type = 0";
  /** restorehistory: https://learn.microsoft.com/en-us/sql/relational-databases/system-tables/restorehistory-transact-sql */
  private static final String LAST_RESTORED = """
      SELECT MAX(bs.last_lsn) FROM msdb.dbo.restorehistory rh
        JOIN msdb.dbo.backupset bs ON bs.backup_set_id = rh.backup_set_id
       WHERE rh.destination_database_name = ?
      """;
  /** sys.dm_tran_active_transactions / sys.dm_tran_database_transactions / sys.dm_tran_session_transactions (system-dynamic-management-views). */
  private static final String LONG_TRANSACTIONS = """
      SELECT DB_NAME(dt.database_id) AS db, st.session_id, DATEDIFF(MINUTE, at.transaction_begin_time, GETDATE()) AS minutes
        FROM sys.dm_tran_database_transactions dt
        JOIN sys.dm_tran_active_transactions at ON at.transaction_id = dt.transaction_id
        JOIN sys.dm_tran_session_transactions st ON st.transaction_id = dt.transaction_id
       WHERE dt.database_id > 4 AND at.transaction_begin_time < DATEADD(MINUTE, -?, GETDATE())
      """;
  /** The TTL the workflow lowers the endpoint record to ahead of the switch (see EndpointTtl). */
  static final long LOWERED_TTL_SECONDS = 5;
  private static final String OLDEST_OPEN_TRANSACTION = """
      SELECT TOP (1) DB_NAME(dt.database_id) AS db, st.session_id,
             DATEDIFF(SECOND, at.transaction_begin_time, GETDATE()) AS age_seconds
        FROM sys.dm_tran_database_transactions dt
        JOIN sys.dm_tran_active_transactions at ON at.transaction_id = dt.transaction_id
        JOIN sys.dm_tran_session_transactions st ON st.transaction_id = dt.transaction_id
       WHERE dt.database_id > 4
       ORDER BY at.transaction_begin_time
      """;
  private static final String INDEX_WORK = """
      SELECT r.session_id, DB_NAME(r.database_id) AS db, r.command, r.percent_complete
        FROM sys.dm_exec_requests r
       WHERE r.command IN ('ALTER INDEX', 'CREATE INDEX', 'DBCC DBREINDEX', 'DBCC INDEXDEFRAG', 'ALTER TABLE') AND r.database_id > 4
      """;

  private final SqlConnector connector;
  private final OperationJournal journal;
  private final TargetHostPool pool;
  private final Route53Endpoint route53;
  private final Clock clock;
  private final int queryTimeoutSeconds;
  private final AgentJobs jobs;
  private final TargetConfigurator configurator;

  public SqlServerDataPlane(SqlConnector connector, OperationJournal journal, TargetHostPool pool, Route53Endpoint route53,
      Clock clock, int queryTimeoutSeconds) {
    this.connector = connector;
    this.journal = journal;
    this.pool = pool;
    this.route53 = route53;
    this.clock = clock;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    this.jobs = new AgentJobs(queryTimeoutSeconds);
    this.configurator = new TargetConfigurator(queryTimeoutSeconds);
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T on(SqlEndpoint endpoint, String what, SqlWork<T> work) {
    try (Connection connection = connector.open(endpoint)) {
      return work.run(connection);
    } catch (SQLException e) {
      throw SqlErrors.translate(what, e);
    }
  }

  // ---------------------------------------------------------------- inventory and history

  /**
   * Discovery ({@link SourceDiscovery}, queries in {@link CatalogQueries}); properties
   * {@code logRateWindowHours} (msdb log backups considered, default 72) and {@code logSampleSeconds}
   * (interval of the two log-file samples when there are none, default 10).
   */
  @Override
  public dev.sqlup.domain.SourceInventory describeSource(InstanceRef source) {
    Duration window = Duration.ofHours(Long.parseLong(source.properties().getOrDefault("logRateWindowHours", "72")));
    Duration sample = Duration.ofSeconds(Long.parseLong(source.properties().getOrDefault("logSampleSeconds", "10")));
    SourceDiscovery discovery = new SourceDiscovery(window, sample, d -> Thread.sleep(d.toMillis()));
    return on(SqlEndpoint.of(source), "discovery of " + source.instanceId(), c ->
        discovery.describe(SourceDiscovery.jdbc(c, queryTimeoutSeconds), clock.instant(), serverOffset(c),
            media -> labelReadable(c, media)));
  }

  private ZoneOffset serverOffset(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT DATEDIFF(MINUTE, GETUTCDATE(), GETDATE())")) {
      rs.next();
      return ZoneOffset.ofTotalSeconds((int) Math.round(rs.getInt(1) / 15.0) * 15 * 60);
    }
  }

  @Override
  public SourceInventory inventory(InstanceRef source) {
    return on(SqlEndpoint.of(source), "inventory of " + source.instanceId(), c -> {
      List<SourceInventory.Database> databases = new ArrayList<>();
      try (PreparedStatement statement = prepare(c, DATABASES); ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          databases.add(new SourceInventory.Database(rs.getString("name"), rs.getLong("data_bytes"),
              SourceInventory.RecoveryModel.valueOf(rs.getString("recovery_model_desc")), LsnText.fromHexTriple(rs.getString("log_end_lsn"))));
        }
      }
      long logRate = history(c).logBytesPerHour(c, serverName(c), clock.instant(), Duration.ofHours(24));
      return new SourceInventory(databases, logRate);
    });
  }

  /** Precheck: databases in SIMPLE recovery have no log backups, so they cannot be log-shipped. */
  public static List<String> simpleRecoveryDatabases(SourceInventory inventory) {
    return inventory.databases().stream().filter(d -> d.recoveryModel() == SourceInventory.RecoveryModel.SIMPLE)
        .map(SourceInventory.Database::name).toList();
  }

  @Override
  public List<BackupRef> recentFullBackups(InstanceRef source, Instant now, Duration maxAge) {
    return on(SqlEndpoint.of(source), "backup history of " + source.instanceId(), c ->
        history(c).recentFullBackups(c, serverName(c), now, maxAge, media -> labelReadable(c, media)));
  }

  /** RESTORE LABELONLY reads only the media header: the files are still there and readable by the server. */
  private boolean labelReadable(Connection connection, MediaSet media) {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(queryTimeoutSeconds);
      statement.execute(TSql.restoreLabelOnly(media));
      return true;
    } catch (SQLException gone) {
      return false;
    }
  }

  // ---------------------------------------------------------------- create target

  @Override
  public Operation startCreateTarget(OperationKey key, InstanceRef source, TargetSpec spec) {
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent() && "CONFIGURED".equals(existing.get().phase())) {
      return operation(existing.get());
    }
    SourceInventory inventory = inventory(source);
    List<String> simple = simpleRecoveryDatabases(inventory);
    if (!simple.isEmpty()) {
      throw new PermanentDataPlaneException("SIMPLE_RECOVERY: these databases use the SIMPLE recovery model and cannot be "
          + "log-shipped; switch them to FULL and take a full backup first: " + simple);
    }
    String sourceServer = on(SqlEndpoint.of(source), "server name of " + source.instanceId(), this::serverName);
    // The instance keeps its port; targetPort overrides it only where hosts publish different ports (containers).
    int port = Integer.parseInt(source.properties().getOrDefault("targetPort", Integer.toString(source.port())));
    TargetHost host = pool.claim(TargetHost.poolKey(spec.engineVersion(), spec.sqlEdition(), spec.instanceType()), port, key.taskId());
    Map<String, String> snapshot = new TreeMap<>();
    inventory.databases().forEach(d -> snapshot.put(d.name(), d.recoveryModel().name()));
    TargetRef target = new TargetRef(key.taskId() + "@" + host.hostId(), source.instanceId(), host.host(), host.port(),
        host.engineVersion(), host.sqlEdition(), "sqlserver");
    JournalEntry entry = journal.putIfAbsent(new JournalEntry(key, clock.instant(), 15 * 60, host.endpoint(), sourceServer, null, source, "-",
        null, null, target, host.poolKey(), host.hostId(), "CLAIMED", snapshot, null, null));
    SqlEndpoint sourceEndpoint = SqlEndpoint.of(source);
    List<String> enabledJobs = on(entry.where(), "configure target " + host.hostId(), t ->
        on(sourceEndpoint, "read logins and jobs of " + source.instanceId(), s -> configurator.configure(s, t, spec)));
    JournalEntry configured = entry.withCopiedJobs(enabledJobs).withPhase("CONFIGURED");
    journal.put(configured);
    return operation(configured);
  }

  // ---------------------------------------------------------------- backups on the source

  @Override
  public Operation startFullBackup(OperationKey key, InstanceRef source, String database) {
    return startBackup(key, source, database, false, false);
  }

  @Override
  public Operation startLogBackup(OperationKey key, InstanceRef source, String database, boolean tail) {
    return startBackup(key, source, database, true, tail);
  }

  private Operation startBackup(OperationKey key, InstanceRef source, String database, boolean log, boolean tail) {
    SqlText.validateIdentifier(database);
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent()) {
      JournalEntry entry = existing.get();
      on(entry.where(), "start job " + entry.jobName(), c -> {
        jobs.startIfNeverRequested(c, entry.jobName());
        return null;
      });
      return operation(entry);
    }
    if (log) {
      // Before the point of no return: refuse to continue if databases or recovery models changed.
      guardMetadataUnchanged(key, source);
    }
    SqlEndpoint endpoint = SqlEndpoint.of(source);
    String jobName = BackupFiles.jobName(key);
    return on(endpoint, (tail ? "tail-log backup" : log ? "log backup" : "full backup") + " of " + database, c -> {
      String[] state = databaseState(c, database).orElseThrow(() ->
          new PermanentDataPlaneException("DATABASE_NOT_FOUND: " + database + " on " + source.instanceId()));
      if (!"ONLINE".equals(state[0])) {
        throw new PermanentDataPlaneException("DATABASE_NOT_ONLINE: " + database + " is " + state[0]);
      }
      if ("SIMPLE".equals(state[1])) {
        throw new PermanentDataPlaneException("SIMPLE_RECOVERY: " + database + " uses the SIMPLE recovery model and cannot be log-shipped");
      }
      boolean compression = compressionAllowed(c);
      int stripes = log ? 1 : Integer.parseInt(source.properties().getOrDefault("backupStripes", "4"));
      MediaSet media = BackupFiles.files(source.properties().get("backupLocation"), source.instanceId(), key, database, stripes, log);
      String sql = log ? TSql.backupLog(database, media, jobName, compression, tail) : TSql.backupDatabase(database, media, jobName, compression);
      long bytes = log ? 0 : dataBytes(c, database);
      long speed = compression ? BYTES_PER_HOUR : BYTES_PER_HOUR / 2;
      long expected = log ? LOG_OVERHEAD_SECONDS : Math.max(60, bytes * 3600 / speed);
      // The job first, the journal second: the job is idempotent on its name, so a retry after a failed
      // journal write finds it, and the journal never points at a job that was never created.
      jobs.ensureStarted(c, jobName, key.render(), List.of(new TSql.JobStep(log ? "backup log" : "backup database", sql, "master")));
      return operation(journal.putIfAbsent(new JournalEntry(key, clock.instant(), expected, endpoint, serverName(c), jobName, source,
          database, null, null, null, null, null, "STARTED", null, null, null)));
    });
  }

  private void guardMetadataUnchanged(OperationKey key, InstanceRef source) {
    JournalEntry create = journal.get(OperationKey.of(key.taskId(), OperationKind.CREATE_TARGET)).orElse(null);
    if (create == null) {
      return;
    }
    Map<String, String> now = new TreeMap<>();
    inventory(source).databases().forEach(d -> now.put(d.name(), d.recoveryModel().name()));
    String change = MetadataChange.describe(create.snapshot(), now);
    if (change != null) {
      throw new PermanentDataPlaneException("METADATA_CHANGED: " + change
          + "; the upgrade stops before the point of no return and the source keeps serving");
    }
  }

  // ---------------------------------------------------------------- restores on the target

  @Override
  public Operation startRestoreFull(OperationKey key, TargetRef target, BackupRef fullBackup) {
    if (fullBackup.kind() != BackupRef.Kind.FULL) {
      throw new PermanentDataPlaneException("NOT_A_FULL_BACKUP: " + fullBackup.backupId());
    }
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent()) {
      return restart(existing.get());
    }
    JournalEntry create = createEntry(target);
    TargetHost host = pool.find(create.hostPool(), create.hostId())
        .orElseThrow(() -> new PermanentDataPlaneException("TARGET_HOST_GONE: " + create.hostId()));
    String database = fullBackup.database();
    MediaSet media = MediaSet.parse(fullBackup.mediaLocation());
    String jobName = BackupFiles.jobName(key);
    return on(create.where(), "restore full backup of " + database, c -> {
      checkHeader(c, media, fullBackup);
      List<TSql.Move> moves = new ArrayList<>();
      try (Statement statement = c.createStatement()) {
        statement.setQueryTimeout(queryTimeoutSeconds);
        try (ResultSet rs = statement.executeQuery(TSql.restoreFileListOnly(media))) {
          while (rs.next()) {
            String logical = rs.getString("LogicalName");
            String physical = rs.getString("PhysicalName");
            String type = rs.getString("Type").trim();
            int dot = physical.lastIndexOf('.');
            int slash = Math.max(physical.lastIndexOf('/'), physical.lastIndexOf('\\'));
            String extension = dot > slash ? physical.substring(dot) : "";
            String directory = "L".equals(type) ? host.logPath() : host.dataPath();
            moves.add(new TSql.Move(logical, BackupFiles.dataFile(directory, database, logical, extension)));
          }
        }
      }
      long expected = Math.max(60, fullBackup.sizeBytes() * 3600 / BYTES_PER_HOUR);
      jobs.ensureStarted(c, jobName, key.render(),
          List.of(new TSql.JobStep("restore database", TSql.restoreDatabase(database, media, moves), "master")));
      return operation(journal.putIfAbsent(new JournalEntry(key, clock.instant(), expected, create.where(), null, jobName,
          create.source(), database, fullBackup, List.of(fullBackup), target, null, null, "STARTED", null, null, null)));
    });
  }

  @Override
  public Operation startRestoreLog(OperationKey key, TargetRef target, BackupRef logBackup) {
    if (logBackup.kind() != BackupRef.Kind.LOG) {
      throw new PermanentDataPlaneException("NOT_A_LOG_BACKUP: " + logBackup.backupId());
    }
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent()) {
      return restart(existing.get());
    }
    JournalEntry create = createEntry(target);
    String database = logBackup.database();
    Lsn position = lastRestoredLsn(target, database);
    SqlEndpoint sourceEndpoint = SqlEndpoint.of(create.source());
    List<BackupRef> candidates = on(sourceEndpoint, "log backup history of " + database,
        s -> history(s).logBackupsAfter(s, create.serverName() != null ? create.serverName() : serverName(s), database, position));
    List<BackupRef> plan = LsnChain.plan(position, candidates, logBackup);
    String jobName = BackupFiles.jobName(key);
    return on(create.where(), "restore log of " + database, c -> {
      if (plan.isEmpty()) {
        JournalEntry done = journal.putIfAbsent(new JournalEntry(key, clock.instant(), 0, create.where(), null, null, create.source(),
            database, logBackup, plan, target, null, null, "DONE", null, null, null));
        return operation(done);
      }
      checkHeader(c, MediaSet.parse(logBackup.mediaLocation()), logBackup);
      List<TSql.JobStep> steps = new ArrayList<>();
      for (BackupRef step : plan) {
        steps.add(new TSql.JobStep("restore log " + step.firstLsn() + "-" + step.lastLsn(),
            TSql.restoreLog(database, MediaSet.parse(step.mediaLocation())), "master"));
      }
      long expected = LOG_OVERHEAD_SECONDS * plan.size() + plan.stream().mapToLong(BackupRef::sizeBytes).sum() * 3600 / BYTES_PER_HOUR;
      jobs.ensureStarted(c, jobName, key.render(), steps);
      return operation(journal.putIfAbsent(new JournalEntry(key, clock.instant(), expected, create.where(), null, jobName,
          create.source(), database, logBackup, plan, target, null, null, "STARTED", null, null, null)));
    });
  }

  /**
   * RESTORE HEADERONLY on the target before restoring: the media must hold exactly the backup msdb
   * described (same database, same LSN range), and the target must be able to read it.
   */
  private void checkHeader(Connection connection, MediaSet media, BackupRef expected) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(queryTimeoutSeconds);
      try (ResultSet rs = statement.executeQuery(TSql.restoreHeaderOnly(media))) {
        while (rs.next()) {
          BigDecimal first = rs.getBigDecimal("FirstLSN");
          BigDecimal last = rs.getBigDecimal("LastLSN");
          if (expected.database().equals(rs.getString("DatabaseName")) && first != null && last != null
              && first.toBigIntegerExact().equals(expected.firstLsn().value()) && last.toBigIntegerExact().equals(expected.lastLsn().value())) {
            return;
          }
        }
      }
    }
    throw new PermanentDataPlaneException("MEDIA_MISMATCH: the files of backup " + expected.backupId() + " do not hold database "
        + expected.database() + " LSN [" + expected.firstLsn() + ", " + expected.lastLsn() + ")");
  }

  @Override
  public Operation startRecoverTarget(OperationKey key, TargetRef target, String database, boolean acceleratedRecovery) {
    SqlText.validateIdentifier(database);
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent()) {
      return restart(existing.get());
    }
    JournalEntry create = createEntry(target);
    Map<String, String> options = create.source().properties();
    List<TSql.JobStep> steps = new ArrayList<>();
    steps.add(new TSql.JobStep("recover", TSql.recoverDatabase(database), "master"));
    if (acceleratedRecovery && target.engineVersion() != null && target.engineVersion().matches("20\\d\\d")
        && Integer.parseInt(target.engineVersion()) >= 2019) {
      steps.add(new TSql.JobStep("accelerated database recovery", TSql.enableAcceleratedDatabaseRecovery(database), "master"));
    }
    if (options.containsKey("compatibilityLevel")) {
      steps.add(new TSql.JobStep("compatibility level",
          TSql.setCompatibilityLevel(database, Integer.parseInt(options.get("compatibilityLevel"))), "master"));
    }
    if ("true".equalsIgnoreCase(options.get("postUpgradeCheckDb"))) {
      steps.add(new TSql.JobStep("checkdb", TSql.checkDb(database), "master"));
    }
    if ("true".equalsIgnoreCase(options.get("postUpgradeUpdateStats"))) {
      steps.add(new TSql.JobStep("update statistics", TSql.updateStats(database), "master"));
    }
    String jobName = BackupFiles.jobName(key);
    return on(create.where(), "recover " + database, c -> {
      jobs.ensureStarted(c, jobName, key.render(), steps);
      return operation(journal.putIfAbsent(new JournalEntry(key, clock.instant(), 120, create.where(), null, jobName, create.source(),
          database, null, null, target, null, null, "STARTED", null, null, null)));
    });
  }

  // ---------------------------------------------------------------- endpoint

  @Override
  public Operation startMoveEndpoint(OperationKey key, InstanceRef source, TargetRef target) {
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent() && existing.get().changeId() != null) {
      return operation(existing.get());
    }
    JournalEntry create = createEntry(target);
    Map<String, String> p = source.properties();
    // The lowered TTL stays on the moved record (clients re-resolve quickly); the operator restores it later.
    long ttl = journal.get(new OperationKey(key.taskId(), OperationKind.LOWER_ENDPOINT_TTL, "-", 0)).isPresent()
        ? Math.min(LOWERED_TTL_SECONDS, Long.parseLong(p.getOrDefault("route53Ttl", "60")))
        : Long.parseLong(p.getOrDefault("route53Ttl", "60"));
    Route53Endpoint.RecordChange change = new Route53Endpoint.RecordChange(p.get("route53ZoneId"),
        p.getOrDefault("route53RecordName", source.endpoint()), p.getOrDefault("route53RecordType", "CNAME"), target.host(),
        ttl);
    // The databases are online on the target: logins get their default databases back, and the
    // source's jobs run on the target from now on.
    on(create.where(), "enable copied jobs", c -> {
      on(SqlEndpoint.of(source), "read login defaults of " + source.instanceId(), s -> {
        configurator.restoreDefaultDatabases(s, c);
        return null;
      });
      for (String job : create.copiedJobs()) {
        try (Statement statement = c.createStatement()) {
          statement.setQueryTimeout(queryTimeoutSeconds);
          statement.execute(TSql.setJobEnabled(job, true));
        }
      }
      return null;
    });
    String changeId = route53.upsert(change);
    JournalEntry entry = new JournalEntry(key, clock.instant(), 600, null, null, null, source, "-", null, null, target, null, null,
        "SUBMITTED", null, null, changeId);
    journal.put(entry);
    return operation(entry);
  }

  // ---------------------------------------------------------------- poll

  @Override
  public OperationStatus poll(OperationKey key) {
    JournalEntry entry = journal.get(key).orElseThrow(() -> new PermanentDataPlaneException("UNKNOWN_OPERATION: " + key));
    return switch (key.kind()) {
      case CREATE_TARGET -> "CONFIGURED".equals(entry.phase())
          ? new OperationStatus(key, OperationStatus.State.SUCCEEDED, 100, 0, null, entry.target(), null)
          : running(entry, 0, remaining(entry));
      case MOVE_ENDPOINT -> route53.inSync(entry.changeId())
          ? new OperationStatus(key, OperationStatus.State.SUCCEEDED, 100, 0, null, entry.target(), null)
          : running(entry, 50, remaining(entry));
      default -> pollJob(entry);
    };
  }

  private OperationStatus pollJob(JournalEntry entry) {
    OperationKey key = entry.key();
    if ("DONE".equals(entry.phase())) {
      return new OperationStatus(key, OperationStatus.State.SUCCEEDED, 100, 0, entry.backup(), entry.target(), null);
    }
    return on(entry.where(), "poll " + entry.jobName(), c -> {
      JobState state = jobs.state(c, entry.jobName());
      if (!state.exists()) {
        return new OperationStatus(key, OperationStatus.State.FAILED, 0, 0, null, null,
            "JOB_MISSING: Agent job " + entry.jobName() + " no longer exists");
      }
      if (state.failed()) {
        return new OperationStatus(key, OperationStatus.State.FAILED, 0, 0, null, null, state.failureReason());
      }
      if (!state.succeeded()) {
        if (!state.requested()) {
          jobs.startIfNeverRequested(c, entry.jobName());
        }
        Optional<AgentJobs.Progress> progress = jobs.progress(c, entry.jobName());
        return progress.map(p -> running(entry, p.percentComplete(), p.estimatedRemainingMillis() / 1000))
            .orElseGet(() -> running(entry, 0, remaining(entry)));
      }
      BackupRef result = entry.backup();
      if (key.kind() == OperationKind.FULL_BACKUP || key.kind() == OperationKind.LOG_BACKUP || key.kind() == OperationKind.TAIL_LOG_BACKUP) {
        result = history(c).backupSetByName(c, entry.serverName(), entry.jobName()).orElseThrow(() ->
            new PermanentDataPlaneException("BACKUP_NOT_IN_MSDB: job " + entry.jobName() + " succeeded but msdb has no backup set of that name"));
        journal.put(entry.withBackup(result).withPhase("DONE"));
      }
      return new OperationStatus(key, OperationStatus.State.SUCCEEDED, 100, 0, result, entry.target(), null);
    });
  }

  private OperationStatus running(JournalEntry entry, double percent, long remainingSeconds) {
    return new OperationStatus(entry.key(), OperationStatus.State.RUNNING, percent, Math.max(0, remainingSeconds), null, null, null);
  }

  private long remaining(JournalEntry entry) {
    return entry.expectedSeconds() - Duration.between(entry.startedAt(), clock.instant()).toSeconds();
  }

  // ---------------------------------------------------------------- switchover support and compensation

  @Override
  public Lsn lastRestoredLsn(TargetRef target, String database) {
    JournalEntry create = createEntry(target);
    return on(create.where(), "last restored LSN of " + database, c -> {
      try (PreparedStatement statement = prepare(c, LAST_RESTORED)) {
        statement.setString(1, SqlText.validateIdentifier(database));
        try (ResultSet rs = statement.executeQuery()) {
          BigDecimal lsn = rs.next() ? rs.getBigDecimal(1) : null;
          return lsn == null ? Lsn.ZERO : new Lsn(lsn.toBigIntegerExact());
        }
      }
    });
  }

  @Override
  public void recoverSource(InstanceRef source, String database) {
    on(SqlEndpoint.of(source), "recover source database " + database, c -> {
      String[] state = databaseState(c, database).orElseThrow(() -> new PermanentDataPlaneException("DATABASE_NOT_FOUND: " + database));
      if ("ONLINE".equals(state[0])) {
        return null;
      }
      if (!"RESTORING".equals(state[0])) {
        throw new PermanentDataPlaneException("SOURCE_NOT_RECOVERABLE: " + database + " is " + state[0]);
      }
      try (Statement statement = c.createStatement()) {
        statement.setQueryTimeout(queryTimeoutSeconds);
        statement.execute(TSql.recoverDatabase(database));
      }
      return null;
    });
  }

  @Override
  public void dropTarget(OperationKey createKey, InstanceRef source) {
    Optional<JournalEntry> found = journal.get(createKey);
    if (found.isEmpty() || "DROPPED".equals(found.get().phase())) {
      return;
    }
    JournalEntry create = found.get();
    on(create.where(), "drop target " + create.hostId(), c -> {
      try (Statement statement = c.createStatement()) {
        statement.setQueryTimeout(queryTimeoutSeconds);
        for (String database : create.snapshot().keySet()) {
          statement.execute(TSql.dropDatabaseIfExists(database));
        }
        for (String job : create.copiedJobs()) {
          statement.execute(TSql.setJobEnabled(job, false));
        }
      }
      return null;
    });
    pool.markDirty(create.hostPool(), create.hostId(), createKey.taskId());
    journal.put(create.withPhase("DROPPED"));
  }

  @Override
  public List<String> preSwitchWarnings(InstanceRef source) {
    int minutes = Integer.parseInt(source.properties().getOrDefault("longTransactionMinutes", "10"));
    return on(SqlEndpoint.of(source), "pre-switch checks of " + source.instanceId(), c -> {
      List<String> warnings = new ArrayList<>();
      try (PreparedStatement statement = prepare(c, LONG_TRANSACTIONS)) {
        statement.setInt(1, minutes);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            warnings.add("LONG_TRANSACTION: session " + rs.getInt("session_id") + " has a transaction open for "
                + rs.getInt("minutes") + " min in database " + rs.getString("db") + "; the tail-log backup and recovery will wait for it");
          }
        }
      }
      try (PreparedStatement statement = prepare(c, INDEX_WORK); ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          warnings.add("INDEX_MAINTENANCE: session " + rs.getInt("session_id") + " runs " + rs.getString("command") + " in database "
              + rs.getString("db") + " (" + Math.round(rs.getDouble("percent_complete")) + " %); it generates log that must be shipped");
        }
      }
      return warnings;
    });
  }

  @Override
  public EndpointTtl lowerEndpointTtl(OperationKey key, InstanceRef source, long ttlSeconds) {
    Map<String, String> p = source.properties();
    long configured = Long.parseLong(p.getOrDefault("route53Ttl", "60"));
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent()) {
      return new EndpointTtl(configured, Math.min(ttlSeconds, configured), existing.get().startedAt());
    }
    if (ttlSeconds >= configured) {
      return new EndpointTtl(configured, configured, clock.instant());
    }
    // The record keeps pointing at the source (route53SourceValue, else the source's host): only its TTL drops.
    Route53Endpoint.RecordChange change = new Route53Endpoint.RecordChange(p.get("route53ZoneId"),
        p.getOrDefault("route53RecordName", source.endpoint()), p.getOrDefault("route53RecordType", "CNAME"),
        p.getOrDefault("route53SourceValue", source.host()), ttlSeconds);
    String changeId = route53.upsert(change);
    JournalEntry entry = journal.putIfAbsent(new JournalEntry(key, clock.instant(), 60, null, null, null, source, "-",
        null, null, null, null, null, "SUBMITTED", null, null, changeId));
    return new EndpointTtl(configured, ttlSeconds, entry.startedAt());
  }

  @Override
  public Optional<OpenTransaction> oldestOpenTransaction(InstanceRef source) {
    return on(SqlEndpoint.of(source), "open transactions of " + source.instanceId(), c -> {
      try (PreparedStatement statement = prepare(c, OLDEST_OPEN_TRANSACTION); ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.<OpenTransaction>empty();
        }
        // The age, not the begin time: transaction_begin_time is in the server's local time zone.
        return Optional.of(new OpenTransaction(rs.getString("db"), Integer.toString(rs.getInt("session_id")),
            clock.instant().minusSeconds(rs.getLong("age_seconds"))));
      }
    });
  }

  // ---------------------------------------------------------------- helpers

  private Operation restart(JournalEntry entry) {
    if (entry.jobName() != null && !"DONE".equals(entry.phase())) {
      on(entry.where(), "start job " + entry.jobName(), c -> {
        jobs.startIfNeverRequested(c, entry.jobName());
        return null;
      });
    }
    return operation(entry);
  }

  private JournalEntry createEntry(TargetRef target) {
    int at = target.targetId() == null ? -1 : target.targetId().indexOf('@');
    if (at <= 0) {
      throw new PermanentDataPlaneException("UNKNOWN_TARGET: " + target.targetId() + " was not created by the sqlserver data plane");
    }
    return journal.get(OperationKey.of(target.targetId().substring(0, at), OperationKind.CREATE_TARGET))
        .orElseThrow(() -> new PermanentDataPlaneException("UNKNOWN_TARGET: " + target.targetId()));
  }

  private static Operation operation(JournalEntry entry) {
    return new Operation(entry.key(), entry.startedAt(), entry.expectedSeconds());
  }

  private BackupHistory history(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT DATEDIFF(MINUTE, GETUTCDATE(), GETDATE())")) {
      rs.next();
      // The two clock reads are not simultaneous: round to the 15-minute steps time zones use.
      int minutes = (int) Math.round(rs.getInt(1) / 15.0) * 15;
      return new BackupHistory(ZoneOffset.ofTotalSeconds(minutes * 60));
    }
  }

  /** @@SERVERNAME: https://learn.microsoft.com/en-us/sql/t-sql/functions/servername-transact-sql */
  private String serverName(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT @@SERVERNAME")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** SERVERPROPERTY('Edition'): https://learn.microsoft.com/en-us/sql/t-sql/functions/serverproperty-transact-sql. Web and Express cannot compress backups. */
  private boolean compressionAllowed(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT CAST(SERVERPROPERTY('Edition') AS nvarchar(128))")) {
      rs.next();
      return MetadataChange.editionCompresses(rs.getString(1));
    }
  }

  private Optional<String[]> databaseState(Connection connection, String database) throws SQLException {
    try (PreparedStatement statement = prepare(connection, DATABASE_STATE)) {
      statement.setString(1, database);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
      }
    }
  }

  private long dataBytes(Connection connection, String database) throws SQLException {
    try (PreparedStatement statement = prepare(connection, DATA_BYTES)) {
      statement.setString(1, database);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setQueryTimeout(queryTimeoutSeconds);
    return statement;
  }
}
