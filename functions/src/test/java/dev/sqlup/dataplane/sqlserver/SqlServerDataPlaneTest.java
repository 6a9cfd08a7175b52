package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.testing.DynaliteExtension;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The data plane's poll, log-chain and endpoint paths with real collaborators where they can run
 * here: the journal and pool in dynalite, msdb in H2 (MSSQLServer mode, documented columns), Route
 * 53 as a local HTTP server under the real SDK. What needs a SQL Server (BACKUP, RESTORE, Agent)
 * runs in {@link SqlServerContractTest} where Docker exists.
 */
@ExtendWith(DynaliteExtension.class)
public class SqlServerDataPlaneTest {
  private static final String H2 = "jdbc:h2:mem:msdb;MODE=MSSQLServer";
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final InstanceRef SOURCE =
      new InstanceRef(
          "sales-01",
          "sqlserver",
          "2019",
          "Standard",
          "src.db.internal",
          1433,
          "sales.db.example.com.",
          "arn:aws:secretsmanager:us-east-1:1:secret:src",
          Map.of("backupLocation", "/backup", "route53ZoneId", "Z1D633PJN98FT9"));

  private Connection anchor;
  private OperationJournal journal;
  private TargetHostPool pool;
  private FakeAwsServer route53Server;
  private SqlServerDataPlane plane;
  private final TargetRef target =
      new TargetRef(
          "task-1@h1", "sales-01", "tgt.db.internal", 1433, "2022", "Standard", "sqlserver");

  @BeforeEach
  void setUp(DynamoDbClient dynamo) throws Exception {
    anchor = DriverManager.getConnection(H2);
    try (InputStream in = getClass().getResourceAsStream("/msdb/msdb-h2.sql");
        Statement statement = anchor.createStatement()) {
      for (String sql :
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replaceAll("(?m)^--.*$", "")
              .split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    }
    // SQL Server's GETUTCDATE() (used to learn the server's UTC offset) does not exist in H2: alias
    // it.
    sql(
        "CREATE ALIAS IF NOT EXISTS GETUTCDATE FOR 'dev.sqlup.dataplane.sqlserver.SqlServerDataPlaneTest.utcNow'");
    // The endpoint move reads login default databases from sys.server_principals: a minimal copy of
    // the
    // documented view, with SUSER_SNAME() aliased. Only logins defaulting to master: no ALTER LOGIN
    // runs here.
    sql("CREATE SCHEMA IF NOT EXISTS sys");
    sql(
        "CREATE TABLE IF NOT EXISTS sys.server_principals (principal_id int, name nvarchar(128), type char(1), default_database_name nvarchar(128))");
    sql(
        "INSERT INTO sys.server_principals VALUES (1, 'sa', 'S', 'master'), (260, 'app', 'S', 'master')");
    sql(
        "CREATE ALIAS IF NOT EXISTS SUSER_SNAME FOR 'dev.sqlup.dataplane.sqlserver.SqlServerDataPlaneTest.sqlupLogin'");
    String suffix = UUID.randomUUID().toString();
    OperationJournal.createTable(dynamo, "journal-" + suffix);
    TargetHostPool.createTable(dynamo, "pool-" + suffix);
    journal = new OperationJournal(dynamo, "journal-" + suffix);
    pool = new TargetHostPool(dynamo, "pool-" + suffix);
    route53Server = Route53EndpointTest.route53();
    SqlConnector h2 =
        endpoint -> {
          try {
            return DriverManager.getConnection(H2);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        };
    plane =
        new SqlServerDataPlane(
            h2,
            journal,
            pool,
            new Route53Endpoint(AwsClients.route53(route53Server.endpoint())),
            Clock.fixed(NOW, ZoneOffset.UTC),
            30);
    journal.put(
        new JournalEntry(
            OperationKey.of("task-1", OperationKind.CREATE_TARGET),
            NOW,
            900,
            new SqlEndpoint(
                "tgt.db.internal",
                1433,
                "arn:aws:secretsmanager:us-east-1:1:secret:tgt",
                false,
                null),
            "SRC01",
            null,
            SOURCE,
            "-",
            null,
            null,
            target,
            TargetHostPoolTest.POOL,
            "h1",
            "CONFIGURED",
            Map.of("sales", "FULL"),
            List.of(),
            null));
  }

  public static String sqlupLogin() {
    return "sqlup";
  }

  public static java.sql.Timestamp utcNow() {
    return java.sql.Timestamp.valueOf(java.time.LocalDateTime.now(ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() throws SQLException {
    route53Server.close();
    anchor.close();
  }

  private void sql(String text) throws SQLException {
    try (Statement statement = anchor.createStatement()) {
      statement.execute(text);
    }
  }

  @Test
  void poll_unknownKey_isPermanent() {
    assertThatThrownBy(
            () -> plane.poll(new OperationKey("nobody", OperationKind.FULL_BACKUP, "sales", 0)))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageStartingWith("UNKNOWN_OPERATION");
  }

  @Test
  void poll_succeededBackupJob_readsTheBackupSetNamedAfterTheJob() throws Exception {
    OperationKey key = new OperationKey("task-1", OperationKind.FULL_BACKUP, "sales", 0);
    String job = BackupFiles.jobName(key);
    journal.put(
        new JournalEntry(
            key,
            NOW,
            600,
            new SqlEndpoint("src.db.internal", 1433, "arn:x", false, null),
            "SRC01",
            job,
            SOURCE,
            "sales",
            null,
            null,
            null,
            null,
            null,
            "STARTED",
            null,
            null,
            null));
    UUID jobId = UUID.randomUUID();
    sql("INSERT INTO msdb.dbo.sysjobs (job_id, name) VALUES ('" + jobId + "', '" + job + "')");
    sql("INSERT INTO msdb.dbo.syssessions VALUES (1, CURRENT_TIMESTAMP)");
    sql(
        "INSERT INTO msdb.dbo.sysjobhistory (job_id, step_id, step_name, run_status, message) VALUES ('"
            + jobId
            + "', 0, '(Job outcome)', 1, 'ok')");
    sql(
        "INSERT INTO msdb.dbo.sysjobactivity (session_id, job_id, run_requested_date, start_execution_date, stop_execution_date, job_history_id)"
            + " VALUES (1, '"
            + jobId
            + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)");
    sql("INSERT INTO msdb.dbo.backupmediaset (media_set_id, media_family_count) VALUES (7, 2)");
    sql(
        "INSERT INTO msdb.dbo.backupmediafamily (media_set_id, family_sequence_number, physical_device_name, device_type, mirror)"
            + " VALUES (7, 1, '/backup/a_1of2.bak', 2, 0), (7, 2, '/backup/a_2of2.bak', 2, 0)");
    sql(
        "INSERT INTO msdb.dbo.backupset (backup_set_uuid, media_set_id, name, database_name, server_name, type, first_lsn, last_lsn,"
            + " backup_finish_date, time_zone, backup_size, is_damaged) VALUES ('"
            + UUID.randomUUID()
            + "', 7, '"
            + job
            + "', 'sales', 'SRC01', 'D', 1000, 2000, CURRENT_TIMESTAMP, 0, 5000, 0)");

    OperationStatus status = plane.poll(key);

    assertThat(status.state()).isEqualTo(OperationStatus.State.SUCCEEDED);
    assertThat(status.backup().kind()).isEqualTo(BackupRef.Kind.FULL);
    assertThat(status.backup().lastLsn()).isEqualTo(Lsn.of(2000));
    assertThat(MediaSet.parse(status.backup().mediaLocation()).locations())
        .containsExactly("/backup/a_1of2.bak", "/backup/a_2of2.bak");
    assertThat(journal.get(key).orElseThrow().phase()).isEqualTo("DONE");
  }

  @Test
  void poll_failedJob_carriesTheStepMessage() throws Exception {
    OperationKey key = new OperationKey("task-1", OperationKind.RESTORE_LOG, "sales", 2);
    String job = BackupFiles.jobName(key);
    journal.put(
        new JournalEntry(
            key,
            NOW,
            600,
            new SqlEndpoint("tgt.db.internal", 1433, "arn:x", false, null),
            null,
            job,
            SOURCE,
            "sales",
            null,
            null,
            target,
            null,
            null,
            "STARTED",
            null,
            null,
            null));
    UUID jobId = UUID.randomUUID();
    sql("INSERT INTO msdb.dbo.sysjobs (job_id, name) VALUES ('" + jobId + "', '" + job + "')");
    sql("INSERT INTO msdb.dbo.syssessions VALUES (1, CURRENT_TIMESTAMP)");
    sql(
        "INSERT INTO msdb.dbo.sysjobhistory (job_id, step_id, step_name, run_status, message) VALUES ('"
            + jobId
            + "', 1, 'restore log', 0, 'Cannot open backup device. Operating system error 2')");
    sql(
        "INSERT INTO msdb.dbo.sysjobhistory (job_id, step_id, step_name, run_status, message) VALUES ('"
            + jobId
            + "', 0, '(Job outcome)', 0, 'failed')");
    sql(
        "INSERT INTO msdb.dbo.sysjobactivity (session_id, job_id, run_requested_date, start_execution_date, stop_execution_date, job_history_id)"
            + " VALUES (1, '"
            + jobId
            + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 2)");

    OperationStatus status = plane.poll(key);

    assertThat(status.state()).isEqualTo(OperationStatus.State.FAILED);
    assertThat(status.error())
        .isEqualTo("JOB_FAILED: restore log: Cannot open backup device. Operating system error 2");
  }

  private void restored(long lastLsn) throws SQLException {
    sql("INSERT INTO msdb.dbo.backupmediaset (media_set_id, media_family_count) VALUES (90, 1)");
    sql(
        "INSERT INTO msdb.dbo.backupset (backup_set_uuid, media_set_id, name, database_name, server_name, type, first_lsn, last_lsn,"
            + " backup_finish_date, time_zone, backup_size, is_damaged) VALUES ('"
            + UUID.randomUUID()
            + "', 90, 'full', 'sales', 'SRC01', 'D', 1, "
            + lastLsn
            + ", CURRENT_TIMESTAMP, 0, 1, 0)");
    sql(
        "INSERT INTO msdb.dbo.restorehistory (restore_date, destination_database_name, backup_set_id, restore_type)"
            + " VALUES (CURRENT_TIMESTAMP, 'sales', (SELECT MAX(backup_set_id) FROM msdb.dbo.backupset), 'D')");
  }

  @Test
  void lastRestoredLsn_comesFromRestoreHistory() throws Exception {
    assertThat(plane.lastRestoredLsn(target, "sales")).isEqualTo(Lsn.ZERO);
    restored(500);
    assertThat(plane.lastRestoredLsn(target, "sales")).isEqualTo(Lsn.of(500));
  }

  /**
   * The tail restored WITH RECOVERY in one statement leaves the same msdb record as WITH NORECOVERY
   * (a restorehistory row for the tail's backup set, recovery = 1): the data-loss proof reads the
   * tail's last LSN from it, and a tail that did not reach the target is caught.
   */
  @Test
  void tailRestoredWithRecovery_restoreHistoryProvesTargetLsnEqualsTailLsn() throws Exception {
    restored(500);
    BackupRef tail =
        new BackupRef(
            "tail",
            "sales",
            BackupRef.Kind.LOG,
            Lsn.of(500),
            Lsn.of(520),
            1,
            NOW,
            "DISK /backup/tail.trn");
    assertThatThrownBy(() -> LsnChain.checkNoDataLoss(plane.lastRestoredLsn(target, "sales"), tail))
        .hasMessageStartingWith("LSN_MISMATCH");
    sql(
        "INSERT INTO msdb.dbo.backupset (backup_set_uuid, media_set_id, name, database_name, server_name, type, first_lsn, last_lsn,"
            + " backup_finish_date, time_zone, backup_size, is_damaged) VALUES ('"
            + UUID.randomUUID()
            + "', 90, 'tail', 'sales', 'SRC01', 'L', 500, 520, CURRENT_TIMESTAMP, 0, 1, 0)");
    sql(
        "INSERT INTO msdb.dbo.restorehistory (restore_date, destination_database_name, backup_set_id, restore_type, recovery)"
            + " VALUES (CURRENT_TIMESTAMP, 'sales', (SELECT MAX(backup_set_id) FROM msdb.dbo.backupset), 'L', 1)");

    Lsn lsn = plane.lastRestoredLsn(target, "sales");

    assertThat(lsn).isEqualTo(Lsn.of(520));
    LsnChain.checkNoDataLoss(lsn, tail);
  }

  @Test
  void restoreLog_alreadyCoveredBackup_succeedsWithoutAJob_andAGap_failsBeforeAnyJob()
      throws Exception {
    restored(500);
    BackupRef applied =
        new BackupRef(
            "b1",
            "sales",
            BackupRef.Kind.LOG,
            Lsn.of(400),
            Lsn.of(500),
            1,
            NOW,
            "DISK /backup/b1.trn");
    OperationKey key = new OperationKey("task-1", OperationKind.RESTORE_LOG, "sales", 1);
    plane.startRestoreLog(key, target, applied);
    assertThat(plane.poll(key).state()).isEqualTo(OperationStatus.State.SUCCEEDED);

    BackupRef afterGap =
        new BackupRef(
            "b3",
            "sales",
            BackupRef.Kind.LOG,
            Lsn.of(600),
            Lsn.of(700),
            1,
            NOW,
            "DISK /backup/b3.trn");
    OperationKey next = new OperationKey("task-1", OperationKind.RESTORE_LOG, "sales", 2);
    assertThatThrownBy(() -> plane.startRestoreLog(next, target, afterGap))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageStartingWith("BROKEN_LOG_CHAIN")
        .hasMessageContaining("500");
    assertThat(journal.get(next)).isEmpty();
  }

  @Test
  void moveEndpoint_upsertsTheRecordToTheTarget_andPollWaitsForInsync_once() {
    OperationKey key = OperationKey.of("task-1", OperationKind.MOVE_ENDPOINT);

    plane.startMoveEndpoint(key, SOURCE, target);
    plane.startMoveEndpoint(key, SOURCE, target);

    assertThat(route53Server.requests).hasSize(1);
    assertThat(route53Server.requests.get(0).body())
        .contains("<Name>sales.db.example.com.</Name><Type>CNAME</Type><TTL>60</TTL>")
        .contains("<Value>tgt.db.internal</Value>");
    assertThat(plane.poll(key).state()).isEqualTo(OperationStatus.State.RUNNING);
    OperationStatus done = plane.poll(key);
    assertThat(done.state()).isEqualTo(OperationStatus.State.SUCCEEDED);
    assertThat(done.target()).isEqualTo(target);
  }

  @Test
  void unknownTarget_isPermanent() {
    TargetRef stranger = new TargetRef("sim-123", "x", "h", 1433, "2022", "Standard", "simulated");
    assertThatThrownBy(() -> plane.lastRestoredLsn(stranger, "sales"))
        .hasMessageStartingWith("UNKNOWN_TARGET");
  }

  /**
   * A plane over H2 whose connections record, instead of running, the statements H2 cannot run
   * (ALTER DATABASE, Agent procedures): what the binding would send to SQL Server, in order.
   */
  private SqlServerDataPlane recordingPlane(List<String> sent) {
    SqlConnector recording =
        endpoint -> {
          try {
            Connection h2 = DriverManager.getConnection(H2);
            return (Connection)
                java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                      Object result = method.invoke(h2, args);
                      if (!method.getName().equals("createStatement")) {
                        return result;
                      }
                      Statement real = (Statement) result;
                      return java.lang.reflect.Proxy.newProxyInstance(
                          getClass().getClassLoader(),
                          new Class<?>[] {Statement.class},
                          (p, m, a) -> {
                            if (m.getName().equals("execute")
                                && a[0] instanceof String text
                                && (text.startsWith("ALTER DATABASE")
                                    || text.startsWith("EXEC msdb"))) {
                              sent.add(text);
                              return false;
                            }
                            return m.invoke(real, a);
                          });
                    });
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        };
    return new SqlServerDataPlane(
        recording,
        journal,
        pool,
        new Route53Endpoint(AwsClients.route53(route53Server.endpoint())),
        Clock.fixed(NOW, ZoneOffset.UTC),
        30);
  }

  private void copiedJobs(List<String> jobs) {
    JournalEntry create = journal.get(OperationKey.of("task-1", OperationKind.CREATE_TARGET)).get();
    journal.put(
        new JournalEntry(
            create.key(),
            create.startedAt(),
            create.expectedSeconds(),
            create.where(),
            create.serverName(),
            create.jobName(),
            create.source(),
            create.database(),
            create.backup(),
            create.plan(),
            create.target(),
            create.hostPool(),
            create.hostId(),
            create.phase(),
            create.snapshot(),
            jobs,
            create.changeId()));
  }

  @Test
  void openDatabases_setsMultiUser_thenEnablesTheCopiedJobs_once_andPollSucceeds() {
    copiedJobs(List.of("nightly-etl"));
    List<String> sent = new java.util.ArrayList<>();
    SqlServerDataPlane recording = recordingPlane(sent);
    OperationKey key = OperationKey.of("task-1", OperationKind.OPEN_DATABASES);

    recording.startOpenDatabases(key, SOURCE, target, List.of("sales", "hr"));
    recording.startOpenDatabases(key, SOURCE, target, List.of("sales", "hr"));

    assertThat(sent)
        .containsExactly(
            "ALTER DATABASE [sales] SET MULTI_USER",
            "ALTER DATABASE [hr] SET MULTI_USER",
            "EXEC msdb.dbo.sp_update_job @job_name = N'nightly-etl', @enabled = 1");
    OperationStatus status = recording.poll(key);
    assertThat(status.state()).isEqualTo(OperationStatus.State.SUCCEEDED);
    assertThat(status.target()).isEqualTo(target);
  }

  @Test
  void moveEndpoint_duringTheRestore_doesNotEnableTheCopiedJobs() {
    // Jobs run as their owner (often sysadmin), whom RESTRICTED_USER does not hold out: they are
    // enabled by the opening, after the LSN check.
    copiedJobs(List.of("nightly-etl"));
    List<String> sent = new java.util.ArrayList<>();

    recordingPlane(sent)
        .startMoveEndpoint(OperationKey.of("task-1", OperationKind.MOVE_ENDPOINT), SOURCE, target);

    assertThat(sent).isEmpty();
    assertThat(route53Server.requests).hasSize(1);
  }

  @Test
  void moveEndpointBack_upsertsTheRecordToTheSource_withTheLoweredTtl_once() {
    journal.put(
        new JournalEntry(
            OperationKey.of("task-1", OperationKind.LOWER_ENDPOINT_TTL),
            NOW,
            60,
            null,
            null,
            null,
            SOURCE,
            "-",
            null,
            null,
            null,
            null,
            null,
            "SUBMITTED",
            null,
            null,
            "C0"));
    OperationKey key = OperationKey.of("task-1", OperationKind.MOVE_ENDPOINT_BACK);

    plane.startMoveEndpointBack(key, SOURCE);
    plane.startMoveEndpointBack(key, SOURCE);

    assertThat(route53Server.requests).hasSize(1);
    assertThat(route53Server.requests.get(0).body())
        .contains("<Name>sales.db.example.com.</Name><Type>CNAME</Type><TTL>5</TTL>")
        .contains("<Value>src.db.internal</Value>");
    assertThat(plane.poll(key).state()).isEqualTo(OperationStatus.State.RUNNING);
    assertThat(plane.poll(key).state()).isEqualTo(OperationStatus.State.SUCCEEDED);
  }
}
