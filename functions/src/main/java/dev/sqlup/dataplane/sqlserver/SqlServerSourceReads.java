package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.OpenTransaction;
import dev.sqlup.dataplane.SourceInventory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the real data plane reads from a source: discovery, inventory, backup history, open
 * transactions.
 */
final class SqlServerSourceReads {
  private static final String DATABASES =
      """
      SELECT d.name, d.recovery_model_desc, ls.log_end_lsn,
             (SELECT SUM(CAST(mf.size AS bigint)) * 8192 FROM sys.master_files mf WHERE mf.database_id = d.database_id AND mf.type = 0) AS data_bytes
        FROM sys.databases d
       CROSS APPLY sys.dm_db_log_stats(d.database_id) ls
       WHERE d.database_id > 4 AND d.state_desc = 'ONLINE' AND d.source_database_id IS NULL
       ORDER BY d.name
      """;

  /**
   * sys.dm_tran_active_transactions / sys.dm_tran_database_transactions /
   * sys.dm_tran_session_transactions (system-dynamic-management-views).
   */
  private static final String LONG_TRANSACTIONS =
      """
      SELECT DB_NAME(dt.database_id) AS db, st.session_id, DATEDIFF(MINUTE, at.transaction_begin_time, GETDATE()) AS minutes
        FROM sys.dm_tran_database_transactions dt
        JOIN sys.dm_tran_active_transactions at ON at.transaction_id = dt.transaction_id
        JOIN sys.dm_tran_session_transactions st ON st.transaction_id = dt.transaction_id
       WHERE dt.database_id > 4 AND at.transaction_begin_time < DATEADD(MINUTE, -?, GETDATE())
      """;

  private static final String OLDEST_OPEN_TRANSACTION =
      """
      SELECT TOP (1) DB_NAME(dt.database_id) AS db, st.session_id,
             DATEDIFF(SECOND, at.transaction_begin_time, GETDATE()) AS age_seconds
        FROM sys.dm_tran_database_transactions dt
        JOIN sys.dm_tran_active_transactions at ON at.transaction_id = dt.transaction_id
        JOIN sys.dm_tran_session_transactions st ON st.transaction_id = dt.transaction_id
       WHERE dt.database_id > 4
       ORDER BY at.transaction_begin_time
      """;
  private static final String INDEX_WORK =
      """
      SELECT r.session_id, DB_NAME(r.database_id) AS db, r.command, r.percent_complete
        FROM sys.dm_exec_requests r
       WHERE r.command IN ('ALTER INDEX', 'CREATE INDEX', 'DBCC DBREINDEX', 'DBCC INDEXDEFRAG', 'ALTER TABLE') AND r.database_id > 4
      """;
  private final SqlCalls calls;
  private final Clock clock;

  SqlServerSourceReads(SqlCalls calls, Clock clock) {
    this.calls = calls;
    this.clock = clock;
  }

  /**
   * Discovery ({@link SourceDiscovery}, queries in {@link CatalogQueries}); properties {@code
   * logRateWindowHours} (msdb log backups considered, default 72) and {@code logSampleSeconds}
   * (interval of the two log-file samples when there are none, default 10).
   */
  dev.sqlup.domain.SourceInventory describeSource(InstanceRef source) {
    Duration window =
        Duration.ofHours(
            Long.parseLong(source.properties().getOrDefault("logRateWindowHours", "72")));
    Duration sample =
        Duration.ofSeconds(
            Long.parseLong(source.properties().getOrDefault("logSampleSeconds", "10")));
    SourceDiscovery discovery =
        new SourceDiscovery(window, sample, d -> Thread.sleep(d.toMillis()));
    return calls.on(
        SqlEndpoint.of(source),
        "discovery of " + source.instanceId(),
        c ->
            discovery.describe(
                SourceDiscovery.jdbc(c, calls.queryTimeoutSeconds()),
                clock.instant(),
                calls.serverOffset(c),
                media -> calls.labelReadable(c, media)));
  }

  SourceInventory inventory(InstanceRef source) {
    return calls.on(
        SqlEndpoint.of(source),
        "inventory of " + source.instanceId(),
        c -> {
          List<SourceInventory.Database> databases = new ArrayList<>();
          try (PreparedStatement statement = calls.prepare(c, DATABASES);
              ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              databases.add(
                  new SourceInventory.Database(
                      rs.getString("name"),
                      rs.getLong("data_bytes"),
                      SourceInventory.RecoveryModel.valueOf(rs.getString("recovery_model_desc")),
                      LsnText.fromHexTriple(rs.getString("log_end_lsn"))));
            }
          }
          long logRate =
              calls
                  .history(c)
                  .logBytesPerHour(c, calls.serverName(c), clock.instant(), Duration.ofHours(24));
          return new SourceInventory(databases, logRate);
        });
  }

  /** Precheck: databases in SIMPLE recovery have no log backups, so they cannot be log-shipped. */
  public static List<String> simpleRecoveryDatabases(SourceInventory inventory) {
    return inventory.databases().stream()
        .filter(d -> d.recoveryModel() == SourceInventory.RecoveryModel.SIMPLE)
        .map(SourceInventory.Database::name)
        .toList();
  }

  List<BackupRef> recentFullBackups(InstanceRef source, Instant now, Duration maxAge) {
    return calls.on(
        SqlEndpoint.of(source),
        "backup history of " + source.instanceId(),
        c ->
            calls
                .history(c)
                .recentFullBackups(
                    c, calls.serverName(c), now, maxAge, media -> calls.labelReadable(c, media)));
  }

  List<String> preSwitchWarnings(InstanceRef source) {
    int minutes =
        Integer.parseInt(source.properties().getOrDefault("longTransactionMinutes", "10"));
    return calls.on(
        SqlEndpoint.of(source),
        "pre-switch checks of " + source.instanceId(),
        c -> {
          List<String> warnings = new ArrayList<>();
          try (PreparedStatement statement = calls.prepare(c, LONG_TRANSACTIONS)) {
            statement.setInt(1, minutes);
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                warnings.add(
                    "LONG_TRANSACTION: session "
                        + rs.getInt("session_id")
                        + " has a transaction open for "
                        + rs.getInt("minutes")
                        + " min in database "
                        + rs.getString("db")
                        + "; the tail-log backup and recovery will wait for it");
              }
            }
          }
          try (PreparedStatement statement = calls.prepare(c, INDEX_WORK);
              ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              warnings.add(
                  "INDEX_MAINTENANCE: session "
                      + rs.getInt("session_id")
                      + " runs "
                      + rs.getString("command")
                      + " in database "
                      + rs.getString("db")
                      + " ("
                      + Math.round(rs.getDouble("percent_complete"))
                      + " %); it generates log that must be shipped");
            }
          }
          warnings.addAll(
              PrivilegedSessions.warnings(SourceDiscovery.jdbc(c, calls.queryTimeoutSeconds())));
          return warnings;
        });
  }

  Optional<OpenTransaction> oldestOpenTransaction(InstanceRef source) {
    return calls.on(
        SqlEndpoint.of(source),
        "open transactions of " + source.instanceId(),
        c -> {
          try (PreparedStatement statement = calls.prepare(c, OLDEST_OPEN_TRANSACTION);
              ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
              return Optional.<OpenTransaction>empty();
            }
            // The age, not the begin time: transaction_begin_time is in the server's local time
            // zone.
            return Optional.of(
                new OpenTransaction(
                    rs.getString("db"),
                    Integer.toString(rs.getInt("session_id")),
                    clock.instant().minusSeconds(rs.getLong("age_seconds"))));
          }
        });
  }

  /** {@link LogSinceLastBackup}: sys.dm_db_log_stats on 2016 SP2 and later, else empty. */
  OptionalLong logSinceLastBackup(InstanceRef source, String database) {
    return calls.on(
        SqlEndpoint.of(source),
        "log since the last log backup of " + database,
        c ->
            LogSinceLastBackup.read(
                SourceDiscovery.jdbc(c, calls.queryTimeoutSeconds()), database));
  }
}
