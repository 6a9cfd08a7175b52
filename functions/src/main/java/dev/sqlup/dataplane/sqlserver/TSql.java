package dev.sqlup.dataplane.sqlserver;

import static dev.sqlup.dataplane.sqlserver.SqlText.literal;
import static dev.sqlup.dataplane.sqlserver.SqlText.quoteName;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import java.util.ArrayList;
import java.util.List;

/**
 * The T-SQL statements the sqlserver data plane sends about databases (backup, restore, recovery,
 * the settings after it), one method per operation, returning the exact text. Agent jobs are in
 * {@link TSqlAgentJobs}, instance-level statements (configuration, logins, server roles) in {@link
 * TSqlInstance}. Names and strings go through {@link SqlText} only. Each method names the
 * documentation page it follows.
 */
public final class TSql {
  private TSql() {}

  /** RESTORE ... WITH MOVE: a logical file name and where it goes on the target. */
  public record Move(String logicalName, String physicalPath) {}

  // ---- backups: https://learn.microsoft.com/en-us/sql/t-sql/statements/backup-transact-sql

  /**
   * COPY_ONLY full backup, so the instance's own differential base is left alone; CHECKSUM always;
   * COMPRESSION where the edition allows it (not Web or Express). The backup set NAME carries the
   * operation's job name so poll finds it in msdb.dbo.backupset. FORMAT on disk makes a retried job
   * start a fresh media set instead of failing on a half-written one. URL targets follow
   * https://learn.microsoft.com/en-us/sql/relational-databases/backup-restore/sql-server-backup-to-url-s3-compatible-object-storage
   */
  public static String backupDatabase(
      String database, MediaSet media, String backupSetName, boolean compression) {
    List<String> options = new ArrayList<>();
    options.add("COPY_ONLY");
    options.add("CHECKSUM");
    options.add(compression ? "COMPRESSION" : "NO_COMPRESSION");
    if (media.device() == MediaSet.Device.DISK) {
      options.add("FORMAT");
    }
    options.add("NAME = " + literal(backupSetName));
    options.add("STATS = 5");
    return "BACKUP DATABASE "
        + quoteName(database)
        + " TO "
        + media.deviceList()
        + " WITH "
        + String.join(", ", options);
  }

  /**
   * A regular (not COPY_ONLY) log backup: it truncates the log and is recorded in msdb, so it is
   * part of the instance's own chain and the instance's later log backups continue from it. With
   * {@code tail}, NORECOVERY leaves the source RESTORING: the point of no return.
   */
  public static String backupLog(
      String database, MediaSet media, String backupSetName, boolean compression, boolean tail) {
    List<String> options = new ArrayList<>();
    options.add("CHECKSUM");
    options.add(compression ? "COMPRESSION" : "NO_COMPRESSION");
    if (media.device() == MediaSet.Device.DISK) {
      options.add("FORMAT");
    }
    options.add("NAME = " + literal(backupSetName));
    if (tail) {
      options.add("NORECOVERY");
    }
    options.add("STATS = 5");
    return "BACKUP LOG "
        + quoteName(database)
        + " TO "
        + media.deviceList()
        + " WITH "
        + String.join(", ", options);
  }

  // ---- restores:
  // https://learn.microsoft.com/en-us/sql/t-sql/statements/restore-statements-transact-sql

  /**
   * https://learn.microsoft.com/en-us/sql/t-sql/statements/restore-statements-headeronly-transact-sql
   */
  public static String restoreHeaderOnly(MediaSet media) {
    return "RESTORE HEADERONLY FROM " + media.deviceList();
  }

  /**
   * https://learn.microsoft.com/en-us/sql/t-sql/statements/restore-statements-filelistonly-transact-sql
   */
  public static String restoreFileListOnly(MediaSet media) {
    return "RESTORE FILELISTONLY FROM " + media.deviceList();
  }

  /** Reads only the media label: proves the files are still there without reading the backup. */
  public static String restoreLabelOnly(MediaSet media) {
    return "RESTORE LABELONLY FROM " + media.deviceList();
  }

  /** Full restore left RESTORING so logs can follow; every file moved to the target's paths. */
  public static String restoreDatabase(String database, MediaSet media, List<Move> moves) {
    List<String> options = new ArrayList<>();
    options.add("CHECKSUM");
    options.add("NORECOVERY");
    for (Move move : moves) {
      options.add("MOVE " + literal(move.logicalName()) + " TO " + literal(move.physicalPath()));
    }
    options.add("STATS = 5");
    return "RESTORE DATABASE "
        + quoteName(database)
        + " FROM "
        + media.deviceList()
        + " WITH "
        + String.join(", ", options);
  }

  /** One log backup applied WITH NORECOVERY (the database stays RESTORING for the next one). */
  public static String restoreLog(String database, MediaSet media) {
    return "RESTORE LOG "
        + quoteName(database)
        + " FROM "
        + media.deviceList()
        + " WITH CHECKSUM, NORECOVERY, STATS = 5";
  }

  /**
   * Brings a RESTORING database online: on the target at switchover, on the source for rollback.
   */
  public static String recoverDatabase(String database) {
    return "RESTORE DATABASE " + quoteName(database) + " WITH RECOVERY";
  }

  /**
   * The switchover's recovery when an earlier attempt already restored the tail: online, but only
   * for db_owner, dbcreator and sysadmin until {@link #openToApplications}.
   */
  public static String recoverDatabaseRestricted(String database) {
    return "RESTORE DATABASE " + quoteName(database) + " WITH RECOVERY, RESTRICTED_USER";
  }

  /**
   * Opens a database the switchover restored RESTRICTED_USER to every user, once the LSN check
   * passed and the endpoint resolves to the target:
   * https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-database-transact-sql-set-options
   * (database_user_access_option).
   */
  public static String openToApplications(String database) {
    return "ALTER DATABASE " + quoteName(database) + " SET MULTI_USER";
  }

  // ---- after recovery:
  // https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-database-transact-sql-set-options

  /**
   * SQL Server 2019+ only:
   * https://learn.microsoft.com/en-us/sql/relational-databases/accelerated-database-recovery-management
   */
  public static String enableAcceleratedDatabaseRecovery(String database) {
    return "ALTER DATABASE " + quoteName(database) + " SET ACCELERATED_DATABASE_RECOVERY = ON";
  }

  /**
   * https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-database-transact-sql-compatibility-level
   */
  public static String setCompatibilityLevel(String database, int level) {
    if (level < 100 || level > 170 || level % 10 != 0) {
      throw new PermanentDataPlaneException("INVALID_COMPATIBILITY_LEVEL: " + level);
    }
    return "ALTER DATABASE " + quoteName(database) + " SET COMPATIBILITY_LEVEL = " + level;
  }

  /**
   * https://learn.microsoft.com/en-us/sql/t-sql/database-console-commands/dbcc-checkdb-transact-sql
   */
  public static String checkDb(String database) {
    return "DBCC CHECKDB (" + literal(SqlText.validateIdentifier(database)) + ") WITH NO_INFOMSGS";
  }

  /**
   * Runs in the database's context through its three-part name:
   * https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-updatestats-transact-sql
   */
  public static String updateStats(String database) {
    return "EXEC " + quoteName(database) + ".sys.sp_updatestats";
  }

  /**
   * Compensation on the target only:
   * https://learn.microsoft.com/en-us/sql/t-sql/statements/drop-database-transact-sql
   */
  public static String dropDatabaseIfExists(String database) {
    return "IF DB_ID("
        + literal(SqlText.validateIdentifier(database))
        + ") IS NOT NULL DROP DATABASE "
        + quoteName(database);
  }
}
