package dev.sqlup.dataplane.sqlserver;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How much log a source database generated since its last log backup, read from the server ({@link
 * CatalogQueries#LOG_SINCE_LAST_LOG_BACKUP}) for the cutover guards on the lag and the tail. Empty
 * before SQL Server 2016 SP2, which has no sys.dm_db_log_stats, and when the database is unknown:
 * the guards then estimate the lag from the discovered log rate, as before.
 */
final class LogSinceLastBackup {
  private static final long BYTES_PER_MB = 1024L * 1024;

  private LogSinceLastBackup() {}

  static OptionalLong read(SourceDiscovery.Catalog catalog, String database) throws SQLException {
    List<Map<String, Object>> server = catalog.rows(CatalogQueries.SERVER);
    if (server.isEmpty()) {
      return OptionalLong.empty();
    }
    CatalogQueries.ServerVersion version =
        CatalogQueries.ServerVersion.parse((String) server.get(0).get("product_version"));
    if (!version.atLeast(
        CatalogQueries.LOG_STATS_SINCE.major(), CatalogQueries.LOG_STATS_SINCE.build())) {
      return OptionalLong.empty();
    }
    List<Map<String, Object>> rows =
        catalog.rows(CatalogQueries.LOG_SINCE_LAST_LOG_BACKUP, database);
    if (rows.isEmpty() || !(rows.get(0).get("log_since_last_log_backup_mb") instanceof Number mb)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.round(mb.doubleValue() * BYTES_PER_MB));
  }
}
