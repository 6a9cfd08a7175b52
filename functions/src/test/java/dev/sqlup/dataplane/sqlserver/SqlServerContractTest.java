package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.dataplane.SourceInventory;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.dataplane.TargetSpec;
import dev.sqlup.testing.Dynalite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.BindMode;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole sqlserver data plane against real SQL Server: a 2019 source and a 2022 target in
 * containers sharing a backup folder, SQL Server Agent on in both, the worked example of the guide
 * on small data (create and configure target, full backup, restore, log rounds, tail-log backup,
 * recovery, LSN equality, endpoint move), plus rollback before the endpoint move. Credentials come
 * from a local Secrets Manager under the real SDK, the endpoint from a local Route 53. Runs with
 * {@code mvn verify -Pdocker}; skipped with a message where Docker is absent. Waiting here is real:
 * it waits for SQL Server Agent jobs, not for a clock.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class SqlServerContractTest {
  private static final String PASSWORD = "Sqlup-Contract-1!";
  private static final Path BACKUPS = sharedBackupFolder();
  private static final String BACKUP_PATH = "/var/opt/mssql/backup";

  @Container
  static final MSSQLServerContainer SOURCE = server("mcr.microsoft.com/mssql/server:2019-latest");

  @Container
  static final MSSQLServerContainer TARGET = server("mcr.microsoft.com/mssql/server:2022-latest");

  private static FakeAwsServer secrets;
  private static FakeAwsServer route53;
  private static SqlServerDataPlane plane;
  private static TargetHostPool pool;
  private static InstanceRef source;

  private static MSSQLServerContainer server(String image) {
    return new MSSQLServerContainer(image)
        .acceptLicense()
        .withPassword(PASSWORD)
        .withEnv("MSSQL_AGENT_ENABLED", "true")
        .withEnv("MSSQL_PID", "Developer")
        .withFileSystemBind(BACKUPS.toString(), BACKUP_PATH, BindMode.READ_WRITE);
  }

  private static Path sharedBackupFolder() {
    try {
      Path dir = Files.createTempDirectory("sqlup-backups");
      // SQL Server in the container runs as uid 10001: let it write the shared folder.
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  static void wire() throws Exception {
    secrets =
        SecretsManagerLoginsTest.secretsManager(
            "{\"username\":\"sa\",\"password\":\"" + PASSWORD + "\"}");
    route53 = Route53EndpointTest.route53();
    DynamoDbClient dynamo = Dynalite.client();
    String suffix = UUID.randomUUID().toString();
    OperationJournal.createTable(dynamo, "journal-" + suffix);
    TargetHostPool.createTable(dynamo, "pool-" + suffix);
    pool = new TargetHostPool(dynamo, "pool-" + suffix);
    SecretsManagerLogins logins =
        new SecretsManagerLogins(
            AwsClients.secretsManager(secrets.endpoint()),
            Clock.systemUTC(),
            Duration.ofMinutes(5));
    plane =
        new SqlServerDataPlane(
            new MssqlJdbcConnector(logins, 15, 60),
            new OperationJournal(dynamo, "journal-" + suffix),
            pool,
            new Route53Endpoint(AwsClients.route53(route53.endpoint())),
            Clock.systemUTC(),
            60);
    source =
        new InstanceRef(
            "sales-01",
            "sqlserver",
            "2019",
            "Developer",
            SOURCE.getHost(),
            SOURCE.getMappedPort(1433),
            "sales.db.example.com.",
            SecretsManagerLoginsTest.ARN,
            Map.of(
                "backupLocation",
                BACKUP_PATH,
                "backupStripes",
                "2",
                "trustServerCertificate",
                "true",
                "route53ZoneId",
                "Z1D633PJN98FT9",
                "targetPort",
                Integer.toString(TARGET.getMappedPort(1433))));
    pool.register(
        new TargetHost(
            "sql22-dev-01",
            TARGET.getHost(),
            TARGET.getMappedPort(1433),
            "2022",
            "Developer",
            "mssql.x4.medium",
            4,
            SecretsManagerLoginsTest.ARN,
            "/var/opt/mssql/data",
            "/var/opt/mssql/data",
            true,
            null,
            null));

    sql(
        SOURCE,
        """
        CREATE LOGIN app WITH PASSWORD = 'App-Passw0rd!', CHECK_POLICY = OFF;
        CREATE DATABASE sales;
        ALTER DATABASE sales SET RECOVERY FULL;
        """);
    sql(
        SOURCE,
        """
        USE sales;
        CREATE USER app FOR LOGIN app;
        ALTER LOGIN app WITH DEFAULT_DATABASE = sales;
        CREATE TABLE dbo.orders (id int IDENTITY PRIMARY KEY, note nvarchar(100));
        INSERT INTO dbo.orders (note) SELECT TOP (1000) N'seed' FROM sys.all_objects a CROSS JOIN sys.all_objects b;
        """);
    sql(
        SOURCE,
        "BACKUP DATABASE sales TO DISK = N'" + BACKUP_PATH + "/seed-sales.bak' WITH CHECKSUM");
    sql(
        SOURCE,
        """
        EXEC msdb.dbo.sp_add_job @job_name = N'nightly maintenance', @enabled = 1;
        EXEC msdb.dbo.sp_add_jobstep @job_name = N'nightly maintenance', @step_name = N'noop', @subsystem = N'TSQL', @command = N'SELECT 1';
        EXEC msdb.dbo.sp_add_jobserver @job_name = N'nightly maintenance';
        """);
  }

  @AfterAll
  static void stop() {
    if (secrets != null) {
      secrets.close();
    }
    if (route53 != null) {
      route53.close();
    }
  }

  private static void sql(MSSQLServerContainer server, String batch) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                server.getJdbcUrl() + ";trustServerCertificate=true", "sa", PASSWORD);
        Statement s = c.createStatement()) {
      s.execute(batch);
    }
  }

  private static long scalar(MSSQLServerContainer server, String query) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                server.getJdbcUrl() + ";trustServerCertificate=true", "sa", PASSWORD);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static OperationStatus await(Operation operation) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (Instant.now().isBefore(deadline)) {
      OperationStatus status = plane.poll(operation.key());
      if (status.state() == OperationStatus.State.FAILED) {
        fail(operation.key() + " failed: " + status.error());
      }
      if (status.done()) {
        return status;
      }
      Thread.sleep(1000);
    }
    return fail(operation.key() + " did not finish in 5 minutes");
  }

  @Test
  void workedExample_2019to2022_endToEnd() throws Exception {
    String task = "contract-" + UUID.randomUUID().toString().substring(0, 8);

    SourceInventory inventory = plane.inventory(source);
    assertThat(inventory.databases()).extracting(SourceInventory.Database::name).contains("sales");
    assertThat(plane.recentFullBackups(source, Instant.now(), Duration.ofHours(36)))
        .extracting(BackupRef::database)
        .contains("sales");

    TargetSpec spec =
        new TargetSpec("2022", "Developer", "Basic", "mssql.x4.medium", 4, 4, 500, Map.of());
    OperationStatus created =
        await(
            plane.startCreateTarget(
                OperationKey.of(task, OperationKind.CREATE_TARGET), source, spec));
    TargetRef target = created.target();
    assertThat(
            scalar(
                TARGET,
                "SELECT CAST(value_in_use AS int) FROM sys.configurations WHERE name = 'max server memory (MB)'"))
        .isEqualTo(3072);
    assertThat(scalar(TARGET, "SELECT COUNT(*) FROM sys.server_principals t WHERE t.name = 'app'"))
        .isEqualTo(1);
    assertThat(
            scalar(
                TARGET,
                "SELECT CAST(enabled AS int) FROM msdb.dbo.sysjobs WHERE name = N'nightly maintenance'"))
        .isZero();

    BackupRef full =
        await(
                plane.startFullBackup(
                    new OperationKey(task, OperationKind.FULL_BACKUP, "sales", 0), source, "sales"))
            .backup();
    assertThat(MediaSet.parse(full.mediaLocation()).locations()).hasSize(2);
    await(
        plane.startRestoreFull(
            new OperationKey(task, OperationKind.RESTORE_FULL, "sales", 0), target, full));

    sql(
        SOURCE,
        "INSERT INTO sales.dbo.orders (note) SELECT TOP (100) N'round 1' FROM sys.all_objects");
    BackupRef log1 =
        await(
                plane.startLogBackup(
                    new OperationKey(task, OperationKind.LOG_BACKUP, "sales", 1),
                    source,
                    "sales",
                    false))
            .backup();
    await(
        plane.startRestoreLog(
            new OperationKey(task, OperationKind.RESTORE_LOG, "sales", 1), target, log1));

    sql(SOURCE, "INSERT INTO sales.dbo.orders (note) SELECT TOP (10) N'last' FROM sys.all_objects");
    assertThat(plane.preSwitchWarnings(source)).isEmpty();
    assertThat(plane.oldestOpenTransaction(source))
        .isEmpty(); // the cutover guard's DMV query (issue 13)
    BackupRef tail =
        await(
                plane.startLogBackup(
                    new OperationKey(task, OperationKind.TAIL_LOG_BACKUP, "sales", 0),
                    source,
                    "sales",
                    true))
            .backup();
    await(
        plane.startRestoreTail(
            new OperationKey(task, OperationKind.RESTORE_TAIL_WITH_RECOVERY, "sales", 0),
            target,
            tail,
            true));
    Lsn restored = plane.lastRestoredLsn(target, "sales");
    LsnChain.checkNoDataLoss(restored, tail);
    assertThat(scalar(TARGET, "SELECT COUNT(*) FROM sales.dbo.orders")).isEqualTo(1110);
    assertThat(
            scalar(
                TARGET,
                "SELECT CAST(is_accelerated_database_recovery_on AS int) FROM sys.databases WHERE name = 'sales'"))
        .isEqualTo(1);
    assertThat(scalar(TARGET, "SELECT compatibility_level FROM sys.databases WHERE name = 'sales'"))
        .isEqualTo(150); // kept
    assertThat(
            scalar(
                TARGET,
                """
        SELECT COUNT(*) FROM sales.sys.database_principals dp LEFT JOIN sys.server_principals sp ON sp.sid = dp.sid
         WHERE dp.name = 'app' AND sp.sid IS NULL"""))
        .as("orphaned users")
        .isZero();

    OperationStatus moved =
        await(
            plane.startMoveEndpoint(
                OperationKey.of(task, OperationKind.MOVE_ENDPOINT), source, target));
    assertThat(moved.target()).isEqualTo(target);
    assertThat(route53.requests.get(0).body()).contains("<Value>" + TARGET.getHost() + "</Value>");
    assertThat(
            scalar(
                TARGET,
                "SELECT CAST(enabled AS int) FROM msdb.dbo.sysjobs WHERE name = N'nightly maintenance'"))
        .isEqualTo(1);
    assertThat(
            scalar(
                TARGET,
                "SELECT COUNT(*) FROM sys.server_principals WHERE name = 'app' AND default_database_name = 'sales'"))
        .isEqualTo(1);
  }

  @Test
  void rollbackAfterTheTailLogBackup_bringsTheSourceBack() throws Exception {
    sql(SOURCE, "CREATE DATABASE crm; ALTER DATABASE crm SET RECOVERY FULL;");
    sql(SOURCE, "BACKUP DATABASE crm TO DISK = N'" + BACKUP_PATH + "/seed-crm.bak'");
    String task = "rollback-" + UUID.randomUUID().toString().substring(0, 8);

    await(
        plane.startLogBackup(
            new OperationKey(task, OperationKind.TAIL_LOG_BACKUP, "crm", 0), source, "crm", true));
    assertThat(
            scalar(
                SOURCE,
                "SELECT CASE state_desc WHEN 'RESTORING' THEN 1 ELSE 0 END FROM sys.databases WHERE name = 'crm'"))
        .isEqualTo(1);

    plane.recoverSource(source, "crm");
    plane.recoverSource(source, "crm");
    assertThat(
            scalar(
                SOURCE,
                "SELECT CASE state_desc WHEN 'ONLINE' THEN 1 ELSE 0 END FROM sys.databases WHERE name = 'crm'"))
        .isEqualTo(1);
  }

  @Test
  void hostileDatabaseName_survivesBackupAndRestore() throws Exception {
    String name = "x]; DROP DATABASE y;-- Ünï";
    sql(
        SOURCE,
        "CREATE DATABASE "
            + SqlText.quoteName(name)
            + "; ALTER DATABASE "
            + SqlText.quoteName(name)
            + " SET RECOVERY FULL;");
    String task = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
    BackupRef full =
        await(
                plane.startFullBackup(
                    new OperationKey(task, OperationKind.FULL_BACKUP, name, 0), source, name))
            .backup();
    assertThat(full.database()).isEqualTo(name);
    assertThat(
            List.of(
                scalar(
                    SOURCE,
                    "SELECT COUNT(*) FROM sys.databases WHERE name = " + SqlText.literal(name))))
        .containsExactly(1L);
  }
}
