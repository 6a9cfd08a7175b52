package dev.sqlup.dataplane;

import java.time.Instant;

/**
 * A backup set: full or log, of one database, with its LSN range (first LSN inclusive, last LSN
 * exclusive, as in msdb.dbo.backupset) and where its media lives.
 */
public record BackupRef(
    String backupId,
    String database,
    Kind kind,
    Lsn firstLsn,
    Lsn lastLsn,
    long sizeBytes,
    Instant finishedAt,
    String mediaLocation) {

  public enum Kind {
    FULL,
    LOG
  }
}
