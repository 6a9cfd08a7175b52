package dev.sqlup.dataplane.simulated;

import dev.sqlup.dataplane.BackupRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * State of one simulated source instance, stored as one JSON document in one item so a single
 * conditional write reserves backup-channel time, advances a database's log chain and records the
 * operation together. Mutable on purpose: it is read, changed and written back under a version
 * check.
 */
final class SourceDoc {
  public String instanceId;
  public long firstSeenAt;

  /** When the source's backup channel (full and log backups run one after another) is next free. */
  public long backupChannelFreeAt;

  public Map<String, DatabaseDoc> databases = new LinkedHashMap<>();

  /** The profile's last full backups (LSNs fixed when the simulator first saw the instance). */
  public List<BackupRef> profileFullBackups = new ArrayList<>();

  /** Full backups the simulator ran (finishedAt may lie in the future while they run). */
  public List<BackupRef> fullBackups = new ArrayList<>();

  public Map<String, Plan> ops = new LinkedHashMap<>();
  public Map<String, Integer> effects = new TreeMap<>();
  public EndpointDoc endpoint;

  /**
   * The endpoint record's TTL in seconds (null: the default), and when and from what it was
   * lowered.
   */
  public Long endpointTtlSeconds;

  public Long ttlLoweredAt;
  public Long cachedTtlSeconds;

  /** Raw JSON of the profile's faults object, so operations on the target see them too. */
  public String profileFaults;

  /**
   * Log position of one database: grows with its log rate while online, frozen by a tail-log
   * backup.
   */
  static final class DatabaseDoc {
    public long logBytesPerHour;
    public long offsetLsn;
    public long activeSince;
    public Long frozenAt;

    /** Last LSN of the newest backup (full or log) planned: the next log backup starts here. */
    public Long lastBackupLsn;

    /** Periods of the profile's log bursts: the rate is {@code logBytesPerHour * factor}. */
    public List<BurstDoc> bursts = new ArrayList<>();

    long lsnAt(long epochMillis) {
      long until = frozenAt == null ? epochMillis : Math.min(epochMillis, frozenAt);
      double byteMillis = (double) logBytesPerHour * (until - activeSince);
      for (BurstDoc b : bursts) {
        long overlap = Math.min(until, b.until) - Math.max(activeSince, b.from);
        if (overlap > 0) {
          byteMillis += logBytesPerHour * (b.factor - 1) * overlap;
        }
      }
      return offsetLsn + Math.round(byteMillis / 3_600_000.0);
    }

    boolean restoringAt(long epochMillis) {
      return frozenAt != null && frozenAt <= epochMillis;
    }
  }

  /** A log burst of the profile, in epoch milliseconds. */
  static final class BurstDoc {
    public long from;
    public long until;
    public double factor;
  }

  /** Where the instance endpoint points after a move. */
  static final class EndpointDoc {
    public String vip;
    public String targetId;
    public long switchedAt;
    public long drainedAt;

    /** When every client resolves to the source again after a move back (null: not moved back). */
    public Long movedBackAt;
  }

  void countEffect(String name) {
    effects.merge(name, 1, Integer::sum);
  }
}
