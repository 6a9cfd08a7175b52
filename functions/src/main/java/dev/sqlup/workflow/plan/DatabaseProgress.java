package dev.sqlup.workflow.plan;

import dev.sqlup.dataplane.BackupRef;
import java.time.Instant;

/**
 * One database's place in the upgrade, carried in the execution payload ({@code $.databases[]}) so
 * every phase handler can pick up where the last invocation stopped. Operation results that are
 * needed later (the full backup to restore, the tail backup's LSN) are kept here; everything else
 * is read back from the data plane by polling the operation's deterministic key.
 *
 * @param name database name
 * @param recoveryModel recovery model seen at precheck (the pre-switch guard compares it)
 * @param logBytesPerHour this database's share of the instance's log generation rate
 * @param full stage of the full copy
 * @param fullBackup the full backup restored (taken by this task, or a recent one reused)
 * @param reusedFullBackup true when {@code fullBackup} was taken within 36 h before the task
 * @param logStarted log rounds whose backup was started (rounds are numbered from 1)
 * @param logBackedUp log rounds whose backup finished (succeeded, or failed: a failed round has no
 *     backup and its log goes into the next round)
 * @param logApplied log rounds restored on the target (a round whose backup failed counts once
 *     passed)
 * @param applying a log restore (of round {@code logApplied + 1}) is running
 * @param lastLogBytes size of the last finished log backup, -1 before the first
 * @param lastLogStartedAt when the last log round's backup started (what it covers ends there or
 *     later); null before the first round and after a failed one: a round is due now
 * @param catchUpFromRound the round after which {@link CatchUpPolicy#maxRounds} counts: rounds
 *     shipped while waiting for the switch window, and rounds that only follow a caught-up one
 *     because time passed, start the count again (waiting is not a failure to converge)
 * @param switchStage stage in the switchover
 * @param tail the tail-log backup, once finished
 * @param pollFailingSince when polling this database's operations first failed transiently in a
 *     row; null while polls answer
 * @param logFailuresInRow log backups and log restores of this database that failed in a row (a
 *     succeeded one resets it); {@link CatchUpPolicy#maxLogFailuresInRow} of them fail the upgrade
 * @param logRestoresFailed log restores of this database that failed so far: restore keys count on
 *     from it, so the retry of a failed restore gets a key of its own (see {@link
 *     DatabasePlanner#restoreKeyRound})
 */
public record DatabaseProgress(
    String name,
    String recoveryModel,
    long logBytesPerHour,
    FullStage full,
    BackupRef fullBackup,
    boolean reusedFullBackup,
    int logStarted,
    int logBackedUp,
    int logApplied,
    boolean applying,
    long lastLogBytes,
    Instant lastLogStartedAt,
    int catchUpFromRound,
    SwitchStage switchStage,
    BackupRef tail,
    Instant pollFailingSince,
    int logFailuresInRow,
    int logRestoresFailed) {

  public DatabaseProgress {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("database name is required");
    }
    full = full == null ? FullStage.BACKUP_PENDING : full;
    switchStage = switchStage == null ? SwitchStage.NONE : switchStage;
    if (catchUpFromRound < 0 || catchUpFromRound > logStarted) {
      throw new IllegalArgumentException(
          "catchUpFromRound must be between 0 and logStarted (" + logStarted + ")");
    }
    if (logFailuresInRow < 0 || logRestoresFailed < 0) {
      throw new IllegalArgumentException("logFailuresInRow and logRestoresFailed must be >= 0");
    }
  }

  /** A database about to be copied; {@code recentFull} is a reusable full backup or null. */
  public static DatabaseProgress start(
      String name, String recoveryModel, long logBytesPerHour, BackupRef recentFull) {
    return recentFull == null
        ? new DatabaseProgress(
            name,
            recoveryModel,
            logBytesPerHour,
            FullStage.BACKUP_PENDING,
            null,
            false,
            0,
            0,
            0,
            false,
            -1,
            null,
            0,
            SwitchStage.NONE,
            null,
            null,
            0,
            0)
        : new DatabaseProgress(
            name,
            recoveryModel,
            logBytesPerHour,
            FullStage.RESTORE_PENDING,
            recentFull,
            true,
            0,
            0,
            0,
            false,
            -1,
            null,
            0,
            SwitchStage.NONE,
            null,
            null,
            0,
            0);
  }

  DatabaseProgress withFull(FullStage stage, BackupRef backup) {
    return new DatabaseProgress(
        name,
        recoveryModel,
        logBytesPerHour,
        stage,
        backup,
        reusedFullBackup,
        logStarted,
        logBackedUp,
        logApplied,
        applying,
        lastLogBytes,
        lastLogStartedAt,
        catchUpFromRound,
        switchStage,
        tail,
        pollFailingSince,
        logFailuresInRow,
        logRestoresFailed);
  }

  DatabaseProgress withLog(
      int started,
      int backedUp,
      int applied,
      boolean nowApplying,
      long lastBytes,
      Instant lastStartedAt) {
    return withLog(
        started, backedUp, applied, nowApplying, lastBytes, lastStartedAt, catchUpFromRound);
  }

  DatabaseProgress withLog(
      int started,
      int backedUp,
      int applied,
      boolean nowApplying,
      long lastBytes,
      Instant lastStartedAt,
      int countFrom) {
    return new DatabaseProgress(
        name,
        recoveryModel,
        logBytesPerHour,
        full,
        fullBackup,
        reusedFullBackup,
        started,
        backedUp,
        applied,
        nowApplying,
        lastBytes,
        lastStartedAt,
        countFrom,
        switchStage,
        tail,
        pollFailingSince,
        logFailuresInRow,
        logRestoresFailed);
  }

  DatabaseProgress withSwitch(SwitchStage stage, BackupRef tailBackup) {
    return new DatabaseProgress(
        name,
        recoveryModel,
        logBytesPerHour,
        full,
        fullBackup,
        reusedFullBackup,
        logStarted,
        logBackedUp,
        logApplied,
        applying,
        lastLogBytes,
        lastLogStartedAt,
        catchUpFromRound,
        stage,
        tailBackup,
        pollFailingSince,
        logFailuresInRow,
        logRestoresFailed);
  }

  /** This database with polls failing since {@code since}, or answering again ({@code null}). */
  public DatabaseProgress withPollFailingSince(Instant since) {
    return new DatabaseProgress(
        name,
        recoveryModel,
        logBytesPerHour,
        full,
        fullBackup,
        reusedFullBackup,
        logStarted,
        logBackedUp,
        logApplied,
        applying,
        lastLogBytes,
        lastLogStartedAt,
        catchUpFromRound,
        switchStage,
        tail,
        since,
        logFailuresInRow,
        logRestoresFailed);
  }

  /**
   * This database with {@code inRow} log operations failed in a row and {@code restoresFailed}
   * failed restores.
   */
  DatabaseProgress withLogFailures(int inRow, int restoresFailed) {
    return new DatabaseProgress(
        name,
        recoveryModel,
        logBytesPerHour,
        full,
        fullBackup,
        reusedFullBackup,
        logStarted,
        logBackedUp,
        logApplied,
        applying,
        lastLogBytes,
        lastLogStartedAt,
        catchUpFromRound,
        switchStage,
        tail,
        pollFailingSince,
        inRow,
        restoresFailed);
  }

  /** Log rounds counted towards {@link CatchUpPolicy#maxRounds}. */
  public int countedRounds() {
    return logStarted - catchUpFromRound;
  }

  /** No log backup running and every finished one applied. */
  public boolean logQuiet() {
    return logStarted == logBackedUp && logApplied == logBackedUp && !applying;
  }
}
