package dev.sqlup.dataplane.sqlserver;

import static dev.sqlup.dataplane.sqlserver.SqlText.binary;
import static dev.sqlup.dataplane.sqlserver.SqlText.literal;
import static dev.sqlup.dataplane.sqlserver.SqlText.multiLineLiteral;
import static dev.sqlup.dataplane.sqlserver.SqlText.quoteName;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every T-SQL statement the sqlserver data plane sends, one method per operation, returning the
 * exact text. Names and strings go through {@link SqlText} only. Each method names the
 * documentation page it follows.
 */
public final class TSql {
  private TSql() {}

  /** One step of an Agent job: a T-SQL batch run in {@code databaseName}. */
  public record JobStep(String name, String command, String databaseName) {}

  /** RESTORE ... WITH MOVE: a logical file name and where it goes on the target. */
  public record Move(String logicalName, String physicalPath) {}

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

  /** A SQL Agent job as copied from the source: steps and schedules. */
  public record JobDef(
      String name,
      String description,
      String category,
      List<JobStepDef> steps,
      List<ScheduleDef> schedules) {}

  /** A job step of any subsystem as in msdb.dbo.sysjobsteps. */
  public record JobStepDef(
      int stepId,
      String name,
      String subsystem,
      String command,
      String databaseName,
      int onSuccessAction,
      int onSuccessStepId,
      int onFailAction,
      int onFailStepId,
      int retryAttempts,
      int retryInterval) {}

  /** A job schedule as in msdb.dbo.sysschedules. */
  public record ScheduleDef(
      String name,
      int enabled,
      int freqType,
      int freqInterval,
      int freqSubdayType,
      int freqSubdayInterval,
      int freqRelativeInterval,
      int freqRecurrenceFactor,
      int activeStartDate,
      int activeEndDate,
      int activeStartTime,
      int activeEndTime) {}

  // ---- backups: https://learn.microsoft.com/en-us/sql/t-sql/statements/backup-transact-sql

  /**
   * COPY_ONLY full backup, so the instance's own differential base is left alone; CHECKSUM always;
   * COMPRESSION where the edition allows it (not Web or Express). The backup set NAME carries the
   * operation's job name so poll finds it in msdb.dbo.backupset. FORMAT on disk makes a retried job
   * start a fresh media set instead of failing on a half-written one. URL targets follow
   * https://learn.microsoft.com/en-us/sql/relational-databases/backup-restore/sql-server-backup-to-url-s3-compatible-object-storage
   */
  public static String backupDatabase(
      String database, MediaSet media, String backupSetName, boolean compression) {
    List<String> options = new ArrayList<>();
    options.add("COPY_ONLY");
    options.add("CHECKSUM");
    options.add(compression ? "COMPRESSION" : "NO_COMPRESSION");
    if (media.device() == MediaSet.Device.DISK) {
      options.add("FORMAT");
    }
    options.add("NAME = " + literal(backupSetName));
    options.add("STATS = 5");
    return "BACKUP DATABASE "
        + quoteName(database)
        + " TO "
        + media.deviceList()
        + " WITH "
        + String.join(", ", options);
  }

  /**
   * A regular (not COPY_ONLY) log backup: it truncates the log and is recorded in msdb, so it is
   * part of the instance's own chain and the instance's later log backups continue from it. With
   * {@code tail}, NORECOVERY leaves the source RESTORING: the point of no return.
   */
  public static String backupLog(
      String database, MediaSet media, String backupSetName, boolean compression, boolean tail) {
    List<String> options = new ArrayList<>();
    options.add("CHECKSUM");
    options.add(compression ? "COMPRESSION" : "NO_COMPRESSION");
    if (media.device() == MediaSet.Device.DISK) {
      options.add("FORMAT");
    }
    options.add("NAME = " + literal(backupSetName));
    if (tail) {
      options.add("NORECOVERY");
    }
    options.add("STATS = 5");
    return "BACKUP LOG "
        + quoteName(database)
        + " TO "
        + media.deviceList()
        + " WITH "
        + String.join(", ", options);
  }

  // ---- restores:
  // https://learn.microsoft.com/en-us/sql/t-sql/statements/restore-statements-transact-sql

  /**
   * https://learn.microsoft.com/en-us/sql/t-sql/statements/restore-statements-headeronly-transact-sql
   */
  public static String restoreHeaderOnly(MediaSet media) {
    return "RESTORE HEADERONLY FROM " + media.deviceList();
  }

  /**
   * https://learn.microsoft.com/en-us/sql/t-sql/statements/restore-statements-filelistonly-transact-sql
   */
  public static String restoreFileListOnly(MediaSet media) {
    return "RESTORE FILELISTONLY FROM " + media.deviceList();
  }

  /** Reads only the media label: proves the files are still there without reading the backup. */
  public static String restoreLabelOnly(MediaSet media) {
    return "RESTORE LABELONLY FROM " + media.deviceList();
  }

  /** Full restore left RESTORING so logs can follow; every file moved to the target's paths. */
  public static String restoreDatabase(String database, MediaSet media, List<Move> moves) {
    List<String> options = new ArrayList<>();
    options.add("CHECKSUM");
    options.add("NORECOVERY");
    for (Move move : moves) {
      options.add("MOVE " + literal(move.logicalName()) + " TO " + literal(move.physicalPath()));
    }
    options.add("STATS = 5");
    return "RESTORE DATABASE "
        + quoteName(database)
        + " FROM "
        + media.deviceList()
        + " WITH "
        + String.join(", ", options);
  }

  /** One log backup applied WITH NORECOVERY (the database stays RESTORING for the next one). */
  public static String restoreLog(String database, MediaSet media) {
    return "RESTORE LOG "
        + quoteName(database)
        + " FROM "
        + media.deviceList()
        + " WITH CHECKSUM, NORECOVERY, STATS = 5";
  }

  /**
   * Brings a RESTORING database online: on the target at switchover, on the source for rollback.
   */
  public static String recoverDatabase(String database) {
    return "RESTORE DATABASE " + quoteName(database) + " WITH RECOVERY";
  }

  // ---- after recovery:
  // https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-database-transact-sql-set-options

  /**
   * SQL Server 2019+ only:
   * https://learn.microsoft.com/en-us/sql/relational-databases/accelerated-database-recovery-management
   */
  public static String enableAcceleratedDatabaseRecovery(String database) {
    return "ALTER DATABASE " + quoteName(database) + " SET ACCELERATED_DATABASE_RECOVERY = ON";
  }

  /**
   * https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-database-transact-sql-compatibility-level
   */
  public static String setCompatibilityLevel(String database, int level) {
    if (level < 100 || level > 170 || level % 10 != 0) {
      throw new PermanentDataPlaneException("INVALID_COMPATIBILITY_LEVEL: " + level);
    }
    return "ALTER DATABASE " + quoteName(database) + " SET COMPATIBILITY_LEVEL = " + level;
  }

  /**
   * https://learn.microsoft.com/en-us/sql/t-sql/database-console-commands/dbcc-checkdb-transact-sql
   */
  public static String checkDb(String database) {
    return "DBCC CHECKDB (" + literal(SqlText.validateIdentifier(database)) + ") WITH NO_INFOMSGS";
  }

  /**
   * Runs in the database's context through its three-part name:
   * https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-updatestats-transact-sql
   */
  public static String updateStats(String database) {
    return "EXEC " + quoteName(database) + ".sys.sp_updatestats";
  }

  /**
   * Compensation on the target only:
   * https://learn.microsoft.com/en-us/sql/t-sql/statements/drop-database-transact-sql
   */
  public static String dropDatabaseIfExists(String database) {
    return "IF DB_ID("
        + literal(SqlText.validateIdentifier(database))
        + ") IS NOT NULL DROP DATABASE "
        + quoteName(database);
  }

  // ---- Agent jobs

  /**
   * Creates the job once (idempotent on its name) in one transaction: sp_add_job
   * (https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-add-job-transact-sql),
   * sp_add_jobstep (.../sp-add-jobstep-transact-sql; on_success_action 3 = go to the next step, 1 =
   * quit reporting success; on_fail_action 2 = quit reporting failure) and sp_add_jobserver
   * (.../sp-add-jobserver-transact-sql) on the local server.
   */
  public static String createJobIfAbsent(String jobName, String description, List<JobStep> steps) {
    if (steps.isEmpty()) {
      throw new PermanentDataPlaneException("INVALID_JOB: a job needs at least one step");
    }
    validateJobName(jobName);
    StringBuilder sql = new StringBuilder();
    sql.append("SET XACT_ABORT ON;\n");
    sql.append("IF NOT EXISTS (SELECT 1 FROM msdb.dbo.sysjobs WHERE name = ")
        .append(literal(jobName))
        .append(")\n");
    sql.append("BEGIN\n");
    sql.append("  BEGIN TRANSACTION;\n");
    sql.append("  EXEC msdb.dbo.sp_add_job @job_name = ")
        .append(literal(jobName))
        .append(", @enabled = 1, @description = ")
        .append(literal(description))
        .append(";\n");
    for (int i = 0; i < steps.size(); i++) {
      JobStep step = steps.get(i);
      boolean last = i == steps.size() - 1;
      sql.append("  EXEC msdb.dbo.sp_add_jobstep @job_name = ")
          .append(literal(jobName))
          .append(", @step_id = ")
          .append(i + 1)
          .append(", @step_name = ")
          .append(literal(step.name()))
          .append(", @subsystem = N'TSQL'")
          .append(", @database_name = ")
          .append(literal(SqlText.validateIdentifier(step.databaseName())))
          .append(", @command = ")
          .append(multiLineLiteral(step.command()))
          .append(", @on_success_action = ")
          .append(last ? 1 : 3)
          .append(", @on_fail_action = 2;\n");
    }
    sql.append("  EXEC msdb.dbo.sp_add_jobserver @job_name = ")
        .append(literal(jobName))
        .append(", @server_name = N'(local)';\n");
    sql.append("  COMMIT TRANSACTION;\n");
    sql.append("END");
    return sql.toString();
  }

  /**
   * https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-start-job-transact-sql
   */
  public static String startJob(String jobName) {
    return "EXEC msdb.dbo.sp_start_job @job_name = " + literal(validateJobName(jobName));
  }

  /**
   * https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-delete-job-transact-sql
   */
  public static String deleteJobIfExists(String jobName) {
    return "IF EXISTS (SELECT 1 FROM msdb.dbo.sysjobs WHERE name = "
        + literal(validateJobName(jobName))
        + ") EXEC msdb.dbo.sp_delete_job @job_name = "
        + literal(jobName);
  }

  /**
   * https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-update-job-transact-sql
   */
  public static String setJobEnabled(String jobName, boolean enabled) {
    return "EXEC msdb.dbo.sp_update_job @job_name = "
        + literal(validateJobName(jobName))
        + ", @enabled = "
        + (enabled ? 1 : 0);
  }

  /**
   * A source job recreated on the target DISABLED (enabled at switchover): sp_add_job,
   * sp_add_jobstep with the source's flow, sp_add_jobschedule
   * (https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-add-jobschedule-transact-sql)
   * and sp_add_jobserver. Skipped when a job of that name exists.
   */
  public static String copyJobDisabled(JobDef job) {
    validateJobName(job.name());
    // Descriptions, step and schedule names and categories are free text: often multi-line. Plain
    // text goes
    // in as a literal; text with line breaks or tabs through a variable holding it exactly (issue
    // 12).
    Map<String, String> variables = new LinkedHashMap<>();
    Function<String, String> text =
        value -> {
          if (SqlText.isPlain(value)) {
            return literal(value);
          }
          String variable = "@text" + (variables.size() + 1);
          variables.put(variable, SqlText.textExpression(value));
          return variable;
        };
    StringBuilder sql = new StringBuilder();
    sql.append("  BEGIN TRANSACTION;\n");
    String category =
        job.category() == null || job.category().isEmpty() ? null : text.apply(job.category());
    if (category != null) {
      // A custom category of the source may not exist on the target:
      // https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-add-category-transact-sql
      sql.append("  IF NOT EXISTS (SELECT 1 FROM msdb.dbo.syscategories WHERE name = ")
          .append(category)
          .append(
              " AND category_class = 1) EXEC msdb.dbo.sp_add_category @class = N'JOB', @type = N'LOCAL', @name = ")
          .append(category)
          .append(";\n");
    }
    sql.append("  EXEC msdb.dbo.sp_add_job @job_name = ")
        .append(literal(job.name()))
        .append(", @enabled = 0, @description = ")
        .append(text.apply(job.description() == null ? "" : job.description()));
    if (category != null) {
      sql.append(", @category_name = ").append(category);
    }
    sql.append(";\n");
    for (JobStepDef step : job.steps()) {
      sql.append("  EXEC msdb.dbo.sp_add_jobstep @job_name = ")
          .append(literal(job.name()))
          .append(", @step_id = ")
          .append(step.stepId())
          .append(", @step_name = ")
          .append(text.apply(step.name()))
          .append(", @subsystem = ")
          .append(literal(step.subsystem()))
          .append(", @command = ")
          .append(multiLineLiteral(step.command() == null ? "" : step.command()));
      if (step.databaseName() != null && !step.databaseName().isEmpty()) {
        sql.append(", @database_name = ")
            .append(literal(SqlText.validateIdentifier(step.databaseName())));
      }
      sql.append(", @on_success_action = ")
          .append(step.onSuccessAction())
          .append(", @on_success_step_id = ")
          .append(step.onSuccessStepId())
          .append(", @on_fail_action = ")
          .append(step.onFailAction())
          .append(", @on_fail_step_id = ")
          .append(step.onFailStepId())
          .append(", @retry_attempts = ")
          .append(step.retryAttempts())
          .append(", @retry_interval = ")
          .append(step.retryInterval())
          .append(";\n");
    }
    for (ScheduleDef s : job.schedules()) {
      sql.append("  EXEC msdb.dbo.sp_add_jobschedule @job_name = ")
          .append(literal(job.name()))
          .append(", @name = ")
          .append(text.apply(s.name()))
          .append(", @enabled = ")
          .append(s.enabled())
          .append(", @freq_type = ")
          .append(s.freqType())
          .append(", @freq_interval = ")
          .append(s.freqInterval())
          .append(", @freq_subday_type = ")
          .append(s.freqSubdayType())
          .append(", @freq_subday_interval = ")
          .append(s.freqSubdayInterval())
          .append(", @freq_relative_interval = ")
          .append(s.freqRelativeInterval())
          .append(", @freq_recurrence_factor = ")
          .append(s.freqRecurrenceFactor())
          .append(", @active_start_date = ")
          .append(s.activeStartDate())
          .append(", @active_end_date = ")
          .append(s.activeEndDate())
          .append(", @active_start_time = ")
          .append(s.activeStartTime())
          .append(", @active_end_time = ")
          .append(s.activeEndTime())
          .append(";\n");
    }
    sql.append("  EXEC msdb.dbo.sp_add_jobserver @job_name = ")
        .append(literal(job.name()))
        .append(", @server_name = N'(local)';\n");
    sql.append("  COMMIT TRANSACTION;\n");
    sql.append("END");
    StringBuilder batch = new StringBuilder("SET XACT_ABORT ON;\n");
    variables.forEach(
        (name, expression) ->
            batch
                .append("DECLARE ")
                .append(name)
                .append(" nvarchar(max) = ")
                .append(expression)
                .append(";\n"));
    batch
        .append("IF NOT EXISTS (SELECT 1 FROM msdb.dbo.sysjobs WHERE name = ")
        .append(literal(job.name()))
        .append(")\n");
    batch.append("BEGIN\n");
    return batch.append(sql).toString();
  }

  /** Job names are sysname and may not contain % (sp_add_job). */
  public static String validateJobName(String jobName) {
    SqlText.validateIdentifier(jobName);
    if (jobName.indexOf('%') >= 0) {
      throw new PermanentDataPlaneException("INVALID_JOB_NAME: a job name cannot contain %");
    }
    return jobName;
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
