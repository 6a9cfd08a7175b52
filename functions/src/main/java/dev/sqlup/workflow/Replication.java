package dev.sqlup.workflow;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.dataplane.TransientDataPlaneException;
import dev.sqlup.workflow.plan.DatabasePlanner;
import dev.sqlup.workflow.plan.DatabaseProgress;
import dev.sqlup.workflow.plan.Goal;
import dev.sqlup.workflow.plan.PlannedOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One step of the per-database pipeline against the data plane: poll what is in flight, then start
 * what the planner says is ready. Every start uses the deterministic key {@code
 * taskId/kind/database/round}, so running this twice on the same payload (a Lambda retried after a
 * timeout) returns the operations already started instead of starting new ones.
 *
 * <p>A transient error while polling (a read-only status check, including reading back the log
 * backup a restore applies) is "no news" for that database this round: it keeps its state, starts
 * nothing, and the phase waits a few seconds ({@link #pollRetrySeconds}) instead of failing the
 * invocation for every database. Only when one database's polls have failed for {@link
 * #POLL_FAILURE_LIMIT} does the error surface to the state machine's Retry. A transient error while
 * starting an operation fails the invocation as before (Retry runs it again; starts are
 * idempotent).
 *
 * <p>A log backup or log restore that ends FAILED (before the point of no return: the tail-log
 * backup waits for every log round) is retried by a later round, as SQL Server log shipping does
 * ({@link DatabasePlanner#failed}); each such failure becomes a task warning ({@link
 * Advance#warnings}). The upgrade fails with {@code OperationFailed} as before once one database's
 * log operations have failed {@link dev.sqlup.workflow.plan.CatchUpPolicy#maxLogFailuresInRow}
 * times in a row, and at once for any other operation.
 */
final class Replication {
  /**
   * How long the operations of one database may go unpolled (transient errors) before the error
   * surfaces.
   */
  static final Duration POLL_FAILURE_LIMIT = Duration.ofMinutes(15);

  static final Duration POLL_RETRY_MIN = Duration.ofSeconds(5);
  static final Duration POLL_RETRY_MAX = Duration.ofSeconds(60);

  private final DatabasePlanner planner;

  Replication(DatabasePlanner planner) {
    this.planner = planner;
  }

  /**
   * @param reached every database reached the goal
   * @param nextChangeSeconds seconds until the first in-flight operation should finish; empty when
   *     nothing is in flight
   * @param percent progress (0–100) of running operations by database and kind, for the task record
   * @param warnings failed log operations this round that a later round retries, for the task's
   *     warnings (the same text when an invocation is run again, so they are recorded once)
   */
  record Advance(
      UpgradeState state,
      boolean reached,
      OptionalLong nextChangeSeconds,
      Map<String, Double> percent,
      List<String> warnings) {}

  Advance advance(
      DataPlane plane,
      InstanceRef source,
      UpgradeState state,
      Goal goal,
      Instant now,
      boolean acceleratedRecovery) {
    List<DatabaseProgress> next = new ArrayList<>();
    long soonest = Long.MAX_VALUE;
    Map<String, Double> percent = new HashMap<>();
    List<String> warnings = new ArrayList<>();
    for (DatabaseProgress db : state.databases()) {
      boolean noNews = false;
      for (PlannedOperation op : planner.inFlight(db)) {
        Optional<OperationStatus> polled = poll(plane, key(state, op), db, now);
        if (polled.isEmpty()) {
          noNews = true;
          continue;
        }
        OperationStatus status = polled.get();
        switch (status.state()) {
          case SUCCEEDED -> db = planner.succeeded(db, op, status.backup());
          case FAILED -> {
            db = failed(db, op, status.error());
            warnings.add(retryWarning(op, db, status.error()));
          }
          case RUNNING -> {
            soonest = Math.min(soonest, status.remainingSeconds());
            percent.put(op.database() + "/" + op.kind(), status.percentComplete());
          }
        }
      }
      // A database with a failed status read keeps what this round did learn of it and starts
      // nothing
      // on a view that may be stale. A log round whose backup failed is passed over on the target,
      // and
      // then the planner is asked again (the round after it may be ready).
      boolean plan = !noNews;
      while (plan) {
        plan = false;
        for (PlannedOperation op : planner.startable(db, goal, now)) {
          BackupRef logBackup = null;
          if (op.kind() == OperationKind.RESTORE_LOG) {
            int round = DatabasePlanner.appliesRound(db);
            Optional<OperationStatus> backup = poll(plane, logBackupKey(state, db, round), db, now);
            if (backup.isEmpty()) {
              noNews = true;
              break;
            }
            if (backup.get().state() == OperationStatus.State.FAILED) {
              db = planner.skipped(db);
              plan = true;
              break;
            }
            logBackup = finishedBackup(backup.get(), db, round);
          }
          Operation started =
              start(plane, source, state.target(), state, db, op, logBackup, acceleratedRecovery);
          db = planner.started(db, op, now, goal);
          long end = started.startedAt().plusSeconds(started.expectedSeconds()).getEpochSecond();
          soonest = Math.min(soonest, Math.max(0, end - now.getEpochSecond()));
          percent.put(op.database() + "/" + op.kind(), 0.0);
        }
      }
      if (noNews) {
        Instant since = db.pollFailingSince() == null ? now : db.pollFailingSince();
        soonest = Math.min(soonest, pollRetrySeconds(since, now));
        db = db.withPollFailingSince(since);
      } else if (db.pollFailingSince() != null) {
        db = db.withPollFailingSince(null);
      }
      next.add(db);
    }
    UpgradeState advanced = state.withDatabases(next);
    boolean reached = advanced.all(db -> planner.reached(db, goal, now));
    return new Advance(
        advanced,
        reached,
        soonest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(soonest),
        percent,
        List.copyOf(warnings));
  }

  /**
   * {@code db} after {@code op} ended FAILED with {@code error}: a log backup or log restore is
   * left to a later round unless this database's log operations have now failed too often in a row;
   * any other operation fails the upgrade.
   */
  private DatabaseProgress failed(DatabaseProgress db, PlannedOperation op, String error) {
    String failure = op.kind() + " of " + op.database() + " failed: " + error;
    if (!DatabasePlanner.retriedAfterFailure(op)) {
      throw new UpgradeFailedException("OperationFailed", failure);
    }
    DatabaseProgress after = planner.failed(db, op);
    if (planner.logFailuresExhausted(after)) {
      throw new UpgradeFailedException(
          "OperationFailed",
          failure
              + " ("
              + after.logFailuresInRow()
              + " log operations of "
              + op.database()
              + " failed in a row; the earlier ones were retried)");
    }
    return after;
  }

  /** What the task says about a failed log operation that a later round retries. */
  private String retryWarning(PlannedOperation op, DatabaseProgress after, String error) {
    String count =
        " ("
            + after.logFailuresInRow()
            + " failed in a row; the upgrade fails at "
            + planner.policy().maxLogFailuresInRow()
            + ")";
    return op.kind() == OperationKind.LOG_BACKUP
        ? "LOG_BACKUP_RETRIED: log backup round "
            + op.round()
            + " of "
            + op.database()
            + " failed ("
            + error
            + "); no backup was recorded, so the log chain is unbroken and the next log backup (the next round, or "
            + "the tail-log backup) covers the log from the last good one"
            + count
        : "LOG_RESTORE_RETRIED: log restore "
            + op.round()
            + " of "
            + op.database()
            + " (round "
            + DatabasePlanner.appliesRound(after)
            + ") failed ("
            + error
            + "); the target stays RESTORING at the "
            + "last LSN it applied, so the same log backup is restored again"
            + count;
  }

  /**
   * The status of {@code key}, or empty when the read failed transiently ("no news" for {@code db}
   * this round). Once {@code db}'s polls have failed for {@link #POLL_FAILURE_LIMIT} the error
   * surfaces, so the state machine's Retry and then Catch decide.
   */
  private static Optional<OperationStatus> poll(
      DataPlane plane, OperationKey key, DatabaseProgress db, Instant now) {
    try {
      return Optional.of(plane.poll(key));
    } catch (TransientDataPlaneException e) {
      if (db.pollFailingSince() != null
          && Duration.between(db.pollFailingSince(), now).compareTo(POLL_FAILURE_LIMIT) >= 0) {
        throw new TransientDataPlaneException(
            "polls of "
                + db.name()
                + "'s operations failing since "
                + db.pollFailingSince()
                + ": "
                + e.getMessage(),
            e);
      }
      return Optional.empty();
    }
  }

  /**
   * Poll again soon after a failed status read, backing off as the failures go on (5 s to 60 s).
   */
  static long pollRetrySeconds(Instant failingSince, Instant now) {
    long failingFor = Duration.between(failingSince, now).toSeconds();
    return Math.max(POLL_RETRY_MIN.toSeconds(), Math.min(POLL_RETRY_MAX.toSeconds(), failingFor));
  }

  /**
   * Seconds to wait before polling again: just past the soonest finish, capped by {@code limit}.
   */
  static long waitSeconds(OptionalLong nextChange, Duration limit) {
    long byOps = nextChange.isPresent() ? nextChange.getAsLong() + 1 : Long.MAX_VALUE;
    return Math.max(1, Math.min(byOps, limit.toSeconds()));
  }

  private Operation start(
      DataPlane plane,
      InstanceRef source,
      TargetRef target,
      UpgradeState state,
      DatabaseProgress db,
      PlannedOperation op,
      BackupRef logBackup,
      boolean acceleratedRecovery) {
    OperationKey key = key(state, op);
    return switch (op.kind()) {
      case FULL_BACKUP -> plane.startFullBackup(key, source, db.name());
      case RESTORE_FULL -> plane.startRestoreFull(key, requireTarget(target), db.fullBackup());
      case LOG_BACKUP -> plane.startLogBackup(key, source, db.name(), false);
      case RESTORE_LOG -> plane.startRestoreLog(key, requireTarget(target), logBackup);
      case TAIL_LOG_BACKUP -> plane.startLogBackup(key, source, db.name(), true);
      case RESTORE_TAIL -> plane.startRestoreLog(key, requireTarget(target), db.tail());
      case RESTORE_TAIL_WITH_RECOVERY ->
          plane.startRestoreTail(key, requireTarget(target), db.tail(), acceleratedRecovery);
      case RECOVER_TARGET ->
          plane.startRecoverTarget(key, requireTarget(target), db.name(), acceleratedRecovery);
      default -> throw new IllegalStateException("not a database operation: " + op.kind());
    };
  }

  /** The log backup a restore applies (read back by its key, not carried in the payload). */
  private static OperationKey logBackupKey(UpgradeState state, DatabaseProgress db, int round) {
    return new OperationKey(state.taskId(), OperationKind.LOG_BACKUP, db.name(), round);
  }

  private static BackupRef finishedBackup(OperationStatus status, DatabaseProgress db, int round) {
    if (status.state() != OperationStatus.State.SUCCEEDED || status.backup() == null) {
      throw new IllegalStateException(
          "log backup round " + round + " of " + db.name() + " is not finished");
    }
    return status.backup();
  }

  private static TargetRef requireTarget(TargetRef target) {
    if (target == null) {
      throw new IllegalStateException("no target in the payload: CreateTarget did not run");
    }
    return target;
  }

  static OperationKey key(UpgradeState state, PlannedOperation op) {
    return new OperationKey(state.taskId(), op.kind(), op.database(), op.round());
  }
}
