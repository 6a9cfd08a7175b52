package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.Lsn;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads backup history from msdb: backupset
 * (https://learn.microsoft.com/en-us/sql/relational-databases/system-tables/backupset-transact-sql),
 * backupmediafamily (.../backupmediafamily-transact-sql) and backupmediaset
 * (.../backupmediaset-transact-sql). The queries use only plain joins and parameters so that they
 * run unchanged on SQL Server and on H2 in MSSQLServer mode (the tests).
 *
 * <p>msdb stores {@code backup_finish_date} in the server's local time and the offset in {@code
 * time_zone} (15-minute steps, 127 = unknown); the 36 h rule is applied in UTC in Java.
 */
public final class BackupHistory {
  /**
   * Time-zone offsets reach ±14 h: the SQL window is widened by that much and the exact cut made in
   * Java.
   */
  private static final Duration ZONE_SLACK = Duration.ofHours(14);

  private static final String SELECT_SETS =
      """
      SELECT bs.backup_set_uuid, bs.name, bs.database_name, bs.type, bs.first_lsn, bs.last_lsn, bs.backup_size,
             bs.backup_finish_date, bs.time_zone, bs.media_set_id, ms.media_family_count,
             mf.family_sequence_number, mf.physical_device_name, mf.device_type
        FROM msdb.dbo.backupset bs
        JOIN msdb.dbo.backupmediaset ms ON ms.media_set_id = bs.media_set_id
        JOIN msdb.dbo.backupmediafamily mf ON mf.media_set_id = bs.media_set_id AND mf.mirror = 0
      """;

  private final ZoneOffset unknownZoneFallback;

  /**
   * @param unknownZoneFallback the server's offset, used for rows whose time_zone is 127 (unknown)
   */
  public BackupHistory(ZoneOffset unknownZoneFallback) {
    this.unknownZoneFallback = unknownZoneFallback;
  }

  /**
   * The latest full backup of each database finished within {@code maxAge} before {@code now} whose
   * media families are all recorded and still reachable, and whose later log backups still form an
   * unbroken, reachable chain; a newer backup whose files are gone is passed over for an older
   * reachable one. Damaged sets (is_damaged = 1) never count.
   */
  public List<BackupRef> recentFullBackups(
      Connection connection, String serverName, Instant now, Duration maxAge, MediaProbe probe)
      throws SQLException {
    Instant cutoff = now.minus(maxAge);
    String sql =
        SELECT_SETS
            + """
         WHERE bs.type = 'D' AND bs.server_name = ? AND bs.is_damaged = 0 AND bs.backup_finish_date >= ?
         ORDER BY bs.database_name, bs.backup_finish_date DESC, mf.family_sequence_number
        """;
    List<Row> rows =
        query(
            connection,
            sql,
            serverName,
            Timestamp.valueOf(LocalDateTime.ofInstant(cutoff.minus(ZONE_SLACK), ZoneOffset.UTC)));
    Map<String, BackupRef> latest = new TreeMap<>();
    for (Row row : rows) {
      BackupRef ref = row.ref();
      if (ref.finishedAt().isBefore(cutoff) || ref.finishedAt().isAfter(now) || !row.complete()) {
        continue;
      }
      BackupRef current = latest.get(ref.database());
      if ((current == null || ref.finishedAt().isAfter(current.finishedAt()))
          && probe.reachable(MediaSet.parse(ref.mediaLocation()))
          && logChainUsable(connection, serverName, ref, probe)) {
        latest.put(ref.database(), ref);
      }
    }
    return List.copyOf(latest.values());
  }

  /**
   * A full backup is only worth restoring if the log backups taken after it (by the instance's own
   * jobs) still continue it without a gap and their files are still there: otherwise the first log
   * restore would fail with a broken chain, hours later.
   */
  private boolean logChainUsable(
      Connection connection, String serverName, BackupRef full, MediaProbe probe)
      throws SQLException {
    List<BackupRef> logs = logBackupsAfter(connection, serverName, full.database(), full.lastLsn());
    if (logs.isEmpty()) {
      return true;
    }
    BackupRef newest = logs.stream().max(Comparator.comparing(BackupRef::lastLsn)).orElseThrow();
    try {
      List<BackupRef> chain = LsnChain.plan(full.lastLsn(), logs, newest);
      for (BackupRef log : chain) {
        if (!probe.reachable(MediaSet.parse(log.mediaLocation()))) {
          return false;
        }
      }
      return true;
    } catch (dev.sqlup.dataplane.PermanentDataPlaneException brokenChain) {
      return false;
    }
  }

  /** The backup set written under {@code name} (sqlup names each backup after its Agent job). */
  public Optional<BackupRef> backupSetByName(Connection connection, String serverName, String name)
      throws SQLException {
    String sql =
        SELECT_SETS
            + """
         WHERE bs.server_name = ? AND bs.name = ?
         ORDER BY bs.backup_finish_date DESC, mf.family_sequence_number
        """;
    return query(connection, sql, serverName, name).stream()
        .filter(Row::complete)
        .map(Row::ref)
        .findFirst();
  }

  /** Every log backup of a database whose last LSN is after {@code after}, in LSN order. */
  public List<BackupRef> logBackupsAfter(
      Connection connection, String serverName, String database, Lsn after) throws SQLException {
    String sql =
        SELECT_SETS
            + """
         WHERE bs.type = 'L' AND bs.server_name = ? AND bs.database_name = ? AND bs.is_damaged = 0 AND bs.last_lsn > ?
         ORDER BY bs.first_lsn, mf.family_sequence_number
        """;
    return query(connection, sql, serverName, database, new BigDecimal(after.value())).stream()
        .filter(Row::complete)
        .map(Row::ref)
        .sorted(Comparator.comparing(BackupRef::firstLsn))
        .toList();
  }

  /**
   * Log generated per hour, from the log backups of the last {@code window} (0 when there were
   * none).
   */
  public long logBytesPerHour(
      Connection connection, String serverName, Instant now, Duration window) throws SQLException {
    String sql =
        "SELECT SUM(bs.backup_size) FROM msdb.dbo.backupset bs WHERE bs.type = 'L' AND bs.server_name = ? AND bs.backup_finish_date >= ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, serverName);
      statement.setTimestamp(
          2, Timestamp.valueOf(LocalDateTime.ofInstant(now.minus(window), unknownZoneFallback)));
      try (ResultSet rs = statement.executeQuery()) {
        BigDecimal total = rs.next() ? rs.getBigDecimal(1) : null;
        long hours = Math.max(1, window.toHours());
        return total == null ? 0 : total.longValue() / hours;
      }
    }
  }

  private List<Row> query(Connection connection, String sql, Object... parameters)
      throws SQLException {
    Map<String, Row> sets = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String uuid = rs.getString("backup_set_uuid");
          Row row = sets.get(uuid);
          if (row == null) {
            row =
                new Row(
                    uuid,
                    rs.getString("name"),
                    rs.getString("database_name"),
                    rs.getString("type"),
                    rs.getBigDecimal("first_lsn"),
                    rs.getBigDecimal("last_lsn"),
                    rs.getBigDecimal("backup_size"),
                    finishUtc(
                        rs.getTimestamp("backup_finish_date"),
                        rs.getObject("time_zone") == null ? 127 : rs.getInt("time_zone")),
                    rs.getInt("media_family_count"),
                    new ArrayList<>(),
                    new ArrayList<>());
            sets.put(uuid, row);
          }
          row.families().add(rs.getString("physical_device_name"));
          row.deviceTypes().add(rs.getInt("device_type"));
        }
      }
    }
    return new ArrayList<>(sets.values());
  }

  private Instant finishUtc(Timestamp local, int timeZone) {
    ZoneOffset offset =
        timeZone == 127 ? unknownZoneFallback : ZoneOffset.ofTotalSeconds(timeZone * 15 * 60);
    return local.toLocalDateTime().toInstant(offset);
  }

  private record Row(
      String uuid,
      String name,
      String database,
      String type,
      BigDecimal firstLsn,
      BigDecimal lastLsn,
      BigDecimal size,
      Instant finishedAt,
      int familyCount,
      List<String> families,
      List<Integer> deviceTypes) {

    /** Every family of the media set is recorded (a lost family makes the set unrestorable). */
    boolean complete() {
      return families.size() == familyCount && firstLsn != null && lastLsn != null;
    }

    BackupRef ref() {
      MediaSet media =
          new MediaSet(MediaSet.deviceOfType(deviceTypes.get(0), families.get(0)), families);
      return new BackupRef(
          uuid,
          database,
          "L".equals(type) ? BackupRef.Kind.LOG : BackupRef.Kind.FULL,
          new Lsn(firstLsn.toBigIntegerExact()),
          new Lsn(lastLsn.toBigIntegerExact()),
          size == null ? 0 : size.longValue(),
          finishedAt,
          media.render());
    }
  }
}
