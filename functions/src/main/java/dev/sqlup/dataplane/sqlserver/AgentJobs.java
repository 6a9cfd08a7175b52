package dev.sqlup.dataplane.sqlserver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Long operations run as SQL Server Agent jobs on the instance that does the work, so they outlive
 * the Lambda invocation that started them (a 600 GB backup takes hours, a Lambda at most 15
 * minutes). The job name is derived from the operation key: creating is skipped when the job exists
 * and starting is skipped once msdb shows a run was requested, so a retried start never runs the
 * work twice.
 *
 * <p>State comes from msdb.dbo.sysjobs (.../system-tables/dbo-sysjobs-transact-sql), sysjobactivity
 * (.../dbo-sysjobactivity-transact-sql), syssessions (.../dbo-syssessions-transact-sql) and
 * sysjobhistory (.../dbo-sysjobhistory-transact-sql), all under
 * https://learn.microsoft.com/en-us/sql/relational-databases/system-tables/. Progress comes from
 * sys.dm_exec_requests.percent_complete / estimated_completion_time
 * (https://learn.microsoft.com/en-us/sql/relational-databases/system-dynamic-management-views/sys-dm-exec-requests-transact-sql)
 * of the Agent session whose sys.dm_exec_sessions.program_name names the job
 * (.../sys-dm-exec-sessions-transact-sql).
 */
public final class AgentJobs {
  /** sp_start_job: "Request to run job ... refused because the job is already running". */
  static final int ALREADY_RUNNING = 22022;

  private static final String ACTIVITY =
      """
      SELECT a.session_id, a.run_requested_date, a.start_execution_date, a.stop_execution_date, a.job_history_id
        FROM msdb.dbo.sysjobs j
        LEFT JOIN msdb.dbo.sysjobactivity a ON a.job_id = j.job_id
       WHERE j.name = ?
       ORDER BY a.session_id DESC
      """;
  private static final String CURRENT_SESSION = "SELECT MAX(session_id) FROM msdb.dbo.syssessions";
  private static final String HISTORY =
      """
      SELECT h.instance_id, h.step_id, h.step_name, h.run_status, h.message
        FROM msdb.dbo.sysjobhistory h
        JOIN msdb.dbo.sysjobs j ON j.job_id = h.job_id
       WHERE j.name = ?
       ORDER BY h.instance_id
      """;
  private static final String PROGRESS =
      """
      SELECT r.percent_complete, r.estimated_completion_time
        FROM msdb.dbo.sysjobs j
        JOIN sys.dm_exec_sessions s
          ON s.program_name LIKE N'SQLAgent - TSQL JobStep (Job ' + CONVERT(varchar(34), CONVERT(binary(16), j.job_id), 1) + N' : Step %'
        JOIN sys.dm_exec_requests r ON r.session_id = s.session_id
       WHERE j.name = ?
       ORDER BY r.percent_complete DESC
      """;

  /** Percent done (0–100) and milliseconds left as SQL Server estimates them for BACKUP/RESTORE. */
  public record Progress(double percentComplete, long estimatedRemainingMillis) {}

  private final int queryTimeoutSeconds;

  public AgentJobs(int queryTimeoutSeconds) {
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  /** Creates the job if absent and starts it unless a run was already requested. */
  public void ensureStarted(
      Connection connection, String jobName, String description, List<TSqlAgentJobs.JobStep> steps)
      throws SQLException {
    execute(connection, TSqlAgentJobs.createJobIfAbsent(jobName, description, steps));
    startIfNeverRequested(connection, jobName);
  }

  /** sp_start_job unless msdb shows a requested run; "already running" counts as started. */
  public void startIfNeverRequested(Connection connection, String jobName) throws SQLException {
    if (state(connection, jobName).requested()) {
      return;
    }
    try {
      execute(connection, TSqlAgentJobs.startJob(jobName));
    } catch (SQLException e) {
      if (e.getErrorCode() != ALREADY_RUNNING) {
        throw e;
      }
    }
  }

  public JobState state(Connection connection, String jobName) throws SQLException {
    boolean exists = false;
    boolean requested = false;
    boolean running = false;
    Integer requestedSession = null;
    Integer historyId = null;
    try (PreparedStatement statement = prepare(connection, ACTIVITY)) {
      statement.setString(1, jobName);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          exists = true;
          if (!requested && rs.getTimestamp("run_requested_date") != null) {
            requested = true;
            requestedSession = rs.getInt("session_id");
            running = rs.getTimestamp("stop_execution_date") == null;
            int history = rs.getInt("job_history_id");
            historyId = rs.wasNull() ? null : history;
          }
        }
      }
    }
    if (!exists) {
      return JobState.MISSING;
    }
    boolean interrupted = false;
    if (running) {
      try (PreparedStatement statement = prepare(connection, CURRENT_SESSION);
          ResultSet rs = statement.executeQuery()) {
        // A run requested in an earlier Agent session that never stopped was cut off by an Agent
        // restart.
        interrupted = rs.next() && rs.getObject(1) != null && rs.getInt(1) > requestedSession;
        running = !interrupted;
      }
    }
    Integer outcome = null;
    String outcomeMessage = null;
    List<String> failedSteps = new ArrayList<>();
    try (PreparedStatement statement = prepare(connection, HISTORY)) {
      statement.setString(1, jobName);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          int stepId = rs.getInt("step_id");
          int status = rs.getInt("run_status");
          if (stepId == 0 && (historyId == null || rs.getInt("instance_id") == historyId)) {
            outcome = status;
            outcomeMessage = rs.getString("message");
          } else if (stepId > 0 && status == 0) {
            failedSteps.add(rs.getString("step_name") + ": " + rs.getString("message"));
          }
        }
      }
    }
    return new JobState(
        true, requested, running, interrupted, outcome, outcomeMessage, List.copyOf(failedSteps));
  }

  /**
   * Progress of the job's running BACKUP/RESTORE, if SQL Server reports one (SQL Server only:
   * DMVs).
   */
  public Optional<Progress> progress(Connection connection, String jobName) throws SQLException {
    try (PreparedStatement statement = prepare(connection, PROGRESS)) {
      statement.setString(1, jobName);
      try (ResultSet rs = statement.executeQuery()) {
        if (rs.next()) {
          return Optional.of(new Progress(rs.getDouble(1), rs.getLong(2)));
        }
      }
    }
    return Optional.empty();
  }

  public void delete(Connection connection, String jobName) throws SQLException {
    execute(connection, TSqlAgentJobs.deleteJobIfExists(jobName));
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
