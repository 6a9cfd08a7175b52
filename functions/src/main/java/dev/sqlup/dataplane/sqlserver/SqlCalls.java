package dev.sqlup.dataplane.sqlserver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * One connection per unit of work (SQL errors translated to data plane errors), and the small
 * catalog reads every operation makes on the connection it holds: server name, time zone, edition,
 * database state.
 */
final class SqlCalls {
  private static final String DATABASE_STATE =
      "SELECT state_desc, recovery_model_desc FROM sys.databases WHERE name = ?";
  private static final String DATA_BYTES =
      "SELECT SUM(CAST(size AS bigint)) * 8192 FROM sys.master_files WHERE database_id = DB_ID(?) AND type = 0";

  private final SqlConnector connector;
  private final int queryTimeoutSeconds;

  SqlCalls(SqlConnector connector, int queryTimeoutSeconds) {
    this.connector = connector;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  <T> T on(SqlEndpoint endpoint, String what, SqlWork<T> work) {
    try (Connection connection = connector.open(endpoint)) {
      return work.run(connection);
    } catch (SQLException e) {
      throw SqlErrors.translate(what, e);
    }
  }

  ZoneOffset serverOffset(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT DATEDIFF(MINUTE, GETUTCDATE(), GETDATE())")) {
      rs.next();
      return ZoneOffset.ofTotalSeconds((int) Math.round(rs.getInt(1) / 15.0) * 15 * 60);
    }
  }

  /**
   * RESTORE LABELONLY reads only the media header: the files are still there and readable by the
   * server.
   */
  boolean labelReadable(Connection connection, MediaSet media) {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(queryTimeoutSeconds);
      statement.execute(TSql.restoreLabelOnly(media));
      return true;
    } catch (SQLException gone) {
      return false;
    }
  }

  BackupHistory history(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT DATEDIFF(MINUTE, GETUTCDATE(), GETDATE())")) {
      rs.next();
      // The two clock reads are not simultaneous: round to the 15-minute steps time zones use.
      int minutes = (int) Math.round(rs.getInt(1) / 15.0) * 15;
      return new BackupHistory(ZoneOffset.ofTotalSeconds(minutes * 60));
    }
  }

  /**
   * @@SERVERNAME: https://learn.microsoft.com/en-us/sql/t-sql/functions/servername-transact-sql
   */
  String serverName(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@SERVERNAME")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * SERVERPROPERTY('Edition'):
   * https://learn.microsoft.com/en-us/sql/t-sql/functions/serverproperty-transact-sql. Web and
   * Express cannot compress backups.
   */
  boolean compressionAllowed(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT CAST(SERVERPROPERTY('Edition') AS nvarchar(128))")) {
      rs.next();
      return MetadataChange.editionCompresses(rs.getString(1));
    }
  }

  Optional<String[]> databaseState(Connection connection, String database) throws SQLException {
    try (PreparedStatement statement = prepare(connection, DATABASE_STATE)) {
      statement.setString(1, database);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next()
            ? Optional.of(new String[] {rs.getString(1), rs.getString(2)})
            : Optional.empty();
      }
    }
  }

  long dataBytes(Connection connection, String database) throws SQLException {
    try (PreparedStatement statement = prepare(connection, DATA_BYTES)) {
      statement.setString(1, database);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setQueryTimeout(queryTimeoutSeconds);
    return statement;
  }

  int queryTimeoutSeconds() {
    return queryTimeoutSeconds;
  }
}
