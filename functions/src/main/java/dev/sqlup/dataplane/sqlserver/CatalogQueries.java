package dev.sqlup.dataplane.sqlserver;

/**
 * Every catalog query discovery runs, each in one place, with the version differences it has to
 * know (SourceDiscoveryRecordedTest runs each against result sets recorded per version). Column
 * names are the contract with {@link SourceDiscovery}'s mapping. References: SERVERPROPERTY,
 * sys.dm_os_sys_info, sys.dm_os_volume_stats, sys.databases, sys.master_files,
 * sys.dm_database_encryption_keys, sys.certificates, sys.dm_hadr_availability_replica_states,
 * sys.dm_tran_database_transactions, sys.dm_io_virtual_file_stats, msdb.dbo.backupset /
 * backupmediafamily (learn.microsoft.com).
 */
final class CatalogQueries {
  private CatalogQueries() {}

  /** One named query and its SQL text; {@code ?} parameters are bound in order. */
  record Query(String name, String sql) {}

  /** The server's version, first: the other queries depend on it. */
  static final Query SERVER =
      new Query(
          "server",
          """
      SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS product_version,
             CAST(SERVERPROPERTY('ProductLevel') AS nvarchar(128)) AS product_level,
             CAST(SERVERPROPERTY('ProductUpdateLevel') AS nvarchar(128)) AS product_update_level,
             CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition,
             CAST(SERVERPROPERTY('EngineEdition') AS int) AS engine_edition,
             CAST(SERVERPROPERTY('Collation') AS nvarchar(128)) AS collation,
             CAST(SERVERPROPERTY('IsHadrEnabled') AS int) AS is_hadr_enabled,
             CAST(SERVERPROPERTY('IsIntegratedSecurityOnly') AS int) AS windows_auth_only,
             @@SERVERNAME AS server_name,
             (SELECT COUNT(*) FROM sys.server_principals WHERE type IN ('S', 'U', 'G') AND name NOT LIKE '##%') AS login_count,
             (SELECT COUNT(*) FROM msdb.dbo.sysjobs) AS agent_job_count
      """);

  /**
   * CPUs and memory. {@code socket_count} and {@code cores_per_socket} exist from SQL Server 2016
   * SP2 (13.0.5026) on; older servers report logical CPUs only.
   */
  static Query sysInfo(ServerVersion version) {
    String cores =
        version.atLeast(13, 5026)
            ? "socket_count, cores_per_socket"
            : "NULL AS socket_count, NULL AS cores_per_socket";
    return new Query(
        "sysinfo", "SELECT cpu_count, physical_memory_kb, " + cores + " FROM sys.dm_os_sys_info");
  }

  /** This replica's role in its availability groups (only asked when HADR is enabled). */
  static final Query HADR_ROLE =
      new Query(
          "hadr",
          """
      SELECT ag.name AS availability_group, ars.role_desc
        FROM sys.dm_hadr_availability_replica_states ars
        JOIN sys.availability_groups ag ON ag.group_id = ars.group_id
       WHERE ars.is_local = 1
      """);

  /** Free space of every volume that holds a database file. */
  static final Query VOLUMES =
      new Query(
          "volumes",
          """
      SELECT DISTINCT vs.volume_mount_point, vs.available_bytes
        FROM sys.master_files mf
       CROSS APPLY sys.dm_os_volume_stats(mf.database_id, mf.file_id) vs
      """);

  /**
   * User databases (not snapshots) in every state, with their data and log file sizes and AG
   * membership.
   */
  static final Query DATABASES =
      new Query(
          "databases",
          """
      SELECT d.name, d.recovery_model_desc, d.state_desc, d.compatibility_level, d.is_encrypted,
             d.containment_desc, d.is_published, d.is_merge_published, d.is_cdc_enabled, d.log_reuse_wait_desc,
             (SELECT SUM(CAST(mf.size AS bigint)) * 8192 FROM sys.master_files mf WHERE mf.database_id = d.database_id AND mf.type = 0) AS data_bytes,
             (SELECT SUM(CAST(mf.size AS bigint)) * 8192 FROM sys.master_files mf WHERE mf.database_id = d.database_id AND mf.type = 1) AS log_bytes,
             ag.name AS availability_group
        FROM sys.databases d
        LEFT JOIN sys.availability_replicas ar ON ar.replica_id = d.replica_id
        LEFT JOIN sys.availability_groups ag ON ag.group_id = ar.group_id
       WHERE d.database_id > 4 AND d.source_database_id IS NULL
       ORDER BY d.name
      """);

  /**
   * TDE keys and the certificate protecting each; {@code encryptor_type} exists from SQL Server
   * 2014 on (2012 keys can only be protected by a certificate, so it is constant there).
   */
  static Query encryption(ServerVersion version) {
    String encryptor =
        version.major() >= 12 ? "k.encryptor_type" : "'CERTIFICATE' AS encryptor_type";
    return new Query(
        "encryption",
        "SELECT DB_NAME(k.database_id) AS database_name, k.encryption_state, "
            + encryptor
            + ", c.name AS certificate_name, c.pvt_key_last_backup_date"
            + " FROM sys.dm_database_encryption_keys k"
            + " LEFT JOIN master.sys.certificates c ON c.thumbprint = k.encryptor_thumbprint"
            + " WHERE k.database_id > 4");
  }

  /** The oldest open transaction per database, in seconds. */
  static final Query OPEN_TRANSACTIONS =
      new Query(
          "transactions",
          """
      SELECT DB_NAME(dt.database_id) AS database_name,
             DATEDIFF(SECOND, MIN(dt.database_transaction_begin_time), GETDATE()) AS oldest_seconds
        FROM sys.dm_tran_database_transactions dt
       WHERE dt.database_id > 4 AND dt.database_transaction_begin_time IS NOT NULL
       GROUP BY dt.database_id
      """);

  /** Log backups of the last {@code ?} hours on this server: the measured log generation rate. */
  static final Query LOG_BACKUPS =
      new Query(
          "logbackups",
          """
      SELECT COUNT(*) AS backups, SUM(bs.backup_size) AS log_bytes,
             DATEDIFF(SECOND, MIN(bs.backup_start_date), MAX(bs.backup_finish_date)) AS span_seconds
        FROM msdb.dbo.backupset bs
       WHERE bs.type = 'L' AND bs.server_name = @@SERVERNAME AND bs.backup_finish_date >= DATEADD(HOUR, -?, GETDATE())
      """);

  /**
   * Bytes written to the user databases' log files so far (sampled twice when msdb has no log
   * backups).
   */
  static final Query LOG_WRITES =
      new Query(
          "logwrites",
          """
      SELECT SUM(vfs.num_of_bytes_written) AS log_bytes_written
        FROM sys.dm_io_virtual_file_stats(NULL, NULL) vfs
        JOIN sys.master_files mf ON mf.database_id = vfs.database_id AND mf.file_id = vfs.file_id
       WHERE mf.type = 1 AND vfs.database_id > 4
      """);

  /**
   * The newest full backup of each database (copy-only included: it restores like any other), with
   * its media; {@code compressed_backup_size} is what the files hold. {@code time_zone} is the
   * offset of the finish time in 15-minute steps (127 = unknown).
   */
  static final Query LAST_FULL_BACKUPS =
      new Query(
          "fullbackups",
          """
      SELECT bs.database_name, bs.backup_finish_date, bs.time_zone, bs.backup_size, bs.compressed_backup_size,
             bs.is_copy_only, bs.media_set_id, mf.family_sequence_number, mf.physical_device_name, mf.device_type
        FROM msdb.dbo.backupset bs
        JOIN msdb.dbo.backupmediafamily mf ON mf.media_set_id = bs.media_set_id AND mf.mirror = 0
       WHERE bs.type = 'D' AND bs.server_name = @@SERVERNAME AND bs.is_damaged = 0
         AND bs.backup_finish_date = (SELECT MAX(b2.backup_finish_date) FROM msdb.dbo.backupset b2
                                       WHERE b2.database_name = bs.database_name AND b2.server_name = bs.server_name
                                         AND b2.type = 'D' AND b2.is_damaged = 0)
       ORDER BY bs.database_name, mf.family_sequence_number
      """);

  /**
   * Log generated since the database's last log backup (sys.dm_db_log_stats, SQL Server 2016 SP2
   * (13.0.5026) and later; {@code log_since_last_log_backup_mb} is a float in MB): what the next
   * log backup or the tail would carry. The parameter is the database name.
   */
  static final Query LOG_SINCE_LAST_LOG_BACKUP =
      new Query(
          "logstats",
          """
      SELECT ls.log_since_last_log_backup_mb
        FROM sys.dm_db_log_stats(DB_ID(?)) ls
      """);

  /**
   * Application sessions in user databases of logins that RESTRICTED_USER does not hold out
   * (members of sysadmin or dbcreator; sys.dm_exec_sessions has database_id from SQL Server 2012
   * on), the sqlup login's own excepted. db_owner members are per database and not read here.
   */
  static final Query PRIVILEGED_SESSIONS =
      new Query(
          "privileged",
          """
      SELECT s.login_name, DB_NAME(s.database_id) AS database_name, COUNT(*) AS sessions
        FROM sys.dm_exec_sessions s
       WHERE s.is_user_process = 1 AND s.session_id <> @@SPID AND s.database_id > 4
         AND s.login_name <> SUSER_SNAME()
         AND (IS_SRVROLEMEMBER('sysadmin', s.login_name) = 1 OR IS_SRVROLEMEMBER('dbcreator', s.login_name) = 1)
       GROUP BY s.login_name, s.database_id
       ORDER BY s.login_name, DB_NAME(s.database_id)
      """);

  /** The first build with sys.dm_db_log_stats: SQL Server 2016 SP2. */
  static final ServerVersion LOG_STATS_SINCE = new ServerVersion(13, 5026);

  /** Major version and build, from SERVERPROPERTY('ProductVersion') ("13.0.5026.0"). */
  record ServerVersion(int major, int build) {
    static ServerVersion parse(String productVersion) {
      String[] parts = productVersion == null ? new String[0] : productVersion.split("\\.");
      try {
        return new ServerVersion(
            Integer.parseInt(parts[0]), parts.length > 2 ? Integer.parseInt(parts[2]) : 0);
      } catch (RuntimeException e) {
        throw new dev.sqlup.dataplane.PermanentDataPlaneException(
            "UNKNOWN_VERSION: ProductVersion " + productVersion);
      }
    }

    boolean atLeast(int otherMajor, int otherBuild) {
      return major > otherMajor || (major == otherMajor && build >= otherBuild);
    }
  }
}
