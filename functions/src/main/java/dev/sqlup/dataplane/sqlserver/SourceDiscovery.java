package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.sqlserver.CatalogQueries.Query;
import dev.sqlup.dataplane.sqlserver.CatalogQueries.ServerVersion;
import dev.sqlup.domain.SourceInventory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Discovery on a real server: runs {@link CatalogQueries} and maps their rows to a {@link
 * SourceInventory}. Read-only. The rows come through {@link Catalog}, so the mapping is tested
 * against recorded result sets.
 *
 * <p>Log generation rate: the log backups msdb recorded over the last {@code logWindow} (bytes ÷
 * the hours they span); without any, bytes written to the log files measured twice {@code
 * sampleInterval} apart.
 */
final class SourceDiscovery {
  /** Rows of one query, each a map from lower-case column label to its JDBC value. */
  @FunctionalInterface
  interface Catalog {
    List<Map<String, Object>> rows(Query query, Object... parameters) throws SQLException;
  }

  /** Waits between the two samples of the log files (injected: tests do not sleep). */
  @FunctionalInterface
  interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  private final Duration logWindow;
  private final Duration sampleInterval;
  private final Pause pause;

  SourceDiscovery(Duration logWindow, Duration sampleInterval, Pause pause) {
    this.logWindow = logWindow;
    this.sampleInterval = sampleInterval;
    this.pause = pause;
  }

  /**
   * @param now the data plane's clock (becomes {@code discoveredAt})
   * @param serverOffset the server's UTC offset, for backup times recorded with an unknown time
   *     zone
   * @param reachable whether a backup's media can still be read
   */
  SourceInventory describe(
      Catalog catalog, Instant now, ZoneOffset serverOffset, Predicate<MediaSet> reachable)
      throws SQLException {
    Map<String, Object> server = single(catalog.rows(CatalogQueries.SERVER));
    ServerVersion version = ServerVersion.parse(text(server, "product_version"));
    Map<String, Object> info = single(catalog.rows(CatalogQueries.sysInfo(version)));
    boolean hadr = whole(server, "is_hadr_enabled") == 1;
    Map<String, String> agRoles = new HashMap<>();
    if (hadr) {
      for (Map<String, Object> row : catalog.rows(CatalogQueries.HADR_ROLE)) {
        agRoles.put(text(row, "availability_group"), text(row, "role_desc"));
      }
    }
    Map<String, Long> volumes = new LinkedHashMap<>();
    for (Map<String, Object> row : catalog.rows(CatalogQueries.VOLUMES)) {
      volumes.put(text(row, "volume_mount_point"), whole(row, "available_bytes"));
    }
    SourceInventory.Server facts =
        new SourceInventory.Server(
            text(server, "product_version"),
            text(server, "product_level"),
            text(server, "product_update_level"),
            text(server, "edition"),
            (int) whole(server, "engine_edition"),
            (int) whole(info, "cpu_count"),
            whole(info, "physical_memory_kb") * 1024,
            text(server, "collation"),
            hadr,
            agRoles.isEmpty() ? null : String.join(",", new java.util.TreeSet<>(agRoles.values())),
            whole(server, "windows_auth_only") == 1,
            volumes,
            (int) whole(server, "login_count"),
            (int) whole(server, "agent_job_count"));

    Map<String, Map<String, Object>> keys =
        byDatabase(catalog.rows(CatalogQueries.encryption(version)));
    Map<String, Map<String, Object>> transactions =
        byDatabase(catalog.rows(CatalogQueries.OPEN_TRANSACTIONS));
    Map<String, SourceInventory.FullBackup> backups =
        lastFullBackups(catalog.rows(CatalogQueries.LAST_FULL_BACKUPS), serverOffset, reachable);
    List<SourceInventory.Database> databases = new ArrayList<>();
    for (Map<String, Object> row : catalog.rows(CatalogQueries.DATABASES)) {
      String name = text(row, "name");
      Map<String, Object> key = keys.get(name);
      // encryption_state 2 (encryption in progress) or 3 (encrypted) need the key on the target.
      boolean encrypted =
          whole(row, "is_encrypted") == 1 || (key != null && whole(key, "encryption_state") >= 2);
      String certificate = key == null ? null : text(key, "certificate_name");
      boolean certificateBackedUp = key != null && key.get("pvt_key_last_backup_date") != null;
      Map<String, Object> tx = transactions.get(name);
      databases.add(
          new SourceInventory.Database(
              name,
              whole(row, "data_bytes"),
              whole(row, "log_bytes"),
              text(row, "recovery_model_desc"),
              text(row, "state_desc"),
              (int) whole(row, "compatibility_level"),
              encrypted,
              certificate,
              certificateBackedUp,
              text(row, "containment_desc"),
              whole(row, "is_published") == 1 || whole(row, "is_merge_published") == 1,
              whole(row, "is_cdc_enabled") == 1,
              text(row, "log_reuse_wait_desc"),
              tx == null ? 0 : Math.max(0, whole(tx, "oldest_seconds")),
              text(row, "availability_group"),
              backups.get(name)));
    }
    return new SourceInventory(now, false, facts, databases, logRate(catalog));
  }

  private SourceInventory.LogRate logRate(Catalog catalog) throws SQLException {
    long hours = Math.max(1, logWindow.toHours());
    Map<String, Object> logBackups = single(catalog.rows(CatalogQueries.LOG_BACKUPS, hours));
    long count = whole(logBackups, "backups");
    if (count >= 2) {
      // The backups of the window span from the first one's start to the last one's finish.
      long span = Math.max(3600, whole(logBackups, "span_seconds"));
      return new SourceInventory.LogRate(
          Math.round(whole(logBackups, "log_bytes") * 3600.0 / span),
          "msdb log backups: " + count + " in the last " + hours + " h");
    }
    long first = whole(single(catalog.rows(CatalogQueries.LOG_WRITES)), "log_bytes_written");
    try {
      pause.pause(sampleInterval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while sampling log writes", e);
    }
    long second = whole(single(catalog.rows(CatalogQueries.LOG_WRITES)), "log_bytes_written");
    long seconds = Math.max(1, sampleInterval.toSeconds());
    return new SourceInventory.LogRate(
        Math.round(Math.max(0, second - first) * 3600.0 / seconds),
        "log file writes sampled "
            + seconds
            + " s apart (no log backups in the last "
            + hours
            + " h)");
  }

  /**
   * Rows of one backup set's families are consecutive; the set is usable when its files can still
   * be read.
   */
  private static Map<String, SourceInventory.FullBackup> lastFullBackups(
      List<Map<String, Object>> rows, ZoneOffset serverOffset, Predicate<MediaSet> reachable) {
    Map<String, List<Map<String, Object>>> byDatabase = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      byDatabase.computeIfAbsent(text(row, "database_name"), k -> new ArrayList<>()).add(row);
    }
    Map<String, SourceInventory.FullBackup> out = new HashMap<>();
    byDatabase.forEach(
        (database, families) -> {
          Map<String, Object> first = families.get(0);
          List<String> files = families.stream().map(r -> text(r, "physical_device_name")).toList();
          MediaSet media =
              new MediaSet(
                  MediaSet.deviceOfType((int) whole(first, "device_type"), files.get(0)), files);
          long compressed = whole(first, "compressed_backup_size");
          out.put(
              database,
              new SourceInventory.FullBackup(
                  finishUtc(first, serverOffset),
                  compressed > 0 ? compressed : whole(first, "backup_size"),
                  whole(first, "is_copy_only") == 1,
                  reachable.test(media)));
        });
    return out;
  }

  private static Instant finishUtc(Map<String, Object> row, ZoneOffset serverOffset) {
    Object value = row.get("backup_finish_date");
    LocalDateTime local =
        value instanceof Timestamp t
            ? t.toLocalDateTime()
            : LocalDateTime.parse(value.toString().replace(' ', 'T'));
    long zone = row.get("time_zone") == null ? 127 : whole(row, "time_zone");
    ZoneOffset offset =
        zone == 127 ? serverOffset : ZoneOffset.ofTotalSeconds((int) zone * 15 * 60);
    return local.toInstant(offset);
  }

  private static Map<String, Map<String, Object>> byDatabase(List<Map<String, Object>> rows) {
    Map<String, Map<String, Object>> out = new HashMap<>();
    rows.forEach(row -> out.put(text(row, "database_name"), row));
    return out;
  }

  private static Map<String, Object> single(List<Map<String, Object>> rows) {
    return rows.isEmpty() ? Map.of() : rows.get(0);
  }

  private static String text(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? null : value.toString();
  }

  private static long whole(Map<String, Object> row, String column) {
    Object value = row.get(column);
    if (value == null) {
      return 0;
    }
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (value instanceof Number n) {
      return n instanceof BigDecimal d ? d.longValue() : n.longValue();
    }
    return new BigDecimal(value.toString().trim()).longValue();
  }

  /** The production catalog: each query prepared on the connection with a timeout. */
  static Catalog jdbc(Connection connection, int queryTimeoutSeconds) {
    return (query, parameters) -> {
      try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
        statement.setQueryTimeout(queryTimeoutSeconds);
        for (int i = 0; i < parameters.length; i++) {
          statement.setObject(i + 1, parameters[i]);
        }
        try (ResultSet rs = statement.executeQuery()) {
          ResultSetMetaData meta = rs.getMetaData();
          List<Map<String, Object>> rows = new ArrayList<>();
          while (rs.next()) {
            Map<String, Object> row = new HashMap<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
              row.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT), rs.getObject(c));
            }
            rows.add(row);
          }
          return rows;
        }
      }
    };
  }
}
