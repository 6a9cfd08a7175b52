package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TargetRef;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Restores on a target: the full backup (its files moved to the host's paths) and the chain of log
 * backups after the last one restored, each media checked against msdb's description first. Apart
 * from {@link SqlServerTargets} (the target's life: create, recover, drop) because restoring is its
 * own job: reading media headers and file lists and following the LSN chain.
 */
final class SqlServerRestores {
  /**
   * restorehistory:
   * https://learn.microsoft.com/en-us/sql/relational-databases/system-tables/restorehistory-transact-sql
   */
  private static final String LAST_RESTORED =
      """
      SELECT MAX(bs.last_lsn) FROM msdb.dbo.restorehistory rh
        JOIN msdb.dbo.backupset bs ON bs.backup_set_id = rh.backup_set_id
       WHERE rh.destination_database_name = ?
      """;

  private final SqlCalls calls;
  private final OperationJournal journal;
  private final JournaledOperations journaled;
  private final TargetHostPool pool;
  private final AgentJobs jobs;
  private final Clock clock;

  SqlServerRestores(
      SqlCalls calls,
      OperationJournal journal,
      JournaledOperations journaled,
      TargetHostPool pool,
      AgentJobs jobs,
      Clock clock) {
    this.calls = calls;
    this.journal = journal;
    this.journaled = journaled;
    this.pool = pool;
    this.jobs = jobs;
    this.clock = clock;
  }

  Operation startRestoreFull(OperationKey key, TargetRef target, BackupRef fullBackup) {
    if (fullBackup.kind() != BackupRef.Kind.FULL) {
      throw new PermanentDataPlaneException("NOT_A_FULL_BACKUP: " + fullBackup.backupId());
    }
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent()) {
      return journaled.restart(existing.get());
    }
    JournalEntry create = journaled.createEntry(target);
    TargetHost host =
        pool.find(create.hostPool(), create.hostId())
            .orElseThrow(
                () -> new PermanentDataPlaneException("TARGET_HOST_GONE: " + create.hostId()));
    String database = fullBackup.database();
    MediaSet media = MediaSet.parse(fullBackup.mediaLocation());
    String jobName = BackupFiles.jobName(key);
    return calls.on(
        create.where(),
        "restore full backup of " + database,
        c -> {
          checkHeader(c, media, fullBackup);
          List<TSql.Move> moves = new ArrayList<>();
          try (Statement statement = c.createStatement()) {
            statement.setQueryTimeout(calls.queryTimeoutSeconds());
            try (ResultSet rs = statement.executeQuery(TSql.restoreFileListOnly(media))) {
              while (rs.next()) {
                String logical = rs.getString("LogicalName");
                String physical = rs.getString("PhysicalName");
                String type = rs.getString("Type").trim();
                int dot = physical.lastIndexOf('.');
                int slash = Math.max(physical.lastIndexOf('/'), physical.lastIndexOf('\\'));
                String extension = dot > slash ? physical.substring(dot) : "";
                String directory = "L".equals(type) ? host.logPath() : host.dataPath();
                moves.add(
                    new TSql.Move(
                        logical, BackupFiles.dataFile(directory, database, logical, extension)));
              }
            }
          }
          long expected =
              Math.max(60, fullBackup.sizeBytes() * 3600 / SqlServerBackups.BYTES_PER_HOUR);
          jobs.ensureStarted(
              c,
              jobName,
              key.render(),
              List.of(
                  new TSqlAgentJobs.JobStep(
                      "restore database", TSql.restoreDatabase(database, media, moves), "master")));
          return JournaledOperations.operation(
              journal.putIfAbsent(
                  new JournalEntry(
                      key,
                      clock.instant(),
                      expected,
                      create.where(),
                      null,
                      jobName,
                      create.source(),
                      database,
                      fullBackup,
                      List.of(fullBackup),
                      target,
                      null,
                      null,
                      "STARTED",
                      null,
                      null,
                      null)));
        });
  }

  Operation startRestoreLog(OperationKey key, TargetRef target, BackupRef logBackup) {
    return restoreLog(key, target, logBackup, false, false);
  }

  /** RESTORE LOG ... WITH RECOVERY of the tail ({@link TailRestoreJob}). */
  Operation startRestoreTail(
      OperationKey key, TargetRef target, BackupRef tail, boolean acceleratedRecovery) {
    return restoreLog(key, target, tail, true, acceleratedRecovery);
  }

  private Operation restoreLog(
      OperationKey key,
      TargetRef target,
      BackupRef logBackup,
      boolean withRecovery,
      boolean acceleratedRecovery) {
    if (logBackup.kind() != BackupRef.Kind.LOG) {
      throw new PermanentDataPlaneException("NOT_A_LOG_BACKUP: " + logBackup.backupId());
    }
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent()) {
      return journaled.restart(existing.get());
    }
    JournalEntry create = journaled.createEntry(target);
    String database = logBackup.database();
    Lsn position = lastRestoredLsn(target, database);
    SqlEndpoint sourceEndpoint = SqlEndpoint.of(create.source());
    List<BackupRef> candidates =
        calls.on(
            sourceEndpoint,
            "log backup history of " + database,
            s ->
                calls
                    .history(s)
                    .logBackupsAfter(
                        s,
                        create.serverName() != null ? create.serverName() : calls.serverName(s),
                        database,
                        position));
    List<BackupRef> plan = LsnChain.plan(position, candidates, logBackup);
    String jobName = BackupFiles.jobName(key);
    return calls.on(
        create.where(),
        "restore log of " + database,
        c -> {
          if (plan.isEmpty() && !withRecovery) {
            JournalEntry done =
                journal.putIfAbsent(
                    new JournalEntry(
                        key,
                        clock.instant(),
                        0,
                        create.where(),
                        null,
                        null,
                        create.source(),
                        database,
                        logBackup,
                        plan,
                        target,
                        null,
                        null,
                        "DONE",
                        null,
                        null,
                        null));
            return JournaledOperations.operation(done);
          }
          List<TSqlAgentJobs.JobStep> steps = new ArrayList<>();
          if (!plan.isEmpty()) {
            checkHeader(c, MediaSet.parse(logBackup.mediaLocation()), logBackup);
          }
          if (withRecovery) {
            steps.addAll(
                TailRestoreJob.steps(
                    database, plan, target, create.source().properties(), acceleratedRecovery));
          } else {
            for (BackupRef step : plan) {
              steps.add(
                  new TSqlAgentJobs.JobStep(
                      "restore log " + step.firstLsn() + "-" + step.lastLsn(),
                      TSql.restoreLog(database, MediaSet.parse(step.mediaLocation())),
                      "master"));
            }
          }
          long expected =
              SqlServerBackups.LOG_OVERHEAD_SECONDS * plan.size()
                  + plan.stream().mapToLong(BackupRef::sizeBytes).sum()
                      * 3600
                      / SqlServerBackups.BYTES_PER_HOUR;
          jobs.ensureStarted(c, jobName, key.render(), steps);
          return JournaledOperations.operation(
              journal.putIfAbsent(
                  new JournalEntry(
                      key,
                      clock.instant(),
                      expected,
                      create.where(),
                      null,
                      jobName,
                      create.source(),
                      database,
                      logBackup,
                      plan,
                      target,
                      null,
                      null,
                      "STARTED",
                      null,
                      null,
                      null)));
        });
  }

  /**
   * RESTORE HEADERONLY on the target before restoring: the media must hold exactly the backup msdb
   * described (same database, same LSN range), and the target must be able to read it.
   */
  private void checkHeader(Connection connection, MediaSet media, BackupRef expected)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(calls.queryTimeoutSeconds());
      try (ResultSet rs = statement.executeQuery(TSql.restoreHeaderOnly(media))) {
        while (rs.next()) {
          BigDecimal first = rs.getBigDecimal("FirstLSN");
          BigDecimal last = rs.getBigDecimal("LastLSN");
          if (expected.database().equals(rs.getString("DatabaseName"))
              && first != null
              && last != null
              && first.toBigIntegerExact().equals(expected.firstLsn().value())
              && last.toBigIntegerExact().equals(expected.lastLsn().value())) {
            return;
          }
        }
      }
    }
    throw new PermanentDataPlaneException(
        "MEDIA_MISMATCH: the files of backup "
            + expected.backupId()
            + " do not hold database "
            + expected.database()
            + " LSN ["
            + expected.firstLsn()
            + ", "
            + expected.lastLsn()
            + ")");
  }

  Lsn lastRestoredLsn(TargetRef target, String database) {
    JournalEntry create = journaled.createEntry(target);
    return calls.on(
        create.where(),
        "last restored LSN of " + database,
        c -> {
          try (PreparedStatement statement = calls.prepare(c, LAST_RESTORED)) {
            statement.setString(1, SqlText.validateIdentifier(database));
            try (ResultSet rs = statement.executeQuery()) {
              BigDecimal lsn = rs.next() ? rs.getBigDecimal(1) : null;
              return lsn == null ? Lsn.ZERO : new Lsn(lsn.toBigIntegerExact());
            }
          }
        });
  }
}
