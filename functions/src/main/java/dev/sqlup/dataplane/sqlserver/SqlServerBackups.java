package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Operations on the source: full, log and tail-log backups as Agent jobs on the source (a log
 * backup first checks that the source's databases are still those the target was created for), and
 * recovering a source database left RESTORING by a tail-log backup.
 */
final class SqlServerBackups {
  /** The guide's speeds: 200 GB/h full backup and restore, 100 GB/h on Web (no compression). */
  static final long BYTES_PER_HOUR = 200L * 1024 * 1024 * 1024;

  static final long LOG_OVERHEAD_SECONDS = 120;

  private final SqlCalls calls;
  private final OperationJournal journal;
  private final AgentJobs jobs;
  private final SqlServerSourceReads sourceReads;
  private final Clock clock;

  SqlServerBackups(
      SqlCalls calls,
      OperationJournal journal,
      AgentJobs jobs,
      SqlServerSourceReads sourceReads,
      Clock clock) {
    this.calls = calls;
    this.journal = journal;
    this.jobs = jobs;
    this.sourceReads = sourceReads;
    this.clock = clock;
  }

  Operation startFullBackup(OperationKey key, InstanceRef source, String database) {
    return startBackup(key, source, database, false, false);
  }

  Operation startLogBackup(OperationKey key, InstanceRef source, String database, boolean tail) {
    return startBackup(key, source, database, true, tail);
  }

  private Operation startBackup(
      OperationKey key, InstanceRef source, String database, boolean log, boolean tail) {
    SqlText.validateIdentifier(database);
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent()) {
      JournalEntry entry = existing.get();
      calls.on(
          entry.where(),
          "start job " + entry.jobName(),
          c -> {
            jobs.startIfNeverRequested(c, entry.jobName());
            return null;
          });
      return JournaledOperations.operation(entry);
    }
    if (log) {
      // Before the point of no return: refuse to continue if databases or recovery models changed.
      guardMetadataUnchanged(key, source);
    }
    SqlEndpoint endpoint = SqlEndpoint.of(source);
    String jobName = BackupFiles.jobName(key);
    return calls.on(
        endpoint,
        (tail ? "tail-log backup" : log ? "log backup" : "full backup") + " of " + database,
        c -> {
          String[] state =
              calls
                  .databaseState(c, database)
                  .orElseThrow(
                      () ->
                          new PermanentDataPlaneException(
                              "DATABASE_NOT_FOUND: " + database + " on " + source.instanceId()));
          if (!"ONLINE".equals(state[0])) {
            throw new PermanentDataPlaneException(
                "DATABASE_NOT_ONLINE: " + database + " is " + state[0]);
          }
          if ("SIMPLE".equals(state[1])) {
            throw new PermanentDataPlaneException(
                "SIMPLE_RECOVERY: "
                    + database
                    + " uses the SIMPLE recovery model and cannot be log-shipped");
          }
          boolean compression = calls.compressionAllowed(c);
          int stripes =
              log ? 1 : Integer.parseInt(source.properties().getOrDefault("backupStripes", "4"));
          MediaSet media =
              BackupFiles.files(
                  source.properties().get("backupLocation"),
                  source.instanceId(),
                  key,
                  database,
                  stripes,
                  log);
          String sql =
              log
                  ? TSql.backupLog(database, media, jobName, compression, tail)
                  : TSql.backupDatabase(database, media, jobName, compression);
          long bytes = log ? 0 : calls.dataBytes(c, database);
          long speed = compression ? BYTES_PER_HOUR : BYTES_PER_HOUR / 2;
          long expected = log ? LOG_OVERHEAD_SECONDS : Math.max(60, bytes * 3600 / speed);
          // The job first, the journal second: the job is idempotent on its name, so a retry after
          // a failed
          // journal write finds it, and the journal never points at a job that was never created.
          jobs.ensureStarted(
              c,
              jobName,
              key.render(),
              List.of(
                  new TSqlAgentJobs.JobStep(
                      log ? "backup log" : "backup database", sql, "master")));
          return JournaledOperations.operation(
              journal.putIfAbsent(
                  new JournalEntry(
                      key,
                      clock.instant(),
                      expected,
                      endpoint,
                      calls.serverName(c),
                      jobName,
                      source,
                      database,
                      null,
                      null,
                      null,
                      null,
                      null,
                      "STARTED",
                      null,
                      null,
                      null)));
        });
  }

  private void guardMetadataUnchanged(OperationKey key, InstanceRef source) {
    JournalEntry create =
        journal.get(OperationKey.of(key.taskId(), OperationKind.CREATE_TARGET)).orElse(null);
    if (create == null) {
      return;
    }
    Map<String, String> now = new TreeMap<>();
    sourceReads
        .inventory(source)
        .databases()
        .forEach(d -> now.put(d.name(), d.recoveryModel().name()));
    String change = MetadataChange.describe(create.snapshot(), now);
    if (change != null) {
      throw new PermanentDataPlaneException(
          "METADATA_CHANGED: "
              + change
              + "; the upgrade stops before the point of no return and the source keeps serving");
    }
  }

  void recoverSource(InstanceRef source, String database) {
    calls.on(
        SqlEndpoint.of(source),
        "recover source database " + database,
        c -> {
          String[] state =
              calls
                  .databaseState(c, database)
                  .orElseThrow(
                      () -> new PermanentDataPlaneException("DATABASE_NOT_FOUND: " + database));
          if ("ONLINE".equals(state[0])) {
            return null;
          }
          if (!"RESTORING".equals(state[0])) {
            throw new PermanentDataPlaneException(
                "SOURCE_NOT_RECOVERABLE: " + database + " is " + state[0]);
          }
          try (Statement statement = c.createStatement()) {
            statement.setQueryTimeout(calls.queryTimeoutSeconds());
            statement.execute(TSql.recoverDatabase(database));
          }
          return null;
        });
  }
}
