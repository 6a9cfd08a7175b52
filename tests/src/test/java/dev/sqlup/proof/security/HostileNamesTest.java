package dev.sqlup.proof.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.sqlserver.MediaSet;
import dev.sqlup.dataplane.sqlserver.TSql;
import dev.sqlup.dataplane.sqlserver.TSqlAgentJobs;
import dev.sqlup.dataplane.sqlserver.TSqlInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 §5: hostile database, login, role and job names never reach T-SQL unquoted. Every
 * statement builder of the sqlserver data plane gets generated names full of {@code ] ' ; -- /*}
 * and friends, each carrying a marker; a T-SQL lexer ({@code [..]} with {@code ]]}, {@code N'..'}
 * with {@code ''}) must find the marker only inside quoted tokens that decode back to exactly the
 * name — including inside the Agent job step commands, which are T-SQL inside a string literal. A
 * builder may instead refuse a name (PermanentDataPlaneException: control characters, over 128
 * characters).
 */
class HostileNamesTest {
  static final String MARKER = "XQZ";
  private static final List<String> PIECES =
      List.of(
          "]",
          "]]",
          "[",
          "'",
          "''",
          "\"",
          ";",
          "--",
          "/*",
          "*/",
          " ",
          "N'",
          ")",
          "(",
          "@",
          "$",
          "`",
          "DROP DATABASE master",
          "GO",
          "\u00e9",
          "\u2019",
          "\uFF07",
          "\u02bc",
          "\\",
          "%",
          "\n",
          "\r",
          "\t",
          "\u0000",
          "0x41",
          "EXEC xp_cmdshell 'x'");

  record Builder(String name, Function<String, String> build) {}

  static final MediaSet MEDIA = new MediaSet(MediaSet.Device.DISK, List.of("D:\\backup\\a.bak"));

  static final List<Builder> BUILDERS =
      List.of(
          new Builder("backupDatabase", n -> TSql.backupDatabase(n, MEDIA, "sqlup-" + n, true)),
          new Builder("backupLog(tail)", n -> TSql.backupLog(n, MEDIA, "set " + n, false, true)),
          new Builder(
              "restoreDatabase",
              n ->
                  TSql.restoreDatabase(
                      n, MEDIA, List.of(new TSql.Move(n, "D:\\data\\" + n + ".mdf")))),
          new Builder("restoreLog", n -> TSql.restoreLog(n, MEDIA)),
          new Builder("recoverDatabase", TSql::recoverDatabase),
          new Builder("enableAdr", TSql::enableAcceleratedDatabaseRecovery),
          new Builder("compatibility", n -> TSql.setCompatibilityLevel(n, 160)),
          new Builder("checkDb", TSql::checkDb),
          new Builder("updateStats", TSql::updateStats),
          new Builder("dropDatabaseIfExists", TSql::dropDatabaseIfExists),
          new Builder(
              "createJobIfAbsent",
              n ->
                  TSqlAgentJobs.createJobIfAbsent(
                      "sqlup-" + n,
                      "copy of " + n,
                      List.of(
                          new TSqlAgentJobs.JobStep(
                              "step " + n, TSql.backupDatabase(n, MEDIA, "set " + n, true), n)))),
          new Builder("startJob", TSqlAgentJobs::startJob),
          new Builder("deleteJobIfExists", TSqlAgentJobs::deleteJobIfExists),
          new Builder("setJobEnabled", n -> TSqlAgentJobs.setJobEnabled(n, false)),
          new Builder(
              "createSqlLogin",
              n ->
                  TSqlInstance.createLoginIfAbsent(
                      new TSqlInstance.LoginDef(
                          n, false, "0x0102", "0x0200AB", true, false, true))),
          new Builder(
              "createWindowsLogin",
              n ->
                  TSqlInstance.createLoginIfAbsent(
                      new TSqlInstance.LoginDef(n, true, null, null, false, false, false))),
          new Builder("setDefaultDatabase", n -> TSqlInstance.setDefaultDatabase(n, n)),
          new Builder("createServerRole", TSqlInstance::createServerRoleIfAbsent),
          new Builder("addServerRoleMember", n -> TSqlInstance.addServerRoleMember(n, n)));

  @Test
  void hostileNames_appearOnlyInsideQuotedTokensThatDecodeToTheName() {
    SplittableRandom random = new SplittableRandom(20261124L);
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> leaks = new ArrayList<>();
    int statements = 0;
    for (int i = 0; i < 2_000; i++) {
      String name = hostileName(random);
      for (Builder b : BUILDERS) {
        String sql;
        try {
          sql = b.build.apply(name);
        } catch (PermanentDataPlaneException refused) {
          outcomes.merge("refused " + refused.getMessage().split(":")[0], 1, Integer::sum);
          continue;
        }
        statements++;
        outcomes.merge("quoted", 1, Integer::sum);
        leaks.addAll(check(b.name, sql, name, 0));
      }
    }
    String summary =
        "hostile names: "
            + statements
            + " statements from "
            + BUILDERS.size()
            + " builders, "
            + outcomes
            + ", "
            + leaks.size()
            + " leaks";
    System.out.println(summary);
    dev.sqlup.proof.Docs.write(
        "RELIABILITY.md",
        "## Security: hostile names in T-SQL",
        "## Security: hostile names in T-SQL\n\n"
            + "Command: `mvn -B -o -pl tests -am verify -Dtest=HostileNamesTest -Dsurefire.failIfNoSpecifiedTests=false "
            + "-Dproof.docs=true` (runs in every `mvn verify`).\n\nResult: "
            + summary
            + "\n");
    assertThat(leaks).isEmpty();
    assertThat(outcomes.get("quoted"))
        .as("most names are quoted, not refused")
        .isGreaterThan(20_000);
  }

  @Test
  void lexer_catchesAnUnquotedName() {
    // The check must be able to fail: naive concatenation leaks the marker outside any quoted
    // token.
    String name = MARKER + "]; DROP DATABASE master; --";
    assertThat(check("naive", "BACKUP DATABASE [" + name + "] TO DISK = N'x'", name, 0))
        .isNotEmpty();
    assertThat(check("naive", "IF DB_ID('" + name + "') IS NULL SELECT 1", name, 0)).isEmpty();
    assertThat(check("naive", "IF DB_ID('" + MARKER + "'') IS NULL SELECT 1", MARKER + "'", 0))
        .isNotEmpty();
  }

  static String hostileName(SplittableRandom random) {
    StringBuilder s = new StringBuilder(MARKER);
    int n = 1 + random.nextInt(6);
    for (int i = 0; i < n; i++) {
      s.append(PIECES.get(random.nextInt(PIECES.size())));
    }
    if (random.nextInt(20) == 0) {
      s.append("x".repeat(130));
    }
    return s.toString();
  }

  /**
   * Lexes T-SQL: every marker outside a quoted token is a leak; every quoted token holding the
   * marker must decode to the name, or (a string literal) be a T-SQL text of its own that is
   * checked again.
   */
  static List<String> check(String builder, String sql, String name, int depth) {
    List<String> leaks = new ArrayList<>();
    StringBuilder outside = new StringBuilder();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '[') {
        int end = i + 1;
        StringBuilder decoded = new StringBuilder();
        while (end < sql.length()) {
          if (sql.charAt(end) == ']') {
            if (end + 1 < sql.length() && sql.charAt(end + 1) == ']') {
              decoded.append(']');
              end += 2;
              continue;
            }
            break;
          }
          decoded.append(sql.charAt(end++));
        }
        String value = decoded.toString();
        if (value.contains(MARKER) && !value.equals(name)) {
          leaks.add(builder + ": identifier [" + value + "] is not the name " + name);
        }
        i = end + 1;
      } else if (c == '\'' || (c == 'N' && i + 1 < sql.length() && sql.charAt(i + 1) == '\'')) {
        int end = c == 'N' ? i + 2 : i + 1;
        StringBuilder decoded = new StringBuilder();
        while (end < sql.length()) {
          if (sql.charAt(end) == '\'') {
            if (end + 1 < sql.length() && sql.charAt(end + 1) == '\'') {
              decoded.append('\'');
              end += 2;
              continue;
            }
            break;
          }
          decoded.append(sql.charAt(end++));
        }
        if (end >= sql.length()) {
          leaks.add(builder + ": unterminated string literal in " + sql);
        }
        String value = decoded.toString();
        if (depth == 0 && value.contains(MARKER) && looksLikeTsql(value)) {
          // An Agent job step command: T-SQL inside a string literal, checked as T-SQL again.
          leaks.addAll(check(builder + " (job step command)", value, name, depth + 1));
        } else if (value.contains(MARKER) && !value.contains(name)) {
          leaks.add(builder + ": literal '" + value + "' does not hold the name " + name);
        }
        i = end + 1;
      } else {
        outside.append(c);
        i++;
      }
    }
    if (outside.indexOf(MARKER) >= 0) {
      leaks.add(builder + ": name outside any quoted token: " + sql);
    }
    return leaks;
  }

  private static boolean looksLikeTsql(String text) {
    return text.startsWith("BACKUP ")
        || text.startsWith("RESTORE ")
        || text.startsWith("ALTER ")
        || text.startsWith("DBCC ")
        || text.startsWith("EXEC ")
        || text.startsWith("IF ");
  }
}
