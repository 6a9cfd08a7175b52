package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The log-chain rules of restoring a sequence (RESTORE LOG, "Apply transaction log backups":
 * https://learn.microsoft.com/en-us/sql/relational-databases/backup-restore/apply-transaction-log-backups-sql-server).
 * A log backup can be applied when the database's restored position lies inside it: {@code
 * first_lsn <= position < last_lsn} (backupset: first LSN inclusive, last LSN exclusive, see
 * https://learn.microsoft.com/en-us/sql/relational-databases/system-tables/backupset-transact-sql).
 * After it is applied, the position is its {@code last_lsn}.
 */
public final class LsnChain {
  private LsnChain() {}

  /** True when {@code log} continues a database restored up to {@code position}. */
  public static boolean applies(Lsn position, BackupRef log) {
    return log.firstLsn().compareTo(position) <= 0 && position.compareTo(log.lastLsn()) < 0;
  }

  /**
   * The log backups to apply, in LSN order, to bring a database restored up to {@code position} to
   * {@code upTo.lastLsn()}. {@code candidates} is every log backup msdb knows for the database
   * (ours and those the instance's own jobs took in between); backups already covered are skipped.
   *
   * @throws PermanentDataPlaneException BROKEN_LOG_CHAIN naming the gap when no backup continues it
   */
  public static List<BackupRef> plan(Lsn position, List<BackupRef> candidates, BackupRef upTo) {
    if (upTo.kind() != BackupRef.Kind.LOG) {
      throw new PermanentDataPlaneException(
          "BROKEN_LOG_CHAIN: " + upTo.backupId() + " is not a log backup");
    }
    if (upTo.lastLsn().compareTo(position) <= 0) {
      return List.of();
    }
    List<BackupRef> sorted =
        new ArrayList<>(
            candidates.stream()
                .filter(b -> b.kind() == BackupRef.Kind.LOG && b.database().equals(upTo.database()))
                .sorted(Comparator.comparing(BackupRef::firstLsn).thenComparing(BackupRef::lastLsn))
                .toList());
    if (sorted.stream().noneMatch(b -> b.backupId().equals(upTo.backupId()))) {
      sorted.add(upTo);
      sorted.sort(Comparator.comparing(BackupRef::firstLsn).thenComparing(BackupRef::lastLsn));
    }
    List<BackupRef> plan = new ArrayList<>();
    Lsn current = position;
    while (current.compareTo(upTo.lastLsn()) < 0) {
      BackupRef next = null;
      for (BackupRef candidate : sorted) {
        if (applies(current, candidate)
            && candidate.lastLsn().compareTo(upTo.lastLsn()) <= 0
            && (next == null || candidate.lastLsn().compareTo(next.lastLsn()) > 0)) {
          next = candidate;
        }
      }
      if (next == null) {
        throw new PermanentDataPlaneException(
            "BROKEN_LOG_CHAIN: database "
                + upTo.database()
                + " is restored to LSN "
                + current
                + " but no log backup starts at or before it (next needed up to "
                + upTo.lastLsn()
                + ")");
      }
      plan.add(next);
      current = next.lastLsn();
    }
    if (!current.equals(upTo.lastLsn())) {
      throw new PermanentDataPlaneException(
          "BROKEN_LOG_CHAIN: chain ends at " + current + ", expected " + upTo.lastLsn());
    }
    return List.copyOf(plan);
  }

  /** The first log backup after a full backup must contain the full backup's last LSN. */
  public static void checkFollowsFull(BackupRef full, BackupRef firstLog) {
    if (!applies(full.lastLsn(), firstLog) && !firstLog.firstLsn().equals(full.lastLsn())) {
      throw new PermanentDataPlaneException(
          "BROKEN_LOG_CHAIN: log backup "
              + firstLog.backupId()
              + " ["
              + firstLog.firstLsn()
              + ", "
              + firstLog.lastLsn()
              + ") does not continue full backup "
              + full.backupId()
              + " ending at "
              + full.lastLsn());
    }
  }

  /** No data loss: the target's last restored LSN equals the tail-log backup's last LSN. */
  public static void checkNoDataLoss(Lsn restored, BackupRef tail) {
    if (!restored.equals(tail.lastLsn())) {
      throw new PermanentDataPlaneException(
          "LSN_MISMATCH: database "
              + tail.database()
              + " restored to "
              + restored
              + " but the tail-log backup ends at "
              + tail.lastLsn());
    }
  }
}
