package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TSqlTest {
  private static final MediaSet TWO_STRIPES =
      new MediaSet(
          MediaSet.Device.DISK, List.of("/backup/sales_1of2.bak", "/backup/sales_2of2.bak"));
  private static final MediaSet S3 =
      new MediaSet(MediaSet.Device.URL, List.of("s3://s3.example.com/bucket/sales.bak"));

  @Test
  void backupDatabase_isCopyOnlyWithChecksumCompressionAndStripes() {
    assertThat(TSql.backupDatabase("sales", TWO_STRIPES, "sqlup abc", true))
        .isEqualTo(
            "BACKUP DATABASE [sales] TO DISK = N'/backup/sales_1of2.bak', DISK = N'/backup/sales_2of2.bak'"
                + " WITH COPY_ONLY, CHECKSUM, COMPRESSION, FORMAT, NAME = N'sqlup abc', STATS = 5");
  }

  @Test
  void backupDatabase_withoutCompressionOnWeb_andToUrlWithoutFormat() {
    assertThat(TSql.backupDatabase("sales", S3, "n", false))
        .isEqualTo(
            "BACKUP DATABASE [sales] TO URL = N's3://s3.example.com/bucket/sales.bak'"
                + " WITH COPY_ONLY, CHECKSUM, NO_COMPRESSION, NAME = N'n', STATS = 5");
  }

  @Test
  void backupLog_tailIsNoRecovery_andRegularLogIsNotCopyOnly() {
    assertThat(TSql.backupLog("sales", S3, "n", true, false))
        .isEqualTo(
            "BACKUP LOG [sales] TO URL = N's3://s3.example.com/bucket/sales.bak' WITH CHECKSUM, COMPRESSION, NAME = N'n', STATS = 5");
    assertThat(TSql.backupLog("sales", TWO_STRIPES, "n", true, true))
        .contains("WITH CHECKSUM, COMPRESSION, FORMAT, NAME = N'n', NORECOVERY, STATS = 5")
        .doesNotContain("COPY_ONLY");
  }

  @Test
  void restoreDatabase_movesEveryFileAndStaysRestoring() {
    assertThat(
            TSql.restoreDatabase(
                "sales",
                S3,
                List.of(
                    new TSql.Move("sales", "/var/opt/mssql/data/sales.mdf"),
                    new TSql.Move("sales_log", "/var/opt/mssql/log/sales_log.ldf"))))
        .isEqualTo(
            "RESTORE DATABASE [sales] FROM URL = N's3://s3.example.com/bucket/sales.bak' WITH CHECKSUM, NORECOVERY,"
                + " MOVE N'sales' TO N'/var/opt/mssql/data/sales.mdf', MOVE N'sales_log' TO N'/var/opt/mssql/log/sales_log.ldf', STATS = 5");
  }

  @Test
  void restoreLogHeaderFileListAndRecovery() {
    assertThat(TSql.restoreLog("sales", S3))
        .isEqualTo(
            "RESTORE LOG [sales] FROM URL = N's3://s3.example.com/bucket/sales.bak' WITH CHECKSUM, NORECOVERY, STATS = 5");
    assertThat(TSql.restoreHeaderOnly(TWO_STRIPES))
        .isEqualTo(
            "RESTORE HEADERONLY FROM DISK = N'/backup/sales_1of2.bak', DISK = N'/backup/sales_2of2.bak'");
    assertThat(TSql.restoreFileListOnly(S3))
        .isEqualTo("RESTORE FILELISTONLY FROM URL = N's3://s3.example.com/bucket/sales.bak'");
    assertThat(TSql.restoreLabelOnly(S3))
        .isEqualTo("RESTORE LABELONLY FROM URL = N's3://s3.example.com/bucket/sales.bak'");
    assertThat(TSql.recoverDatabase("sales")).isEqualTo("RESTORE DATABASE [sales] WITH RECOVERY");
  }

  @Test
  void postUpgradeStatements() {
    assertThat(TSql.enableAcceleratedDatabaseRecovery("s"))
        .isEqualTo("ALTER DATABASE [s] SET ACCELERATED_DATABASE_RECOVERY = ON");
    assertThat(TSql.setCompatibilityLevel("s", 160))
        .isEqualTo("ALTER DATABASE [s] SET COMPATIBILITY_LEVEL = 160");
    assertThatThrownBy(() -> TSql.setCompatibilityLevel("s", 161))
        .isInstanceOf(PermanentDataPlaneException.class);
    assertThat(TSql.checkDb("s'x")).isEqualTo("DBCC CHECKDB (N's''x') WITH NO_INFOMSGS");
    assertThat(TSql.updateStats("s")).isEqualTo("EXEC [s].sys.sp_updatestats");
    assertThat(TSql.dropDatabaseIfExists("s"))
        .isEqualTo("IF DB_ID(N's') IS NOT NULL DROP DATABASE [s]");
  }

  @Test
  void createJobIfAbsent_isOneTransactionGuardedByTheJobName() {
    String sql =
        TSqlAgentJobs.createJobIfAbsent(
            "sqlup job",
            "t1/FULL_BACKUP/sales/0",
            List.of(
                new TSqlAgentJobs.JobStep(
                    "backup", "BACKUP DATABASE [it's] TO DISK = N'x'", "master"),
                new TSqlAgentJobs.JobStep("verify", "SELECT 1", "master")));
    assertThat(sql)
        .isEqualTo(
            """
        SET XACT_ABORT ON;
        IF NOT EXISTS (SELECT 1 FROM msdb.dbo.sysjobs WHERE name = N'sqlup job')
        BEGIN
          BEGIN TRANSACTION;
          EXEC msdb.dbo.sp_add_job @job_name = N'sqlup job', @enabled = 1, @description = N't1/FULL_BACKUP/sales/0';
          EXEC msdb.dbo.sp_add_jobstep @job_name = N'sqlup job', @step_id = 1, @step_name = N'backup', @subsystem = N'TSQL', @database_name = N'master', @command = N'BACKUP DATABASE [it''s] TO DISK = N''x''', @on_success_action = 3, @on_fail_action = 2;
          EXEC msdb.dbo.sp_add_jobstep @job_name = N'sqlup job', @step_id = 2, @step_name = N'verify', @subsystem = N'TSQL', @database_name = N'master', @command = N'SELECT 1', @on_success_action = 1, @on_fail_action = 2;
          EXEC msdb.dbo.sp_add_jobserver @job_name = N'sqlup job', @server_name = N'(local)';
          COMMIT TRANSACTION;
        END""");
  }

  @Test
  void jobControl() {
    assertThat(TSqlAgentJobs.startJob("j"))
        .isEqualTo("EXEC msdb.dbo.sp_start_job @job_name = N'j'");
    assertThat(TSqlAgentJobs.setJobEnabled("j", true))
        .isEqualTo("EXEC msdb.dbo.sp_update_job @job_name = N'j', @enabled = 1");
    assertThat(TSqlAgentJobs.deleteJobIfExists("j"))
        .isEqualTo(
            "IF EXISTS (SELECT 1 FROM msdb.dbo.sysjobs WHERE name = N'j') EXEC msdb.dbo.sp_delete_job @job_name = N'j'");
    assertThatThrownBy(() -> TSqlAgentJobs.startJob("100%"))
        .hasMessageStartingWith("INVALID_JOB_NAME");
  }

  @Test
  void copyJobDisabled_keepsStepsFlowAndSchedules() {
    String sql =
        TSqlAgentJobs.copyJobDisabled(
            new TSqlAgentJobs.JobDef(
                "nightly",
                "d",
                "Database Maintenance",
                List.of(
                    new TSqlAgentJobs.JobStepDef(
                        1, "s1", "TSQL", "EXEC dbo.p", "sales", 3, 0, 2, 0, 1, 5)),
                List.of(
                    new TSqlAgentJobs.ScheduleDef(
                        "daily", 1, 4, 1, 1, 0, 0, 0, 20240101, 99991231, 10000, 235959))));
    assertThat(sql)
        .contains(
            "IF NOT EXISTS (SELECT 1 FROM msdb.dbo.syscategories WHERE name = N'Database Maintenance' AND category_class = 1)"
                + " EXEC msdb.dbo.sp_add_category @class = N'JOB', @type = N'LOCAL', @name = N'Database Maintenance';")
        .contains(
            "sp_add_job @job_name = N'nightly', @enabled = 0, @description = N'd', @category_name = N'Database Maintenance';")
        .contains(
            "@subsystem = N'TSQL', @command = N'EXEC dbo.p', @database_name = N'sales', @on_success_action = 3, @on_success_step_id = 0,"
                + " @on_fail_action = 2, @on_fail_step_id = 0, @retry_attempts = 1, @retry_interval = 5;")
        .contains(
            "sp_add_jobschedule @job_name = N'nightly', @name = N'daily', @enabled = 1, @freq_type = 4, @freq_interval = 1,"
                + " @freq_subday_type = 1, @freq_subday_interval = 0, @freq_relative_interval = 0, @freq_recurrence_factor = 0,"
                + " @active_start_date = 20240101, @active_end_date = 99991231, @active_start_time = 10000, @active_end_time = 235959;");
  }

  @Test
  void configureInstance() {
    assertThat(TSqlInstance.configureInstance(6144, 2000))
        .isEqualTo(
            """
        EXEC sp_configure N'show advanced options', 1;
        RECONFIGURE;
        EXEC sp_configure N'max server memory (MB)', 6144;
        EXEC sp_configure N'user connections', 2000;
        RECONFIGURE;""");
  }

  @Test
  void createLogin_keepsSidAndHash() {
    assertThat(
            TSqlInstance.createLoginIfAbsent(
                new TSqlInstance.LoginDef("app", false, "0x1A2B", "0x0200AABB", true, false, true)))
        .isEqualTo(
            """
            IF SUSER_ID(N'app') IS NULL
            BEGIN
              CREATE LOGIN [app] WITH PASSWORD = 0x0200AABB HASHED, SID = 0x1A2B, CHECK_POLICY = ON, CHECK_EXPIRATION = OFF;
              ALTER LOGIN [app] DISABLE;
            END""");
    assertThat(
            TSqlInstance.createLoginIfAbsent(
                new TSqlInstance.LoginDef("CORP\\app", true, null, null, false, false, false)))
        .contains("CREATE LOGIN [CORP\\app] FROM WINDOWS;");
    assertThat(
            new TSqlInstance.LoginDef("app", false, "0x1A2B", "0x0200AABB", true, false, true)
                .toString())
        .doesNotContain("0200AABB");
  }

  @Test
  void defaultDatabase_isSetOnlyWhenLoginAndDatabaseExist() {
    assertThat(TSqlInstance.setDefaultDatabase("app", "sales"))
        .isEqualTo(
            "IF SUSER_ID(N'app') IS NOT NULL AND DB_ID(N'sales') IS NOT NULL ALTER LOGIN [app] WITH DEFAULT_DATABASE = [sales]");
  }

  @Test
  void serverRoles() {
    assertThat(TSqlInstance.createServerRoleIfAbsent("ops"))
        .isEqualTo("IF SUSER_ID(N'ops') IS NULL CREATE SERVER ROLE [ops]");
    assertThat(TSqlInstance.addServerRoleMember("ops", "app"))
        .startsWith("IF SUSER_ID(N'app') IS NOT NULL AND NOT EXISTS (")
        .endsWith(
            "WHERE r.name = N'ops' AND m.name = N'app') ALTER SERVER ROLE [ops] ADD MEMBER [app]");
  }

  /**
   * Hostile names of the issue: every statement keeps them inside one identifier or one literal.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "x]; DROP DATABASE y;--",
        "it's ] [ '' ]]",
        "Ünïcødé 数据库 🚀",
        "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456X"
      })
  void hostileNames_stayQuoted(String name) {
    String quoted = "[" + name.replace("]", "]]") + "]";
    String lit = "N'" + name.replace("'", "''") + "'";
    assertThat(TSql.backupDatabase(name, S3, name, true))
        .startsWith("BACKUP DATABASE " + quoted + " TO ")
        .contains("NAME = " + lit);
    assertThat(TSql.restoreDatabase(name, S3, List.of(new TSql.Move(name, "/d/" + name))))
        .startsWith("RESTORE DATABASE " + quoted + " FROM ")
        .contains("MOVE " + lit + " TO N'/d/" + name.replace("'", "''") + "'");
    assertThat(TSql.recoverDatabase(name))
        .isEqualTo("RESTORE DATABASE " + quoted + " WITH RECOVERY");
    assertThat(TSqlInstance.addServerRoleMember(name, name))
        .endsWith("ALTER SERVER ROLE " + quoted + " ADD MEMBER " + quoted);
    assertThat(TSql.dropDatabaseIfExists(name))
        .isEqualTo("IF DB_ID(" + lit + ") IS NOT NULL DROP DATABASE " + quoted);
    // Outside the identifiers and literals nothing of the name remains: strip them and the
    // statement is plain.
    assertThat(stripQuoted(TSql.recoverDatabase(name)))
        .isEqualTo("RESTORE DATABASE  WITH RECOVERY");
    assertThat(stripQuoted(TSql.dropDatabaseIfExists(name)))
        .isEqualTo("IF DB_ID() IS NOT NULL DROP DATABASE ");
  }

  @Test
  void names129CharactersLong_areRefusedBeforeAnySqlIsBuilt() {
    assertThatThrownBy(() -> TSql.recoverDatabase("d".repeat(129)))
        .hasMessageStartingWith("INVALID_IDENTIFIER");
  }

  /** A tiny T-SQL lexer: removes [..]-identifiers and N'..' literals with their doubling rules. */
  private static String stripQuoted(String sql) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '[') {
        i++;
        while (true) {
          if (sql.charAt(i) == ']') {
            if (i + 1 < sql.length() && sql.charAt(i + 1) == ']') {
              i += 2;
              continue;
            }
            i++;
            break;
          }
          i++;
        }
      } else if (c == 'N' && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
        i += 2;
        while (true) {
          if (sql.charAt(i) == '\'') {
            if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
              i += 2;
              continue;
            }
            i++;
            break;
          }
          i++;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /**
   * Regression, issue 12: a job whose description has a line break failed CREATE_TARGET for the
   * whole upgrade.
   */
  @Test
  void copyJobDisabled_copiesMultiLineAndTabbedText_faithfully_withoutRawControlCharacters() {
    String description = "Nightly ETL.\r\nOwner: data team\n\tcall 'ops' first";
    String stepName = "load\tstage";
    String schedule = "every night\n(02:00)";
    String category = "ETL\tjobs";
    String sql =
        TSqlAgentJobs.copyJobDisabled(
            new TSqlAgentJobs.JobDef(
                "nightly-etl",
                description,
                category,
                List.of(
                    new TSqlAgentJobs.JobStepDef(
                        1,
                        stepName,
                        "TSQL",
                        "EXEC dbo.load;\r\nEXEC dbo.swap;",
                        "sales",
                        1,
                        0,
                        2,
                        0,
                        0,
                        0)),
                List.of(
                    new TSqlAgentJobs.ScheduleDef(
                        schedule, 1, 4, 1, 1, 0, 0, 0, 20240101, 99991231, 20000, 235959))));

    Map<String, String> variables = declared(sql);
    assertThat(variables.values())
        .containsExactlyInAnyOrder(description, stepName, schedule, category);
    String descriptionVar = key(variables, description);
    assertThat(sql)
        .contains(
            "@enabled = 0, @description = "
                + descriptionVar
                + ", @category_name = "
                + key(variables, category)
                + ";")
        .contains("@step_name = " + key(variables, stepName) + ",")
        .contains(
            "sp_add_jobschedule @job_name = N'nightly-etl', @name = "
                + key(variables, schedule)
                + ",")
        .contains("WHERE name = " + key(variables, category) + " AND category_class = 1")
        .contains("NCHAR(13) + NCHAR(10)")
        .contains("NCHAR(9)")
        .contains("NCHAR(9) + N'call ''ops'' first'");
    // only the step command (a whole batch, as before) may hold line breaks; every other line is
    // one statement
    String withoutCommand = sql.replace("EXEC dbo.load;\r\nEXEC dbo.swap;", "");
    assertThat(withoutCommand).doesNotContain("\t").doesNotContain("\r");
    assertThat(withoutCommand.lines())
        .allSatisfy(
            line ->
                assertThat(line)
                    .matches("(SET|DECLARE|IF|BEGIN|END|  BEGIN|  IF|  EXEC|  COMMIT).*"));
  }

  @Test
  void copyJobDisabled_plainTextStaysALiteral_andNulIsRefused() {
    String sql =
        TSqlAgentJobs.copyJobDisabled(
            new TSqlAgentJobs.JobDef("j", "one line", null, List.of(), List.of()));
    assertThat(sql).doesNotContain("DECLARE").contains("@description = N'one line'");
    assertThatThrownBy(
            () ->
                TSqlAgentJobs.copyJobDisabled(
                    new TSqlAgentJobs.JobDef("j", "a\0b", null, List.of(), List.of())))
        .hasMessageStartingWith("INVALID_LITERAL");
  }

  /**
   * The DECLAREd variables and the text each expression yields (N'..' runs and NCHAR(n) joined by
   * +).
   */
  private static Map<String, String> declared(String sql) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("DECLARE (@\\w+) nvarchar\\(max\\) = (.*);\n").matcher(sql);
    while (m.find()) {
      out.put(m.group(1), evaluate(m.group(2)));
    }
    return out;
  }

  private static String evaluate(String expression) {
    StringBuilder text = new StringBuilder();
    java.util.regex.Matcher term =
        java.util.regex.Pattern.compile("N'((?:[^']|'')*)'|NCHAR\\((\\d+)\\)").matcher(expression);
    int end = 0;
    while (term.find()) {
      assertThat(expression.substring(end, term.start())).matches("( \\+ )?");
      text.append(
          term.group(1) != null
              ? term.group(1).replace("''", "'")
              : String.valueOf((char) Integer.parseInt(term.group(2))));
      end = term.end();
    }
    assertThat(end).isEqualTo(expression.length());
    return text.toString();
  }

  private static String key(Map<String, String> variables, String value) {
    return variables.entrySet().stream()
        .filter(e -> e.getValue().equals(value))
        .findFirst()
        .orElseThrow()
        .getKey();
  }
}
