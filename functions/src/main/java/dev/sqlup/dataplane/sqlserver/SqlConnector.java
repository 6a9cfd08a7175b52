package dev.sqlup.dataplane.sqlserver;

import java.sql.Connection;

/**
 * Opens a connection to an instance; errors come out as the data plane's transient/permanent
 * exceptions.
 */
@FunctionalInterface
public interface SqlConnector {
  Connection open(SqlEndpoint endpoint);
}
