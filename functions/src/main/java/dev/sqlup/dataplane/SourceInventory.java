package dev.sqlup.dataplane;

import java.util.List;

/**
 * The live view of a source during an upgrade: its databases with their current LSNs and the log
 * rate (bytes/hour). Discovery's full picture is {@link dev.sqlup.domain.SourceInventory}.
 */
public record SourceInventory(List<Database> databases, long logBytesPerHour) {

  public SourceInventory {
    databases = List.copyOf(databases);
  }

  public long totalDataBytes() {
    return databases.stream().mapToLong(Database::sizeBytes).sum();
  }

  /** One user database. */
  public record Database(
      String name, long sizeBytes, RecoveryModel recoveryModel, Lsn currentLsn) {}

  public enum RecoveryModel {
    FULL,
    BULK_LOGGED,
    SIMPLE
  }
}
