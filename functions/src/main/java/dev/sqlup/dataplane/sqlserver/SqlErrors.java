package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TransientDataPlaneException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Set;

/**
 * Sorts SQL Server errors into retry (transient) and compensate (permanent). Transient: connection
 * failures (SQLSTATE class 08), timeouts, deadlock victim (1205), lock timeout (1222), database in
 * transition (952), Agent job already running (22022 is handled by the caller). Everything else is
 * permanent: permissions, missing media, broken chains, bad names.
 */
public final class SqlErrors {
  private static final Set<Integer> TRANSIENT_CODES =
      Set.of(1205, 1222, 952, 40613, 40501, 40197, 10928, 10929, -2);

  private SqlErrors() {}

  public static RuntimeException translate(String what, SQLException e) {
    String message = what + ": " + e.getMessage() + " (SQL Server error " + e.getErrorCode() + ")";
    String state = e.getSQLState();
    if (e instanceof SQLTimeoutException
        || TRANSIENT_CODES.contains(e.getErrorCode())
        || (state != null && state.startsWith("08"))) {
      return new TransientDataPlaneException("SQL_TRANSIENT: " + message, e);
    }
    return new PermanentDataPlaneException("SQL_FAILED: " + message, e);
  }
}
