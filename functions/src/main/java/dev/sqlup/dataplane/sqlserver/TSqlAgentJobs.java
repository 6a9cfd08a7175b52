package dev.sqlup.dataplane.sqlserver;

import static dev.sqlup.dataplane.sqlserver.SqlText.literal;
import static dev.sqlup.dataplane.sqlserver.SqlText.multiLineLiteral;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The T-SQL for SQL Agent jobs: the jobs sqlup runs its long operations in (create, start, delete)
 * and the source's jobs copied to the target disabled. Apart from {@link TSql} because jobs carry
 * their own records (the msdb rows they are copied from) and their own validation. Names and
 * strings go through {@link SqlText} only.
 */
public final class TSqlAgentJobs {
  private TSqlAgentJobs() {}

  /** One step of an Agent job: a T-SQL batch run in {@code databaseName}. */
  public record JobStep(String name, String command, String databaseName) {}

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
}
