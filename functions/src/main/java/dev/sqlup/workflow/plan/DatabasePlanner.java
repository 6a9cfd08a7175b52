package dev.sqlup.workflow.plan;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.OperationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which operations of one database to poll and to start next, without any I/O. Operations start as
 * soon as their inputs are ready, whatever the phase: the restore of a database starts the moment
 * its backup is done, its log shipping the moment it is restored. The data plane queues work per
 * host, so starting early is what pipelines several databases (database 1 restores while database 2
 * is backed up).
 *
 * <p>Log rounds are numbered from 1 and a log backup's key carries its round. A failed log backup
 * or log restore does not fail the upgrade at once ({@link #failed}): a failed round has no backup,
 * so its log goes into the next round, which is due at once, and the restores pass over it ({@link
 * #skipped}); a failed restore is started again under a new key ({@link #restoreKeyRound}) on the
 * same backup. Only {@link CatchUpPolicy#maxLogFailuresInRow} failures in a row end it ({@link
 * #logFailuresExhausted}).
 */
public final class DatabasePlanner {
  private final CatchUpPolicy policy;

  public DatabasePlanner(CatchUpPolicy policy) {
    this.policy = policy;
  }

  public CatchUpPolicy policy() {
    return policy;
  }

  /** Operations of this database that were started and have not been seen finishing. */
  public List<PlannedOperation> inFlight(DatabaseProgress p) {
    List<PlannedOperation> ops = new ArrayList<>();
    if (p.full() == FullStage.BACKING_UP) {
      ops.add(op(p, OperationKind.FULL_BACKUP, 0));
    }
    if (p.full() == FullStage.RESTORING) {
      ops.add(op(p, OperationKind.RESTORE_FULL, 0));
    }
    if (p.logStarted() > p.logBackedUp()) {
      ops.add(op(p, OperationKind.LOG_BACKUP, p.logStarted()));
    }
    if (p.applying()) {
      ops.add(op(p, OperationKind.RESTORE_LOG, restoreKeyRound(p)));
    }
    switch (p.switchStage()) {
      case TAIL_BACKING_UP -> ops.add(op(p, OperationKind.TAIL_LOG_BACKUP, 0));
      case TAIL_RESTORING -> ops.add(op(p, OperationKind.RESTORE_TAIL, 0));
      case RECOVERING -> ops.add(op(p, OperationKind.RECOVER_TARGET, 0));
      case TAIL_RECOVERING -> ops.add(op(p, OperationKind.RESTORE_TAIL_WITH_RECOVERY, 0));
      default -> {}
    }
    return ops;
  }

  /**
   * The database after {@code op} succeeded; {@code backup} is the operation's result for backups.
   */
  public DatabaseProgress succeeded(DatabaseProgress p, PlannedOperation op, BackupRef backup) {
    return switch (op.kind()) {
      case FULL_BACKUP -> p.withFull(FullStage.RESTORE_PENDING, requireBackup(op, backup));
      case RESTORE_FULL -> p.withFull(FullStage.RESTORED, p.fullBackup());
      case LOG_BACKUP ->
          p.withLog(
                  p.logStarted(),
                  op.round(),
                  p.logApplied(),
                  p.applying(),
                  requireBackup(op, backup).sizeBytes(),
                  p.lastLogStartedAt())
              .withLogFailures(0, p.logRestoresFailed());
      case RESTORE_LOG ->
          p.withLog(
                  p.logStarted(),
                  p.logBackedUp(),
                  appliesRound(p),
                  false,
                  p.lastLogBytes(),
                  p.lastLogStartedAt())
              .withLogFailures(0, p.logRestoresFailed());
      case TAIL_LOG_BACKUP ->
          p.withSwitch(SwitchStage.TAIL_RESTORE_PENDING, requireBackup(op, backup));
      case RESTORE_TAIL -> p.withSwitch(SwitchStage.RECOVER_PENDING, p.tail());
      case RECOVER_TARGET, RESTORE_TAIL_WITH_RECOVERY ->
          p.withSwitch(SwitchStage.RECOVERED, p.tail());
      default -> throw new IllegalArgumentException("not a database operation: " + op.kind());
    };
  }

  /**
   * Whether a failure of {@code op} is retried by a later operation rather than failing the
   * upgrade.
   */
  public static boolean retriedAfterFailure(PlannedOperation op) {
    return op.kind() == OperationKind.LOG_BACKUP || op.kind() == OperationKind.RESTORE_LOG;
  }

  /**
   * The database after {@code op} (a log backup or log restore, see {@link #retriedAfterFailure})
   * ended FAILED. A failed log backup recorded no backup (msdb has no backup set; the source's last
   * backed-up LSN did not move), so the round is finished without a backup: its log goes into the
   * next round, which is due at once ({@code lastLogStartedAt} null), and the restores pass over it
   * ({@link #skipped}). A failed log restore left the target RESTORING at the last LSN it applied:
   * the same round is restored again, under the next restore key.
   */
  public DatabaseProgress failed(DatabaseProgress p, PlannedOperation op) {
    return switch (op.kind()) {
      case LOG_BACKUP ->
          p.withLog(
                  p.logStarted(), op.round(), p.logApplied(), p.applying(), p.lastLogBytes(), null)
              .withLogFailures(p.logFailuresInRow() + 1, p.logRestoresFailed());
      case RESTORE_LOG ->
          p.withLog(
                  p.logStarted(),
                  p.logBackedUp(),
                  p.logApplied(),
                  false,
                  p.lastLogBytes(),
                  p.lastLogStartedAt())
              .withLogFailures(p.logFailuresInRow() + 1, p.logRestoresFailed() + 1);
      default -> throw new IllegalArgumentException("a failed " + op.kind() + " is not retried");
    };
  }

  /**
   * The database's failed log operations in a row have reached {@link
   * CatchUpPolicy#maxLogFailuresInRow}.
   */
  public boolean logFailuresExhausted(DatabaseProgress p) {
    return p.logFailuresInRow() >= policy.maxLogFailuresInRow();
  }

  /**
   * The database after the restore of round {@link #appliesRound} was passed over because that
   * round's backup failed: there is nothing to apply, the next round's backup continues the chain.
   */
  public DatabaseProgress skipped(DatabaseProgress p) {
    if (p.applying() || p.logApplied() >= p.logBackedUp()) {
      throw new IllegalStateException(
          "no finished log round of " + p.name() + " waits to be restored");
    }
    return p.withLog(
        p.logStarted(),
        p.logBackedUp(),
        p.logApplied() + 1,
        false,
        p.lastLogBytes(),
        p.lastLogStartedAt());
  }

  /**
   * The log round the next (or running) log restore applies: its backup is read back by that
   * round's key.
   */
  public static int appliesRound(DatabaseProgress p) {
    return p.logApplied() + 1;
  }

  /**
   * The key round of the next (or running) log restore: the round it applies, plus the restores
   * that failed before, so a restore started again after a failure never meets the failed one's key
   * (starts are idempotent on keys). Without failures it is the round itself. It only grows: each
   * restore start or skipped round moves {@code logApplied} or {@code logRestoresFailed} on by one.
   */
  public static int restoreKeyRound(DatabaseProgress p) {
    return appliesRound(p) + p.logRestoresFailed();
  }

  /** Operations to start now for {@code goal}. */
  public List<PlannedOperation> startable(DatabaseProgress p, Goal goal, Instant now) {
    List<PlannedOperation> ops = new ArrayList<>();
    if (p.full() == FullStage.BACKUP_PENDING) {
      ops.add(op(p, OperationKind.FULL_BACKUP, 0));
    }
    if (p.full() == FullStage.RESTORE_PENDING) {
      ops.add(op(p, OperationKind.RESTORE_FULL, 0));
    }
    if (p.full() != FullStage.RESTORED) {
      return ops;
    }
    if (!p.applying() && p.logApplied() < p.logBackedUp()) {
      ops.add(op(p, OperationKind.RESTORE_LOG, restoreKeyRound(p)));
    }
    if (goal != Goal.RECOVERED
        && goal != Goal.DRAINED
        && roundMayStart(p)
        && wantsRound(p, goal, now)) {
      if (!startsFreshCount(p, goal) && p.countedRounds() >= policy.maxRounds()) {
        throw notConverging(p);
      }
      ops.add(op(p, OperationKind.LOG_BACKUP, p.logStarted() + 1));
    }
    if (goal == Goal.RECOVERED) {
      switch (p.switchStage()) {
        case NONE -> {
          if (p.logQuiet()) {
            ops.add(op(p, OperationKind.TAIL_LOG_BACKUP, 0));
          }
        }
        // One RESTORE LOG ... WITH RECOVERY: one statement's fixed cost less than restoring the
        // tail WITH NORECOVERY and recovering in a second statement.
        case TAIL_RESTORE_PENDING -> ops.add(op(p, OperationKind.RESTORE_TAIL_WITH_RECOVERY, 0));
        case RECOVER_PENDING -> ops.add(op(p, OperationKind.RECOVER_TARGET, 0));
        default -> {}
      }
    }
    return ops;
  }

  /**
   * The database after {@code op} was started at {@code now} for a goal other than {@link
   * Goal#KEEP_SHIPPING}.
   */
  public DatabaseProgress started(DatabaseProgress p, PlannedOperation op, Instant now) {
    return started(p, op, now, Goal.CAUGHT_UP);
  }

  /** The database after {@code op} was started at {@code now} for {@code goal}. */
  public DatabaseProgress started(DatabaseProgress p, PlannedOperation op, Instant now, Goal goal) {
    return switch (op.kind()) {
      case FULL_BACKUP -> p.withFull(FullStage.BACKING_UP, null);
      case RESTORE_FULL -> p.withFull(FullStage.RESTORING, p.fullBackup());
      case LOG_BACKUP ->
          p.withLog(
              op.round(),
              p.logBackedUp(),
              p.logApplied(),
              p.applying(),
              p.lastLogBytes(),
              now,
              goal == Goal.KEEP_SHIPPING
                  ? op.round()
                  : startsFreshCount(p, goal) ? op.round() - 1 : p.catchUpFromRound());
      case RESTORE_LOG ->
          p.withLog(
              p.logStarted(),
              p.logBackedUp(),
              p.logApplied(),
              true,
              p.lastLogBytes(),
              p.lastLogStartedAt());
      case TAIL_LOG_BACKUP -> p.withSwitch(SwitchStage.TAIL_BACKING_UP, null);
      case RESTORE_TAIL -> p.withSwitch(SwitchStage.TAIL_RESTORING, p.tail());
      case RECOVER_TARGET -> p.withSwitch(SwitchStage.RECOVERING, p.tail());
      case RESTORE_TAIL_WITH_RECOVERY -> p.withSwitch(SwitchStage.TAIL_RECOVERING, p.tail());
      default -> throw new IllegalArgumentException("not a database operation: " + op.kind());
    };
  }

  /** True when this database has reached {@code goal} ({@link Goal#KEEP_SHIPPING} never is). */
  public boolean reached(DatabaseProgress p, Goal goal, Instant now) {
    return switch (goal) {
      case FULL_BACKUPS -> p.full().compareTo(FullStage.RESTORE_PENDING) >= 0;
      case FULL_RESTORES -> p.full() == FullStage.RESTORED;
      case CAUGHT_UP ->
          p.full() == FullStage.RESTORED && p.logQuiet() && !wantsRound(p, Goal.CAUGHT_UP, now);
      case KEEP_SHIPPING -> false;
      case DRAINED -> p.full() == FullStage.RESTORED && p.logQuiet();
      case RECOVERED -> p.switchStage() == SwitchStage.RECOVERED;
    };
  }

  /**
   * Log generated since the last round started and not shipped yet, estimated from the log rate.
   */
  public long unshippedBytes(DatabaseProgress p, Instant now) {
    if (p.lastLogStartedAt() == null || !now.isAfter(p.lastLogStartedAt())) {
      return 0;
    }
    return p.logBytesPerHour() * Duration.between(p.lastLogStartedAt(), now).toSeconds() / 3600;
  }

  /**
   * When the next keep-shipping round is due for this database; {@link Instant#MAX} while its own
   * log work must end first (a backup running, or two rounds waiting for the target), which the
   * running operations' end times already wake the phase for: a due round must not make it poll
   * every second.
   */
  public Instant nextShipAt(DatabaseProgress p, Instant now) {
    if (!roundMayStart(p)) {
      return Instant.MAX;
    }
    return p.lastLogStartedAt() == null
        ? now
        : p.lastLogStartedAt().plus(policy.shipInterval(p.logBytesPerHour()));
  }

  /**
   * No log backup running, at most one finished round not yet restored, and the switch not begun.
   */
  private static boolean roundMayStart(DatabaseProgress p) {
    return p.switchStage() == SwitchStage.NONE
        && p.logStarted() == p.logBackedUp()
        && p.logBackedUp() - p.logApplied() <= 1;
  }

  /**
   * Whether the next log round starts the round limit's count again. A round shipped while waiting
   * for the switch window is waiting, not catching up (it is not counted at all); a round that
   * follows a small one is due only because time passed (the database was caught up, then waited
   * for the window, the other databases' copies or a busy host), so it is the first of a new count.
   * Only rounds that keep finding a large lag count: that is a log growing as fast as it is
   * shipped.
   */
  private boolean startsFreshCount(DatabaseProgress p, Goal goal) {
    return goal == Goal.KEEP_SHIPPING
        || (p.lastLogBytes() >= 0 && p.lastLogBytes() <= policy.smallLagBytes());
  }

  private CatchUpNotConvergingException notConverging(DatabaseProgress p) {
    return new CatchUpNotConvergingException(
        String.format(
            Locale.ROOT,
            "database %s: log lag still above %d bytes "
                + "after %d consecutive log rounds (last round %.2f GB; the database writes %.2f GB of log per hour): its "
                + "log grows about as fast as it can be backed up and restored, so the tail-log backup would not be short. "
                + "Upgrade when the log rate is lower (off-peak, no index rebuilds or bulk loads)",
            p.name(),
            policy.smallLagBytes(),
            p.countedRounds(),
            p.lastLogBytes() / 1e9,
            p.logBytesPerHour() / 1e9));
  }

  private boolean wantsRound(DatabaseProgress p, Goal goal, Instant now) {
    // Null after a failed round too: its log is not shipped, the next round takes it at once.
    if (p.logStarted() == 0 || p.lastLogStartedAt() == null) {
      return true;
    }
    if (goal == Goal.KEEP_SHIPPING) {
      return !now.isBefore(nextShipAt(p, now));
    }
    return p.lastLogBytes() > policy.smallLagBytes()
        || unshippedBytes(p, now) > policy.smallLagBytes();
  }

  private static BackupRef requireBackup(PlannedOperation op, BackupRef backup) {
    if (backup == null) {
      throw new IllegalStateException(
          op.kind() + " of " + op.database() + " succeeded without a backup result");
    }
    return backup;
  }

  private static PlannedOperation op(DatabaseProgress p, OperationKind kind, int round) {
    return new PlannedOperation(p.name(), kind, round);
  }
}
