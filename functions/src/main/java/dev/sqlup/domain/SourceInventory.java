package dev.sqlup.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What discovery read from a source server at {@code discoveredAt}: server facts, one entry per
 * user database, the measured log generation rate and the last usable full backup of each database.
 * Both data planes return exactly this shape ({@code DataPlane.describeSource}); it is stored on
 * the instance record, and the estimate and the prechecks read only this. {@code simulated} is true
 * when it describes the simulated fleet's model, not a real server.
 *
 * <p>Lives in the domain (not in {@code dataplane}) because the estimate and the prechecks, which
 * may not import the data plane, read it; the data plane produces it.
 */
public record SourceInventory(
    Instant discoveredAt,
    boolean simulated,
    Server server,
    List<Database> databases,
    LogRate logRate) {

  public SourceInventory {
    databases = databases == null ? List.of() : List.copyOf(databases);
  }

  /** Server-level facts. Sizes in bytes; {@code freeDiskBytes} per volume mount point. */
  public record Server(
      String productVersion,
      String productLevel,
      String productUpdateLevel,
      String edition,
      int engineEdition,
      int cpuCount,
      long physicalMemoryBytes,
      String collation,
      boolean hadrEnabled,
      String availabilityGroupRole,
      boolean windowsAuthenticationOnly,
      Map<String, Long> freeDiskBytes,
      int loginCount,
      int agentJobCount) {

    public Server {
      freeDiskBytes = freeDiskBytes == null ? Map.of() : Map.copyOf(freeDiskBytes);
    }

    /** 11.0.x → 2012, 12 → 2014, 13 → 2016, 14 → 2017, 15 → 2019, 16 → 2022; null when unknown. */
    public String engineVersion() {
      if (productVersion == null) {
        return null;
      }
      String major = productVersion.split("\\.")[0];
      return switch (major) {
        case "11" -> "2012";
        case "12" -> "2014";
        case "13" -> "2016";
        case "14" -> "2017";
        case "15" -> "2019";
        case "16" -> "2022";
        default -> null;
      };
    }

    /**
     * The SQL Server edition in the catalogue's terms (Developer and Evaluation count as
     * Enterprise).
     */
    public SqlEdition sqlEdition() {
      String e = edition == null ? "" : edition;
      if (e.startsWith("Enterprise") || e.startsWith("Developer") || e.startsWith("Evaluation")) {
        return SqlEdition.Enterprise;
      }
      if (e.startsWith("Standard")) {
        return SqlEdition.Standard;
      }
      if (e.startsWith("Web")) {
        return SqlEdition.Web;
      }
      return null;
    }
  }

  /**
   * One user database. {@code state} as sys.databases.state_desc (ONLINE, RESTORING, OFFLINE,
   * SUSPECT, ...), {@code recoveryModel} FULL / BULK_LOGGED / SIMPLE; {@code tdeCertificate} names
   * the certificate that protects the database encryption key (null when not encrypted or when it
   * is protected otherwise) and {@code tdeCertificateBackedUp} whether its private key was ever
   * backed up (the target can only open the database with a restored copy of it). {@code
   * oldestOpenTransactionSeconds} is 0 without one.
   */
  public record Database(
      String name,
      long dataBytes,
      long logBytes,
      String recoveryModel,
      String state,
      int compatibilityLevel,
      boolean encrypted,
      String tdeCertificate,
      boolean tdeCertificateBackedUp,
      String containment,
      boolean published,
      boolean cdcEnabled,
      String logReuseWait,
      long oldestOpenTransactionSeconds,
      String availabilityGroup,
      FullBackup lastFullBackup) {}

  /**
   * The last full backup that could be restored: finish time, size, copy-only, and whether its
   * files exist.
   */
  public record FullBackup(
      Instant finishedAt, long sizeBytes, boolean copyOnly, boolean filePresent) {}

  /** Log generated per hour and how it was measured (e.g. {@code msdb log backups, 72 h}). */
  public record LogRate(long bytesPerHour, String method) {}

  public long totalDataBytes() {
    return databases.stream().mapToLong(Database::dataBytes).sum();
  }

  public long totalLogBytes() {
    return databases.stream().mapToLong(Database::logBytes).sum();
  }

  public long logBytesPerHour() {
    return logRate == null ? 0 : logRate.bytesPerHour();
  }

  /** Age at {@code now}; never negative. */
  public Duration age(Instant now) {
    Duration age = Duration.between(discoveredAt, now);
    return age.isNegative() ? Duration.ZERO : age;
  }

  /**
   * The oldest of the databases' last usable full backups, or null when one database has none: a
   * full backup is only reused when every database has one (the upgrade copies them all).
   */
  public Instant lastFullBackupOfAll() {
    Instant oldest = null;
    for (Database db : databases) {
      FullBackup b = db.lastFullBackup();
      if (b == null || !b.filePresent()) {
        return null;
      }
      oldest = oldest == null || b.finishedAt().isBefore(oldest) ? b.finishedAt() : oldest;
    }
    return oldest;
  }
}
