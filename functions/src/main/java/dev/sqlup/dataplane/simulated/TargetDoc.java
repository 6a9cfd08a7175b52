package dev.sqlup.dataplane.simulated;

import dev.sqlup.dataplane.TargetRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * State of one simulated target instance (one JSON document, written under a version check): its
 * restore channel, each database's restore chain and the operations planned on it. A dropped target
 * keeps its document with {@code droppedAt} set, so effect counts survive compensation.
 */
final class TargetDoc {
  public TargetRef ref;
  public long createdAt;
  public long readyAt;
  public Long droppedAt;

  /**
   * When the restore channel (full restore, log restore, recovery run one after another) is next
   * free.
   */
  public long restoreChannelFreeAt;

  public Map<String, RestoredDatabase> databases = new LinkedHashMap<>();
  public Map<String, Plan> ops = new LinkedHashMap<>();
  public Map<String, Integer> effects = new TreeMap<>();
  public String profileFaults;

  /** One database being restored: the LSN its chain reaches once every planned restore has run. */
  static final class RestoredDatabase {
    public Long chainLsn;
    public List<Restore> restores = new ArrayList<>();
    public Long recoveredAt;

    /**
     * When {@code SET MULTI_USER} opened it to applications (null: RESTRICTED_USER after the tail
     * restore, or not recovered).
     */
    public Long openedAt;

    /** Last LSN restored by {@code epochMillis}: the newest restore finished by then. */
    Long restoredLsnAt(long epochMillis) {
      Long lsn = null;
      long newest = Long.MIN_VALUE;
      for (Restore r : restores) {
        if (r.finishedAt() <= epochMillis && r.finishedAt() >= newest) {
          newest = r.finishedAt();
          lsn = r.lastLsn();
        }
      }
      return lsn;
    }
  }

  /** A restore that has been planned: its last LSN and when it finishes. */
  record Restore(long lastLsn, long finishedAt) {}

  boolean liveAt(long epochMillis) {
    return droppedAt == null || droppedAt > epochMillis;
  }

  void countEffect(String name) {
    effects.merge(name, 1, Integer::sum);
  }
}
