package dev.sqlup.dataplane.sqlserver;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The pre-switch warning about applications that RESTRICTED_USER does not hold out: the switchover
 * moves the endpoint while the tails are restored WITH RECOVERY, RESTRICTED_USER, so a session of a
 * sysadmin or dbcreator login may reach the target and write there before the LSN check; if the
 * switchover then rolls back, those writes are lost with the target.
 */
final class PrivilegedSessions {
  private PrivilegedSessions() {}

  static List<String> warnings(SourceDiscovery.Catalog catalog) throws SQLException {
    List<Map<String, Object>> rows = catalog.rows(CatalogQueries.PRIVILEGED_SESSIONS);
    return rows.stream()
        .map(
            r ->
                "PRIVILEGED_CONNECTIONS: login "
                    + r.get("login_name")
                    + " (sysadmin or dbcreator) has "
                    + r.get("sessions")
                    + " session(s) in database "
                    + r.get("database_name")
                    + "; RESTRICTED_USER does not hold it out while the endpoint moves during the "
                    + "tail restore, and what it writes on the target before the databases are "
                    + "opened is lost if the switchover rolls back: connect applications with "
                    + "least-privilege logins")
        .toList();
  }
}
