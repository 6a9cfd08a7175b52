package dev.sqlup.dataplane.sqlserver;

import static dev.sqlup.dataplane.sqlserver.SqlText.binary;
import static dev.sqlup.dataplane.sqlserver.SqlText.literal;
import static dev.sqlup.dataplane.sqlserver.SqlText.quoteName;

import dev.sqlup.dataplane.PermanentDataPlaneException;

/**
 * The instance-level T-SQL of a new target: its configuration, the logins copied from the source
 * (with their SIDs and password hashes) and the server roles. Apart from {@link TSql} because these
 * act on the server, not on one database. Names and strings go through {@link SqlText} only.
 */
public final class TSqlInstance {
  private TSqlInstance() {}

  /**
   * A SQL login copied with its SID and password hash, or a Windows login/group (hash and SID
   * null).
   */
  public record LoginDef(
      String name,
      boolean windows,
      String sidHex,
      String passwordHashHex,
      boolean checkPolicy,
      boolean checkExpiration,
      boolean disabled) {
    @Override
    public String toString() {
      // The hash is not the password but is still a secret worth keeping out of logs.
      return "LoginDef[name=" + name + ", windows=" + windows + ", disabled=" + disabled + "]";
    }
  }

  // ---- instance configuration:
  // https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-configure-transact-sql

  /**
   * max server memory
   * (https://learn.microsoft.com/en-us/sql/database-engine/configure-windows/server-memory-server-configuration-options)
   * is dynamic; user connections
   * (https://learn.microsoft.com/en-us/sql/database-engine/configure-windows/configure-the-user-connections-server-configuration-option)
   * takes effect after the service restarts. Both are advanced options.
   */
  public static String configureInstance(int maxServerMemoryMb, int userConnections) {
    if (maxServerMemoryMb < 128 || userConnections < 0 || userConnections > 32767) {
      throw new PermanentDataPlaneException(
          "INVALID_CONFIGURATION: memory "
              + maxServerMemoryMb
              + " MB, connections "
              + userConnections);
    }
    return "EXEC sp_configure N'show advanced options', 1;\nRECONFIGURE;\n"
        + "EXEC sp_configure N'max server memory (MB)', "
        + maxServerMemoryMb
        + ";\n"
        + "EXEC sp_configure N'user connections', "
        + userConnections
        + ";\nRECONFIGURE;";
  }

  /**
   * CREATE LOGIN ... WITH PASSWORD = hash HASHED, SID = sid keeps the login's password and its SID,
   * so database users restored with the databases map to it (no orphans):
   * https://learn.microsoft.com/en-us/sql/t-sql/statements/create-login-transact-sql. Windows
   * logins take their SID from the domain. Skipped when the login exists.
   */
  public static String createLoginIfAbsent(LoginDef login) {
    StringBuilder sql = new StringBuilder();
    sql.append("IF SUSER_ID(")
        .append(literal(SqlText.validateIdentifier(login.name())))
        .append(") IS NULL\n");
    sql.append("BEGIN\n");
    if (login.windows()) {
      sql.append("  CREATE LOGIN ").append(quoteName(login.name())).append(" FROM WINDOWS;\n");
    } else {
      sql.append("  CREATE LOGIN ")
          .append(quoteName(login.name()))
          .append(" WITH PASSWORD = ")
          .append(binary(login.passwordHashHex()))
          .append(" HASHED")
          .append(", SID = ")
          .append(binary(login.sidHex()))
          .append(", CHECK_POLICY = ")
          .append(login.checkPolicy() ? "ON" : "OFF")
          .append(", CHECK_EXPIRATION = ")
          .append(login.checkExpiration() ? "ON" : "OFF")
          .append(";\n");
    }
    if (login.disabled()) {
      sql.append("  ALTER LOGIN ").append(quoteName(login.name())).append(" DISABLE;\n");
    }
    sql.append("END");
    return sql.toString();
  }

  /**
   * Logins are created with master as default database (their own may not be restored yet); after
   * recovery each gets its source default back:
   * https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-login-transact-sql
   */
  public static String setDefaultDatabase(String login, String database) {
    return "IF SUSER_ID("
        + literal(SqlText.validateIdentifier(login))
        + ") IS NOT NULL AND DB_ID("
        + literal(SqlText.validateIdentifier(database))
        + ") IS NOT NULL ALTER LOGIN "
        + quoteName(login)
        + " WITH DEFAULT_DATABASE = "
        + quoteName(database);
  }

  /** https://learn.microsoft.com/en-us/sql/t-sql/statements/create-server-role-transact-sql */
  public static String createServerRoleIfAbsent(String role) {
    return "IF SUSER_ID("
        + literal(SqlText.validateIdentifier(role))
        + ") IS NULL CREATE SERVER ROLE "
        + quoteName(role);
  }

  /** https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-server-role-transact-sql */
  public static String addServerRoleMember(String role, String member) {
    // Only when the member exists on the target: logins sqlup does not copy (service accounts) are
    // skipped.
    return "IF SUSER_ID("
        + literal(SqlText.validateIdentifier(member))
        + ") IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sys.server_role_members rm"
        + " JOIN sys.server_principals r ON r.principal_id = rm.role_principal_id"
        + " JOIN sys.server_principals m ON m.principal_id = rm.member_principal_id"
        + " WHERE r.name = "
        + literal(SqlText.validateIdentifier(role))
        + " AND m.name = "
        + literal(SqlText.validateIdentifier(member))
        + ") ALTER SERVER ROLE "
        + quoteName(role)
        + " ADD MEMBER "
        + quoteName(member);
  }
}
