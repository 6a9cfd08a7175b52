package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.Lsn;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The msdb queries of {@link BackupHistory} and {@link AgentJobs} against a real SQL engine: H2 in
 * MSSQLServer mode with the msdb tables created from their documented columns (msdb-h2.sql).
 */
class MsdbHistoryH2Test {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final Duration RULE = Duration.ofHours(36);
  private static final String SERVER = "SRC01";

  private Connection connection;
  private int mediaSetIds;
  private final BackupHistory history = new BackupHistory(ZoneOffset.UTC);

  @BeforeEach
  void createMsdb() throws Exception {
    // The database is named msdb so that three-part names msdb.dbo.x resolve as on SQL Server. It
    // lives
    // until its last connection closes, so every test starts from empty tables.
    connection = DriverManager.getConnection("jdbc:h2:mem:msdb;MODE=MSSQLServer");
    try (InputStream in = getClass().getResourceAsStream("/msdb/msdb-h2.sql");
        Statement statement = connection.createStatement()) {
      for (String sql :
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replaceAll("(?m)^--.*$", "")
              .split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    }
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private BackupHistory historyOn() {
    return history;
  }

  /**
   * Inserts a backup set finished {@code hoursAgo} (UTC) before NOW, stored in local time per
   * {@code timeZone}.
   */
  private String backup(
      String db, char type, double hoursAgo, int timeZone, long first, long last, String... files)
      throws SQLException {
    return backup(
        db, type, hoursAgo, timeZone, first, last, files.length, false, SERVER, null, files);
  }

  private String backup(
      String db,
      char type,
      double hoursAgo,
      int timeZone,
      long first,
      long last,
      int familyCount,
      boolean damaged,
      String server,
      String name,
      String... files)
      throws SQLException {
    int mediaSetId = ++mediaSetIds;
    String uuid = UUID.randomUUID().toString();
    Instant finishedUtc = NOW.minusSeconds((long) (hoursAgo * 3600));
    LocalDateTime local =
        LocalDateTime.ofInstant(finishedUtc, ZoneOffset.ofTotalSeconds(timeZone * 15 * 60));
    try (PreparedStatement ms =
        connection.prepareStatement(
            "INSERT INTO msdb.dbo.backupmediaset (media_set_id, media_uuid, media_family_count, mirror_count, is_compressed) VALUES (?, ?, ?, 1, 1)")) {
      ms.setInt(1, mediaSetId);
      ms.setObject(2, UUID.randomUUID());
      ms.setInt(3, familyCount);
      ms.executeUpdate();
    }
    for (int i = 0; i < files.length; i++) {
      for (int mirror = 0; mirror < 2; mirror++) {
        try (PreparedStatement mf =
            connection.prepareStatement(
                "INSERT INTO msdb.dbo.backupmediafamily (media_set_id, family_sequence_number, physical_device_name, device_type, mirror) VALUES (?, ?, ?, ?, ?)")) {
          mf.setInt(1, mediaSetId);
          mf.setInt(2, i + 1);
          // A mirror copy lives elsewhere; only mirror 0 is used.
          mf.setString(3, mirror == 0 ? files[i] : "/mirror" + files[i]);
          mf.setInt(4, files[i].startsWith("s3://") ? 9 : 2);
          mf.setInt(5, mirror);
          mf.executeUpdate();
        }
      }
    }
    try (PreparedStatement bs =
        connection.prepareStatement(
            """
        INSERT INTO msdb.dbo.backupset (backup_set_uuid, media_set_id, name, database_name, server_name, type, first_lsn, last_lsn,
          backup_start_date, backup_finish_date, time_zone, backup_size, is_damaged, is_copy_only)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")) {
      bs.setObject(1, UUID.fromString(uuid));
      bs.setInt(2, mediaSetId);
      bs.setString(3, name);
      bs.setString(4, db);
      bs.setString(5, server);
      bs.setString(6, String.valueOf(type));
      bs.setLong(7, first);
      bs.setLong(8, last);
      bs.setTimestamp(9, Timestamp.valueOf(local.minusMinutes(30)));
      bs.setTimestamp(10, Timestamp.valueOf(local));
      bs.setInt(11, timeZone);
      bs.setLong(12, 1_000_000L);
      bs.setBoolean(13, damaged);
      bs.executeUpdate();
    }
    return uuid;
  }

  private static MediaProbe allReachable() {
    return media -> true;
  }

  @Test
  void fullBackupWithin36Hours_counts_andOlderDoesNot() throws Exception {
    String recent = backup("sales", 'D', 10, 0, 100, 200, "/b/sales_1.bak", "/b/sales_2.bak");
    backup("crm", 'D', 37, 0, 100, 200, "/b/crm.bak");

    List<BackupRef> found =
        historyOn().recentFullBackups(connection, SERVER, NOW, RULE, allReachable());

    assertThat(found)
        .singleElement()
        .satisfies(
            ref -> {
              assertThat(ref.backupId()).isEqualTo(recent);
              assertThat(ref.database()).isEqualTo("sales");
              assertThat(ref.kind()).isEqualTo(BackupRef.Kind.FULL);
              assertThat(ref.firstLsn()).isEqualTo(Lsn.of(100));
              assertThat(ref.lastLsn()).isEqualTo(Lsn.of(200));
              assertThat(ref.finishedAt()).isEqualTo(NOW.minusSeconds(36000));
              assertThat(MediaSet.parse(ref.mediaLocation()).locations())
                  .containsExactly("/b/sales_1.bak", "/b/sales_2.bak");
            });
  }

  @Test
  void theRuleIsAppliedInUtc_usingTheTimeZoneColumn() throws Exception {
    // UTC-5 (time_zone -20): finished 35 h ago, its local stamp reads 40 h ago. Counts.
    backup("west", 'D', 35, -20, 1, 2, "/b/west.bak");
    // UTC+9 (time_zone 36): finished 37 h ago, its local stamp reads 28 h ago. Does not count.
    backup("east", 'D', 37, 36, 1, 2, "/b/east.bak");

    assertThat(historyOn().recentFullBackups(connection, SERVER, NOW, RULE, allReachable()))
        .extracting(BackupRef::database)
        .containsExactly("west");
  }

  @Test
  void newestBackupWithMissingMedia_isPassedOverForAnOlderReachableOne() throws Exception {
    String older = backup("sales", 'D', 20, 0, 100, 200, "/b/older.bak");
    backup("sales", 'D', 2, 0, 300, 400, "/b/deleted-by-retention.bak");
    Set<String> present = Set.of("/b/older.bak");

    List<BackupRef> found =
        historyOn()
            .recentFullBackups(
                connection, SERVER, NOW, RULE, media -> present.containsAll(media.locations()));

    assertThat(found).extracting(BackupRef::backupId).containsExactly(older);
  }

  @Test
  void fullBackupWhoseLaterLogChainIsBrokenOrGone_doesNotCount() throws Exception {
    // sales: full ends at 200, the instance's log backups continue it 150-250, 250-300. Usable.
    String sales = backup("sales", 'D', 10, 0, 100, 200, "/b/sales.bak");
    backup("sales", 'L', 9, 0, 150, 250, "/b/sales-1.trn");
    backup("sales", 'L', 8, 0, 250, 300, "/b/sales-2.trn");
    // crm: a log backup is missing from msdb between 250 and 260: a gap.
    backup("crm", 'D', 10, 0, 100, 200, "/b/crm.bak");
    backup("crm", 'L', 9, 0, 150, 250, "/b/crm-1.trn");
    backup("crm", 'L', 8, 0, 260, 300, "/b/crm-2.trn");
    // hr: the chain is whole in msdb but retention deleted one file.
    backup("hr", 'D', 10, 0, 100, 200, "/b/hr.bak");
    backup("hr", 'L', 9, 0, 150, 250, "/b/hr-1.trn");
    Set<String> deleted = Set.of("/b/hr-1.trn");

    List<BackupRef> found =
        historyOn()
            .recentFullBackups(
                connection,
                SERVER,
                NOW,
                RULE,
                media -> media.locations().stream().noneMatch(deleted::contains));

    assertThat(found).extracting(BackupRef::backupId).containsExactly(sales);
  }

  @Test
  void incompleteDamagedForeignAndLogBackups_doNotCount() throws Exception {
    backup(
        "a",
        'D',
        1,
        0,
        1,
        2,
        2,
        false,
        SERVER,
        null,
        "/b/a_1of2.bak"); // one of two families recorded
    backup("b", 'D', 1, 0, 1, 2, 1, true, SERVER, null, "/b/b.bak"); // is_damaged
    backup(
        "c",
        'D',
        1,
        0,
        1,
        2,
        1,
        false,
        "OTHER",
        null,
        "/b/c.bak"); // restored here from another server
    backup("d", 'L', 1, 0, 1, 2, "/b/d.trn");
    backup("e", 'I', 1, 0, 1, 2, "/b/e.dif");

    assertThat(historyOn().recentFullBackups(connection, SERVER, NOW, RULE, allReachable()))
        .isEmpty();
  }

  @Test
  void backupSetByName_findsTheOperationsBackup_withUrlDevice() throws Exception {
    String uuid =
        backup(
            "sales",
            'L',
            0.1,
            0,
            200,
            250,
            1,
            false,
            SERVER,
            "sqlup t1 LOG_BACKUP 1 ab12",
            "s3://s3.local/bkt/x.trn");

    BackupRef ref =
        historyOn().backupSetByName(connection, SERVER, "sqlup t1 LOG_BACKUP 1 ab12").orElseThrow();

    assertThat(ref.backupId()).isEqualTo(uuid);
    assertThat(ref.kind()).isEqualTo(BackupRef.Kind.LOG);
    assertThat(MediaSet.parse(ref.mediaLocation()).device()).isEqualTo(MediaSet.Device.URL);
    assertThat(historyOn().backupSetByName(connection, SERVER, "unknown")).isEmpty();
  }

  @Test
  void logBackupsAfter_returnsTheChainInLsnOrder_forLsnChainPlanning() throws Exception {
    backup("sales", 'L', 5, 0, 50, 100, "/b/1.trn");
    String second = backup("sales", 'L', 4, 0, 100, 150, "/b/2.trn");
    String third = backup("sales", 'L', 3, 0, 150, 200, "/b/3.trn");
    backup("other", 'L', 3, 0, 150, 200, "/b/o.trn");

    List<BackupRef> logs = historyOn().logBackupsAfter(connection, SERVER, "sales", Lsn.of(120));
    assertThat(logs).extracting(BackupRef::backupId).containsExactly(second, third);
    assertThat(LsnChain.plan(Lsn.of(120), logs, logs.get(1)))
        .extracting(BackupRef::backupId)
        .containsExactly(second, third);
  }

  @Test
  void logBytesPerHour_fromLastDaysLogBackups() throws Exception {
    backup("sales", 'L', 1, 0, 1, 2, "/b/1.trn");
    backup("sales", 'L', 2, 0, 2, 3, "/b/2.trn");
    backup("sales", 'L', 30, 0, 0, 1, "/b/old.trn");
    assertThat(historyOn().logBytesPerHour(connection, SERVER, NOW, Duration.ofHours(24)))
        .isEqualTo(2_000_000L / 24);
  }

  // ---- Agent jobs

  private UUID job(String name) throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT INTO msdb.dbo.sysjobs (job_id, name, enabled) VALUES (?, ?, 1)")) {
      s.setObject(1, id);
      s.setString(2, name);
      s.executeUpdate();
    }
    return id;
  }

  private void exec(String sql, Object... args) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }

  @Test
  void jobState_followsActivityAndHistory() throws Exception {
    AgentJobs jobs = new AgentJobs(30);
    assertThat(jobs.state(connection, "absent")).isEqualTo(JobState.MISSING);

    UUID id = job("sqlup j1");
    exec("INSERT INTO msdb.dbo.syssessions VALUES (1, CURRENT_TIMESTAMP)");
    exec("INSERT INTO msdb.dbo.sysjobactivity (session_id, job_id) VALUES (1, ?)", id);
    JobState created = jobs.state(connection, "sqlup j1");
    assertThat(created.exists()).isTrue();
    assertThat(created.requested()).isFalse();

    exec(
        "UPDATE msdb.dbo.sysjobactivity SET run_requested_date = CURRENT_TIMESTAMP, start_execution_date = CURRENT_TIMESTAMP WHERE job_id = ?",
        id);
    JobState running = jobs.state(connection, "sqlup j1");
    assertThat(running.requested()).isTrue();
    assertThat(running.running()).isTrue();
    assertThat(running.succeeded() || running.failed()).isFalse();

    exec(
        "INSERT INTO msdb.dbo.sysjobhistory (job_id, step_id, step_name, run_status, message) VALUES (?, 1, 'backup', 1, 'BACKUP DATABASE successfully processed')",
        id);
    exec(
        "INSERT INTO msdb.dbo.sysjobhistory (job_id, step_id, step_name, run_status, message) VALUES (?, 0, '(Job outcome)', 1, 'The job succeeded.')",
        id);
    exec(
        "UPDATE msdb.dbo.sysjobactivity SET stop_execution_date = CURRENT_TIMESTAMP, job_history_id = (SELECT MAX(instance_id) FROM msdb.dbo.sysjobhistory) WHERE job_id = ?",
        id);
    JobState done = jobs.state(connection, "sqlup j1");
    assertThat(done.succeeded()).isTrue();
    assertThat(done.failed()).isFalse();
  }

  @Test
  void jobState_reportsTheFailedStepsMessage() throws Exception {
    AgentJobs jobs = new AgentJobs(30);
    UUID id = job("sqlup j2");
    exec("INSERT INTO msdb.dbo.syssessions VALUES (1, CURRENT_TIMESTAMP)");
    exec(
        "INSERT INTO msdb.dbo.sysjobhistory (job_id, step_id, step_name, run_status, message) VALUES (?, 1, 'restore', 0, 'The log in this backup set begins at LSN 150, which is too recent to apply')",
        id);
    exec(
        "INSERT INTO msdb.dbo.sysjobhistory (job_id, step_id, step_name, run_status, message) VALUES (?, 0, '(Job outcome)', 0, 'The job failed.')",
        id);
    exec(
        "INSERT INTO msdb.dbo.sysjobactivity (session_id, job_id, run_requested_date, start_execution_date, stop_execution_date, job_history_id)"
            + " VALUES (1, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, (SELECT MAX(instance_id) FROM msdb.dbo.sysjobhistory))",
        id);

    JobState state = jobs.state(connection, "sqlup j2");
    assertThat(state.failed()).isTrue();
    assertThat(state.failureReason())
        .isEqualTo(
            "JOB_FAILED: restore: The log in this backup set begins at LSN 150, which is too recent to apply");
  }

  @Test
  void jobState_aRunCutOffByAnAgentRestart_isInterrupted() throws Exception {
    AgentJobs jobs = new AgentJobs(30);
    UUID id = job("sqlup j3");
    exec("INSERT INTO msdb.dbo.syssessions VALUES (1, CURRENT_TIMESTAMP)");
    exec("INSERT INTO msdb.dbo.syssessions VALUES (2, CURRENT_TIMESTAMP)");
    exec(
        "INSERT INTO msdb.dbo.sysjobactivity (session_id, job_id, run_requested_date, start_execution_date) VALUES (1, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        id);
    exec("INSERT INTO msdb.dbo.sysjobactivity (session_id, job_id) VALUES (2, ?)", id);

    JobState state = jobs.state(connection, "sqlup j3");
    assertThat(state.interrupted()).isTrue();
    assertThat(state.failed()).isTrue();
    assertThat(state.failureReason()).startsWith("JOB_INTERRUPTED");
  }
}
