package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.TargetSpec;
import dev.sqlup.dataplane.TransientDataPlaneException;
import dev.sqlup.testing.DynaliteExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs operations with a known password (served by a local Secrets Manager under the real SDK, used
 * by the real mssql-jdbc driver at FINEST logging) and asserts it appears in no log record, no
 * exception message or stack trace, no stored journal item and no returned record.
 */
@ExtendWith(DynaliteExtension.class)
class SecretHygieneTest {
  private static final String PASSWORD = "Kn0wn-P@ssw0rd-7731";

  private final List<LogRecord> records = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (records) {
            records.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final Logger driverLogger = Logger.getLogger("com.microsoft.sqlserver.jdbc");
  private Level previousLevel;
  private FakeAwsServer secrets;

  @BeforeEach
  void captureLogs() {
    previousLevel = driverLogger.getLevel();
    driverLogger.setLevel(Level.FINEST);
    capture.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(capture);
    secrets =
        SecretsManagerLoginsTest.secretsManager(
            "{\"username\":\"sqlup\",\"password\":\"" + PASSWORD + "\"}");
  }

  @AfterEach
  void restore() {
    Logger.getLogger("").removeHandler(capture);
    driverLogger.setLevel(previousLevel);
    secrets.close();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String everything(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void tlsIsOnAndCertificatesAreValidatedUnlessTheInstanceOptsOut() {
    MssqlJdbcConnector connector = new MssqlJdbcConnector(null, 15, 30);
    Properties strict = connector.properties(new SqlEndpoint("h", 1433, "arn:x", false, null), "u");
    assertThat(strict.getProperty("encrypt")).isEqualTo("true");
    assertThat(strict.getProperty("trustServerCertificate")).isEqualTo("false");
    assertThat(strict.getProperty("loginTimeout")).isEqualTo("15");
    assertThat(strict.getProperty("queryTimeout")).isEqualTo("30");
    assertThat(strict).doesNotContainKey("password");
    InstanceRef optOut =
        new InstanceRef(
            "i",
            "sqlserver",
            "2019",
            "Standard",
            "h",
            1433,
            "e",
            "arn:x",
            Map.of("trustServerCertificate", "true"));
    assertThat(
            connector.properties(SqlEndpoint.of(optOut), "u").getProperty("trustServerCertificate"))
        .isEqualTo("true");
    assertThat(
            MssqlJdbcConnector.url(new SqlEndpoint("db.example.com", 1433, "arn:x", false, null)))
        .isEqualTo("jdbc:sqlserver://db.example.com:1433");
  }

  @Test
  void knownPassword_appearsNowhere(DynamoDbClient dynamo) throws Exception {
    SecretsManagerLogins logins =
        new SecretsManagerLogins(
            AwsClients.secretsManager(secrets.endpoint()),
            Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC),
            Duration.ofMinutes(5));
    MssqlJdbcConnector connector = new MssqlJdbcConnector(logins, 2, 5);
    String suffix = UUID.randomUUID().toString();
    OperationJournal.createTable(dynamo, "journal-" + suffix);
    TargetHostPool.createTable(dynamo, "pool-" + suffix);
    OperationJournal journal = new OperationJournal(dynamo, "journal-" + suffix);
    TargetHostPool pool = new TargetHostPool(dynamo, "pool-" + suffix);
    SqlServerDataPlane plane =
        new SqlServerDataPlane(connector, journal, pool, null, Clock.systemUTC(), 5);

    // A server that accepts and hangs up at once (the driver gets as far as the pre-login
    // handshake) ...
    List<Throwable> errors = new ArrayList<>();
    try (ServerSocket hangUp = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                while (!hangUp.isClosed()) {
                  try (Socket s = hangUp.accept()) {
                    s.getInputStream().read(new byte[64]);
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      InstanceRef hanging =
          new InstanceRef(
              "sales-01",
              "sqlserver",
              "2019",
              "Standard",
              "127.0.0.1",
              hangUp.getLocalPort(),
              "sales.example.com.",
              SecretsManagerLoginsTest.ARN,
              Map.of("backupLocation", "/backup"));
      errors.add(catchThrowable(() -> plane.inventory(hanging)));
    }
    // ... and a port nobody listens on.
    InstanceRef closed =
        new InstanceRef(
            "sales-01",
            "sqlserver",
            "2019",
            "Standard",
            "127.0.0.1",
            closedPort(),
            "sales.example.com.",
            SecretsManagerLoginsTest.ARN,
            Map.of("backupLocation", "/backup"));
    errors.add(catchThrowable(() -> plane.inventory(closed)));
    errors.add(
        catchThrowable(
            () ->
                plane.startFullBackup(
                    new OperationKey("t-1", OperationKind.FULL_BACKUP, "sales", 0),
                    closed,
                    "sales")));
    errors.add(catchThrowable(() -> plane.recoverSource(closed, "sales")));
    errors.add(catchThrowable(() -> plane.preSwitchWarnings(closed)));
    errors.add(
        catchThrowable(
            () ->
                plane.startCreateTarget(
                    OperationKey.of("t-1", OperationKind.CREATE_TARGET),
                    closed,
                    new TargetSpec(
                        "2022", "Standard", "HA", "mssql.x4.medium", 4, 8, 2000, Map.of()))));

    assertThat(errors)
        .allSatisfy(
            error -> {
              assertThat(error).isInstanceOf(TransientDataPlaneException.class);
              assertThat(everything(error)).doesNotContain(PASSWORD);
            });
    assertThat(secrets.requests)
        .hasSize(1); // cached per container: one GetSecretValue for all of the above
    synchronized (records) {
      assertThat(records).isNotEmpty();
      assertThat(records)
          .allSatisfy(
              record -> {
                assertThat(String.valueOf(record.getMessage())).doesNotContain(PASSWORD);
                assertThat(String.valueOf(java.util.Arrays.toString(record.getParameters())))
                    .doesNotContain(PASSWORD);
                if (record.getThrown() != null) {
                  assertThat(everything(record.getThrown())).doesNotContain(PASSWORD);
                }
              });
    }
    assertThat(dynamo.scan(b -> b.tableName("journal-" + suffix)).items().toString())
        .doesNotContain(PASSWORD);
    assertThat(logins.login(SecretsManagerLoginsTest.ARN).toString()).doesNotContain(PASSWORD);
  }
}
