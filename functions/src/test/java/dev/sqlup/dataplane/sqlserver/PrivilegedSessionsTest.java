package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The pre-switch warning about sessions RESTRICTED_USER does not hold out, over the result set
 * recorded for SQL Server 2016 (src/test/resources/discovery/sqlserver-2016.json).
 */
class PrivilegedSessionsTest {
  @Test
  void aSysadminApplicationSession_inAUserDatabase_isAPreSwitchWarning() throws Exception {
    RecordedCatalog catalog = new RecordedCatalog("2016");

    assertThat(PrivilegedSessions.warnings(catalog))
        .singleElement()
        .asString()
        .startsWith("PRIVILEGED_CONNECTIONS: login sa (sysadmin or dbcreator) has 3 session(s)")
        .contains("in database sales", "RESTRICTED_USER does not hold it out");
    assertThat(catalog.asked.get("privileged"))
        .contains(
            "IS_SRVROLEMEMBER('sysadmin', s.login_name)",
            "IS_SRVROLEMEMBER('dbcreator', s.login_name)",
            "s.login_name <> SUSER_SNAME()",
            "s.database_id > 4");
  }

  @Test
  void theQueryOnlyReads() {
    assertThat(CatalogQueries.PRIVILEGED_SESSIONS.sql().strip())
        .startsWithIgnoringCase("SELECT")
        .doesNotContainPattern("(?i)\\b(INSERT|UPDATE|DELETE|EXEC|ALTER|CREATE|DROP)\\b");
  }
}
