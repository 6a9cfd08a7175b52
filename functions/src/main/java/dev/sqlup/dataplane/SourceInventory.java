package dev.sqlup.dataplane;

import java.util.List;

/** What the source holds now: its databases and the log generation rate observed (bytes/hour). */
public record SourceInventory(List<Database> databases, long logBytesPerHour) {

  public SourceInventory {
    databases = List.copyOf(databases);
  }

  public long totalDataBytes() {
    return databases.stream().mapToLong(Database::sizeBytes).sum();
  }

  /** One user database. */
  public record Database(String name, long sizeBytes, RecoveryModel recoveryModel, Lsn currentLsn) {}

  public enum RecoveryModel { FULL, BULK_LOGGED, SIMPLE }
}
