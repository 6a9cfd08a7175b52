package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TargetSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a prepared pool host the new instance: sizes it for the instance type, and copies from the
 * source what is not inside the databases: logins with their SIDs and password hashes (so restored
 * database users are not orphaned), user-defined server roles and memberships, and SQL Agent jobs
 * (created disabled; the ones enabled on the source are enabled at switchover). Every statement is
 * idempotent, so a retried create re-runs it safely. Password hashes are read and written over the
 * connection only: never logged, never stored, never put into an Agent job.
 */
public final class TargetConfigurator {
  /**
   * Logins: sys.server_principals (.../system-catalog-views/sys-server-principals-transact-sql),
   * sys.sql_logins, LOGINPROPERTY PasswordHash
   * (https://learn.microsoft.com/en-us/sql/t-sql/functions/loginproperty-transact-sql).
   */
  private static final String LOGINS =
      """
      SELECT p.name, p.type, p.is_disabled, CONVERT(varchar(200), p.sid, 1) AS sid_hex,
             CONVERT(varchar(600), CAST(LOGINPROPERTY(p.name, 'PasswordHash') AS varbinary(256)), 1) AS hash_hex,
             l.is_policy_checked, l.is_expiration_checked
        FROM sys.server_principals p
        LEFT JOIN sys.sql_logins l ON l.principal_id = p.principal_id
       WHERE p.type IN ('S', 'U', 'G') AND p.name NOT LIKE '##%' AND p.name NOT LIKE 'NT SERVICE\\%'
         AND p.name NOT LIKE 'NT AUTHORITY\\%' AND p.principal_id <> 1 AND p.name <> SUSER_SNAME()
      """;

  private static final String TARGET_SID =
      "SELECT CONVERT(varchar(200), sid, 1) FROM sys.server_principals WHERE name = ?";
  private static final String USER_ROLES =
      "SELECT name FROM sys.server_principals WHERE type = 'R' AND is_fixed_role = 0 AND principal_id > 10";

  /**
   * sys.server_role_members:
   * https://learn.microsoft.com/en-us/sql/relational-databases/system-catalog-views/sys-server-role-members-transact-sql
   */
  private static final String MEMBERS =
      """
      SELECT r.name AS role_name, m.name AS member_name
        FROM sys.server_role_members rm
        JOIN sys.server_principals r ON r.principal_id = rm.role_principal_id
        JOIN sys.server_principals m ON m.principal_id = rm.member_principal_id
       WHERE m.name NOT LIKE '##%' AND m.principal_id <> 1 AND m.name <> SUSER_SNAME() AND m.type IN ('S', 'U', 'G', 'R')
      """;

  /**
   * msdb.dbo.sysjobs, sysjobsteps, sysjobschedules, sysschedules, syscategories
   * (.../system-tables/).
   */
  private static final String JOBS =
      """
      SELECT j.job_id, j.name, j.enabled, j.description, c.name AS category
        FROM msdb.dbo.sysjobs j LEFT JOIN msdb.dbo.syscategories c ON c.category_id = j.category_id
       WHERE j.name NOT LIKE 'sqlup %'
      """;

  private static final String STEPS =
      """
      SELECT step_id, step_name, subsystem, command, database_name, on_success_action, on_success_step_id,
             on_fail_action, on_fail_step_id, retry_attempts, retry_interval
        FROM msdb.dbo.sysjobsteps WHERE job_id = ? ORDER BY step_id
      """;
  private static final String SCHEDULES =
      """
      SELECT s.name, s.enabled, s.freq_type, s.freq_interval, s.freq_subday_type, s.freq_subday_interval,
             s.freq_relative_interval, s.freq_recurrence_factor, s.active_start_date, s.active_end_date,
             s.active_start_time, s.active_end_time
        FROM msdb.dbo.sysjobschedules js JOIN msdb.dbo.sysschedules s ON s.schedule_id = js.schedule_id
       WHERE js.job_id = ?
      """;

  private static final String DEFAULT_DATABASES =
      """
      SELECT name, default_database_name FROM sys.server_principals
       WHERE type IN ('S', 'U', 'G') AND default_database_name <> N'master' AND name NOT LIKE '##%'
         AND principal_id <> 1 AND name <> SUSER_SNAME()
      """;

  private final int queryTimeoutSeconds;

  public TargetConfigurator(int queryTimeoutSeconds) {
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  /** About 75 % of the instance type's memory for the buffer pool, the rest for the OS. */
  public static int maxServerMemoryMb(int memoryGib) {
    return Math.max(128, memoryGib * 1024 * 3 / 4);
  }

  /**
   * Returns the names of the copied jobs that were enabled on the source (enabled at switchover).
   */
  public List<String> configure(Connection source, Connection target, TargetSpec spec)
      throws SQLException {
    execute(
        target,
        TSqlInstance.configureInstance(
            maxServerMemoryMb(spec.memoryGib()),
            Math.min(32767, Math.max(0, spec.maxConnections()))));
    copyLogins(source, target);
    copyServerRoles(source, target);
    return copyJobs(source, target);
  }

  /** After recovery: each copied login gets the default database it has on the source. */
  public void restoreDefaultDatabases(Connection source, Connection target) throws SQLException {
    List<String[]> defaults = new ArrayList<>();
    try (PreparedStatement statement = prepare(source, DEFAULT_DATABASES);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        defaults.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    for (String[] pair : defaults) {
      execute(target, TSqlInstance.setDefaultDatabase(pair[0], pair[1]));
    }
  }

  private void copyLogins(Connection source, Connection target) throws SQLException {
    List<TSqlInstance.LoginDef> logins = new ArrayList<>();
    try (PreparedStatement statement = prepare(source, LOGINS);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        boolean windows = !"S".equals(rs.getString("type").trim());
        logins.add(
            new TSqlInstance.LoginDef(
                rs.getString("name"),
                windows,
                rs.getString("sid_hex"),
                windows ? null : rs.getString("hash_hex"),
                rs.getBoolean("is_policy_checked"),
                rs.getBoolean("is_expiration_checked"),
                rs.getBoolean("is_disabled")));
      }
    }
    List<String> conflicts = new ArrayList<>();
    for (TSqlInstance.LoginDef login : logins) {
      execute(target, TSqlInstance.createLoginIfAbsent(login));
      if (!login.windows()) {
        try (PreparedStatement statement = prepare(target, TARGET_SID)) {
          statement.setString(1, login.name());
          try (ResultSet rs = statement.executeQuery()) {
            if (rs.next() && !login.sidHex().equalsIgnoreCase(rs.getString(1))) {
              conflicts.add(login.name());
            }
          }
        }
      }
    }
    if (!conflicts.isEmpty()) {
      throw new PermanentDataPlaneException(
          "LOGIN_SID_CONFLICT: the target already has logins with other SIDs "
              + "(their database users would be orphaned): "
              + conflicts);
    }
  }

  private void copyServerRoles(Connection source, Connection target) throws SQLException {
    try (PreparedStatement statement = prepare(source, USER_ROLES);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        execute(target, TSqlInstance.createServerRoleIfAbsent(rs.getString(1)));
      }
    }
    List<String[]> members = new ArrayList<>();
    try (PreparedStatement statement = prepare(source, MEMBERS);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        members.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    for (String[] pair : members) {
      execute(target, TSqlInstance.addServerRoleMember(pair[0], pair[1]));
    }
  }

  private List<String> copyJobs(Connection source, Connection target) throws SQLException {
    Map<String, Object[]> jobs = new LinkedHashMap<>();
    try (PreparedStatement statement = prepare(source, JOBS);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        jobs.put(
            rs.getString("name"),
            new Object[] {
              rs.getObject("job_id"),
              rs.getInt("enabled"),
              rs.getString("description"),
              rs.getString("category")
            });
      }
    }
    List<String> enabledOnSource = new ArrayList<>();
    for (Map.Entry<String, Object[]> job : jobs.entrySet()) {
      Object jobId = job.getValue()[0];
      List<TSqlAgentJobs.JobStepDef> steps = new ArrayList<>();
      try (PreparedStatement statement = prepare(source, STEPS)) {
        statement.setObject(1, jobId);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            steps.add(
                new TSqlAgentJobs.JobStepDef(
                    rs.getInt("step_id"),
                    rs.getString("step_name"),
                    rs.getString("subsystem"),
                    rs.getString("command"),
                    rs.getString("database_name"),
                    rs.getInt("on_success_action"),
                    rs.getInt("on_success_step_id"),
                    rs.getInt("on_fail_action"),
                    rs.getInt("on_fail_step_id"),
                    rs.getInt("retry_attempts"),
                    rs.getInt("retry_interval")));
          }
        }
      }
      List<TSqlAgentJobs.ScheduleDef> schedules = new ArrayList<>();
      try (PreparedStatement statement = prepare(source, SCHEDULES)) {
        statement.setObject(1, jobId);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            schedules.add(
                new TSqlAgentJobs.ScheduleDef(
                    rs.getString(1),
                    rs.getInt(2),
                    rs.getInt(3),
                    rs.getInt(4),
                    rs.getInt(5),
                    rs.getInt(6),
                    rs.getInt(7),
                    rs.getInt(8),
                    rs.getInt(9),
                    rs.getInt(10),
                    rs.getInt(11),
                    rs.getInt(12)));
          }
        }
      }
      execute(
          target,
          TSqlAgentJobs.copyJobDisabled(
              new TSqlAgentJobs.JobDef(
                  job.getKey(),
                  (String) job.getValue()[2],
                  (String) job.getValue()[3],
                  steps,
                  schedules)));
      if ((int) job.getValue()[1] == 1) {
        enabledOnSource.add(job.getKey());
      }
    }
    return enabledOnSource;
  }

  private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setQueryTimeout(queryTimeoutSeconds);
    return statement;
  }

  private void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(queryTimeoutSeconds);
      statement.execute(sql);
    }
  }
}
