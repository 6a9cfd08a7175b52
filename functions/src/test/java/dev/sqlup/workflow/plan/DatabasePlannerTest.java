package dev.sqlup.workflow.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.OperationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabasePlannerTest {
  static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");
  static final long GB = 1_000_000_000L;
  final DatabasePlanner planner = new DatabasePlanner(CatchUpPolicy.DEFAULT);

  static BackupRef backup(String db, BackupRef.Kind kind, long bytes) {
    return new BackupRef(
        db + "-" + kind + "-" + bytes, db, kind, Lsn.of(1), Lsn.of(2), bytes, T0, "s3://b/" + db);
  }

  static DatabaseProgress fresh(String name) {
    return DatabaseProgress.start(name, "FULL", 2 * GB, null);
  }

  @Test
  void startsTheFullBackupFirst_andTheRestoreAsSoonAsTheBackupIsDone() {
    DatabaseProgress p = fresh("sales");
    assertThat(planner.startable(p, Goal.FULL_BACKUPS, T0))
        .containsExactly(new PlannedOperation("sales", OperationKind.FULL_BACKUP, 0));

    p = planner.started(p, new PlannedOperation("sales", OperationKind.FULL_BACKUP, 0), T0);
    assertThat(planner.inFlight(p))
        .containsExactly(new PlannedOperation("sales", OperationKind.FULL_BACKUP, 0));
    assertThat(planner.reached(p, Goal.FULL_BACKUPS, T0)).isFalse();

    p =
        planner.succeeded(
            p,
            new PlannedOperation("sales", OperationKind.FULL_BACKUP, 0),
            backup("sales", BackupRef.Kind.FULL, 600 * GB));
    assertThat(planner.reached(p, Goal.FULL_BACKUPS, T0)).isTrue();
    // The restore starts in the same invocation, whatever the phase.
    assertThat(planner.startable(p, Goal.FULL_BACKUPS, T0))
        .containsExactly(new PlannedOperation("sales", OperationKind.RESTORE_FULL, 0));
  }

  @Test
  void aRecentFullBackupIsRestoredWithoutTakingANewOne() {
    DatabaseProgress p =
        DatabaseProgress.start("sales", "FULL", GB, backup("sales", BackupRef.Kind.FULL, GB));
    assertThat(p.reusedFullBackup()).isTrue();
    assertThat(planner.reached(p, Goal.FULL_BACKUPS, T0)).isTrue();
    assertThat(planner.startable(p, Goal.FULL_BACKUPS, T0))
        .extracting(PlannedOperation::kind)
        .containsExactly(OperationKind.RESTORE_FULL);
  }

  @Test
  void logRoundsContinueUntilTheLastOneIsSmall_andBackupOfRoundTwoOverlapsApplyOfRoundOne() {
    DatabaseProgress p = restored("sales");
    List<PlannedOperation> first = planner.startable(p, Goal.CAUGHT_UP, T0);
    assertThat(first).containsExactly(new PlannedOperation("sales", OperationKind.LOG_BACKUP, 1));
    p = planner.started(p, first.get(0), T0);
    p = planner.succeeded(p, first.get(0), backup("sales", BackupRef.Kind.LOG, 10 * GB));

    Instant t1 = T0.plus(Duration.ofMinutes(5));
    assertThat(planner.startable(p, Goal.CAUGHT_UP, t1))
        .containsExactly(
            new PlannedOperation("sales", OperationKind.RESTORE_LOG, 1),
            new PlannedOperation("sales", OperationKind.LOG_BACKUP, 2));
    p = planner.started(p, new PlannedOperation("sales", OperationKind.RESTORE_LOG, 1), t1);
    p = planner.started(p, new PlannedOperation("sales", OperationKind.LOG_BACKUP, 2), t1);
    p =
        planner.succeeded(
            p,
            new PlannedOperation("sales", OperationKind.LOG_BACKUP, 2),
            backup("sales", BackupRef.Kind.LOG, GB / 10));
    Instant t2 = t1.plus(Duration.ofMinutes(3));
    assertThat(planner.reached(p, Goal.CAUGHT_UP, t2)).isFalse();
    // Round 2 is small: no round 3, and round 2 waits for round 1's restore (LSN chain order).
    assertThat(planner.startable(p, Goal.CAUGHT_UP, t2)).isEmpty();
    p = planner.succeeded(p, new PlannedOperation("sales", OperationKind.RESTORE_LOG, 1), null);
    assertThat(planner.startable(p, Goal.CAUGHT_UP, t2))
        .containsExactly(new PlannedOperation("sales", OperationKind.RESTORE_LOG, 2));
    p = planner.started(p, new PlannedOperation("sales", OperationKind.RESTORE_LOG, 2), t2);
    p = planner.succeeded(p, new PlannedOperation("sales", OperationKind.RESTORE_LOG, 2), null);
    assertThat(planner.reached(p, Goal.CAUGHT_UP, t2)).isTrue();
  }

  @Test
  void theTailLogBackupWaitsUntilNoLogBackupIsRunning() {
    DatabaseProgress p = restored("sales");
    p = planner.started(p, new PlannedOperation("sales", OperationKind.LOG_BACKUP, 1), T0);
    assertThat(planner.startable(p, Goal.RECOVERED, T0)).isEmpty();
    p =
        planner.succeeded(
            p,
            new PlannedOperation("sales", OperationKind.LOG_BACKUP, 1),
            backup("sales", BackupRef.Kind.LOG, GB));
    assertThat(planner.startable(p, Goal.RECOVERED, T0))
        .containsExactly(new PlannedOperation("sales", OperationKind.RESTORE_LOG, 1));
    p = planner.started(p, new PlannedOperation("sales", OperationKind.RESTORE_LOG, 1), T0);
    p = planner.succeeded(p, new PlannedOperation("sales", OperationKind.RESTORE_LOG, 1), null);
    assertThat(planner.startable(p, Goal.RECOVERED, T0))
        .containsExactly(new PlannedOperation("sales", OperationKind.TAIL_LOG_BACKUP, 0));
    p = planner.started(p, new PlannedOperation("sales", OperationKind.TAIL_LOG_BACKUP, 0), T0);
    p =
        planner.succeeded(
            p,
            new PlannedOperation("sales", OperationKind.TAIL_LOG_BACKUP, 0),
            backup("sales", BackupRef.Kind.LOG, GB / 100));
    assertThat(planner.startable(p, Goal.RECOVERED, T0))
        .extracting(PlannedOperation::kind)
        .containsExactly(OperationKind.RESTORE_TAIL_WITH_RECOVERY);
    PlannedOperation tailWithRecovery =
        new PlannedOperation("sales", OperationKind.RESTORE_TAIL_WITH_RECOVERY, 0);
    p = planner.started(p, tailWithRecovery, T0);
    assertThat(planner.inFlight(p)).containsExactly(tailWithRecovery);
    assertThat(planner.startable(p, Goal.RECOVERED, T0)).isEmpty();
    assertThat(planner.reached(p, Goal.RECOVERED, T0)).isFalse();
    p = planner.succeeded(p, tailWithRecovery, null);
    assertThat(planner.reached(p, Goal.RECOVERED, T0)).isTrue();
    assertThat(p.tail().sizeBytes()).isEqualTo(GB / 100);
  }

  @Test
  void anExecutionStartedBeforeTheOneStatementTailRestore_finishesWithTwoStatements() {
    DatabaseProgress p = restored("sales");
    p = planner.started(p, new PlannedOperation("sales", OperationKind.TAIL_LOG_BACKUP, 0), T0);
    p =
        planner.succeeded(
            p,
            new PlannedOperation("sales", OperationKind.TAIL_LOG_BACKUP, 0),
            backup("sales", BackupRef.Kind.LOG, GB / 100));
    // the payload of an execution that had started the tail restore WITH NORECOVERY
    p = planner.started(p, new PlannedOperation("sales", OperationKind.RESTORE_TAIL, 0), T0);
    assertThat(planner.inFlight(p))
        .containsExactly(new PlannedOperation("sales", OperationKind.RESTORE_TAIL, 0));
    p = planner.succeeded(p, new PlannedOperation("sales", OperationKind.RESTORE_TAIL, 0), null);
    assertThat(planner.startable(p, Goal.RECOVERED, T0))
        .containsExactly(new PlannedOperation("sales", OperationKind.RECOVER_TARGET, 0));
    p = planner.started(p, new PlannedOperation("sales", OperationKind.RECOVER_TARGET, 0), T0);
    p = planner.succeeded(p, new PlannedOperation("sales", OperationKind.RECOVER_TARGET, 0), null);
    assertThat(planner.reached(p, Goal.RECOVERED, T0)).isTrue();
  }

  @Test
  void keepShippingStartsARoundOncePerInterval() {
    DatabaseProgress p = restored("sales");
    p = planner.started(p, new PlannedOperation("sales", OperationKind.LOG_BACKUP, 1), T0);
    p =
        planner.succeeded(
            p,
            new PlannedOperation("sales", OperationKind.LOG_BACKUP, 1),
            backup("sales", BackupRef.Kind.LOG, GB));
    p = planner.started(p, new PlannedOperation("sales", OperationKind.RESTORE_LOG, 1), T0);
    p = planner.succeeded(p, new PlannedOperation("sales", OperationKind.RESTORE_LOG, 1), null);
    Duration interval = CatchUpPolicy.DEFAULT.shipInterval(2 * GB);
    assertThat(interval).isEqualTo(Duration.ofHours(1));
    assertThat(planner.startable(p, Goal.KEEP_SHIPPING, T0.plus(interval).minusSeconds(1)))
        .isEmpty();
    assertThat(planner.startable(p, Goal.KEEP_SHIPPING, T0.plus(interval)))
        .containsExactly(new PlannedOperation("sales", OperationKind.LOG_BACKUP, 2));
    assertThat(planner.reached(p, Goal.KEEP_SHIPPING, T0)).isFalse();
  }

  @Test
  void aLogThatOutgrowsShippingStopsAfterMaxRounds() {
    DatabasePlanner strict =
        new DatabasePlanner(new CatchUpPolicy(GB, 2, Duration.ofMinutes(15), Duration.ofHours(6)));
    DatabaseProgress p = restored("sales");
    for (int round = 1; round <= 2; round++) {
      PlannedOperation b = new PlannedOperation("sales", OperationKind.LOG_BACKUP, round);
      p = strict.started(p, b, T0);
      p = strict.succeeded(p, b, backup("sales", BackupRef.Kind.LOG, 5 * GB));
      PlannedOperation r = new PlannedOperation("sales", OperationKind.RESTORE_LOG, round);
      p = strict.started(p, r, T0);
      p = strict.succeeded(p, r, null);
    }
    DatabaseProgress last = p;
    assertThatThrownBy(() -> strict.startable(last, Goal.CAUGHT_UP, T0))
        .isInstanceOf(CatchUpNotConvergingException.class)
        .hasMessageContaining("sales");
  }

  /** F8 (docs/RELIABILITY.md): waiting for the maintenance window is not a failure to converge. */
  @Test
  void keepShippingRoundsWhileWaitingForTheWindow_neverCountAsNonConvergence() {
    DatabaseProgress p = restored("sales");
    Instant now = T0;
    Duration interval = CatchUpPolicy.DEFAULT.shipInterval(p.logBytesPerHour());
    for (int round = 1; round <= 3 * CatchUpPolicy.DEFAULT.maxRounds(); round++) {
      List<PlannedOperation> ops = planner.startable(p, Goal.KEEP_SHIPPING, now);
      assertThat(ops)
          .containsExactly(new PlannedOperation("sales", OperationKind.LOG_BACKUP, round));
      p = shipRound(planner, p, round, now, 2 * GB + GB / 100, Goal.KEEP_SHIPPING);
      now = now.plus(interval).plusSeconds(1);
    }
    // At the window start the final catch-up counts its own rounds, not the ones shipped while
    // waiting.
    DatabaseProgress waited = p;
    Instant windowStart = now;
    assertThat(planner.startable(waited, Goal.CAUGHT_UP, windowStart))
        .extracting(PlannedOperation::kind)
        .containsExactly(OperationKind.LOG_BACKUP);
  }

  /**
   * F8: a database caught up early keeps shipping while the others copy; that is waiting, not lag.
   */
  @Test
  void smallRoundsWhileOtherDatabasesCopy_doNotCountTowardsTheRoundLimit() {
    DatabaseProgress p = restored("sales");
    Instant now = T0;
    for (int round = 1; round <= 3 * CatchUpPolicy.DEFAULT.maxRounds(); round++) {
      // Each round ships a small lag; the next one is due only because time passed (unshipped > 2
      // GB).
      assertThat(planner.startable(p, Goal.FULL_RESTORES, now))
          .extracting(PlannedOperation::kind)
          .containsExactly(OperationKind.LOG_BACKUP);
      p = shipRound(planner, p, round, now, GB / 2, Goal.FULL_RESTORES);
      now = now.plus(Duration.ofMinutes(61));
    }
    assertThat(p.logStarted()).isEqualTo(3 * CatchUpPolicy.DEFAULT.maxRounds());
  }

  @Test
  void theRoundLimitCountsConsecutiveLargeRounds_andSaysWhatItSaw() {
    DatabasePlanner strict =
        new DatabasePlanner(new CatchUpPolicy(GB, 3, Duration.ofMinutes(15), Duration.ofHours(6)));
    DatabaseProgress p = restored("sales");
    p = shipRound(strict, p, 1, T0, 5 * GB, Goal.CAUGHT_UP);
    p =
        shipRound(
            strict,
            p,
            2,
            T0,
            GB / 2,
            Goal.CAUGHT_UP); // caught up once: the count starts again after this round
    p = shipRound(strict, p, 3, T0, 5 * GB, Goal.CAUGHT_UP);
    p = shipRound(strict, p, 4, T0, 5 * GB, Goal.CAUGHT_UP);
    assertThat(strict.startable(p, Goal.CAUGHT_UP, T0))
        .extracting(PlannedOperation::kind)
        .containsExactly(OperationKind.LOG_BACKUP);
    p = shipRound(strict, p, 5, T0, 5 * GB, Goal.CAUGHT_UP);
    DatabaseProgress last = p;
    assertThatThrownBy(() -> strict.startable(last, Goal.CAUGHT_UP, T0))
        .isInstanceOf(CatchUpNotConvergingException.class)
        .hasMessageContaining("sales")
        .hasMessageContaining("3 consecutive log rounds")
        .hasMessageContaining("last round 5.00 GB")
        .hasMessageContaining("2.00 GB of log per hour");
  }

  /**
   * A failed BACKUP LOG records no backup set: the chain is unbroken and the next log backup covers
   * the failed round's range. The next round is due at once (even with a small lag), and the target
   * passes over the round that has no backup.
   */
  @Test
  void aFailedLogBackup_isFollowedAtOnceByTheNextRound_andTheTargetPassesOverItsRound() {
    DatabaseProgress p = shipRound(planner, restored("sales"), 1, T0, GB / 2, Goal.CAUGHT_UP);
    Instant t1 = T0.plus(Duration.ofMinutes(70)); // 2.3 GB unshipped: round 2 is due
    PlannedOperation round2 = new PlannedOperation("sales", OperationKind.LOG_BACKUP, 2);
    assertThat(planner.startable(p, Goal.CAUGHT_UP, t1)).containsExactly(round2);
    p = planner.started(p, round2, t1, Goal.CAUGHT_UP);

    p = planner.failed(p, round2);

    assertThat(planner.inFlight(p)).isEmpty();
    assertThat(p.logFailuresInRow()).isEqualTo(1);
    assertThat(planner.logFailuresExhausted(p)).isFalse();
    assertThat(planner.reached(p, Goal.CAUGHT_UP, t1))
        .as("the failed round's log is not shipped")
        .isFalse();
    // Round 2 waits to be passed over on the target (its backup is read back FAILED), round 3
    // starts now.
    assertThat(planner.startable(p, Goal.CAUGHT_UP, t1))
        .containsExactly(
            new PlannedOperation("sales", OperationKind.RESTORE_LOG, 2),
            new PlannedOperation("sales", OperationKind.LOG_BACKUP, 3));
    assertThat(DatabasePlanner.appliesRound(p)).isEqualTo(2);
    p = planner.skipped(p);
    assertThat(p.logApplied()).isEqualTo(2);
    assertThat(planner.startable(p, Goal.CAUGHT_UP, t1))
        .containsExactly(new PlannedOperation("sales", OperationKind.LOG_BACKUP, 3));

    // Round 3 carries rounds 2 and 3's log; once applied the database is caught up and the count
    // reset.
    p = shipRound(planner, p, 3, t1, GB, Goal.CAUGHT_UP);
    assertThat(p.logApplied()).isEqualTo(3);
    assertThat(p.logFailuresInRow()).isZero();
    assertThat(planner.reached(p, Goal.CAUGHT_UP, t1)).isTrue();
  }

  /**
   * The same failed round while waiting for the window: the next round does not wait for the
   * interval.
   */
  @Test
  void aFailedLogBackupWhileWaitingForTheWindow_isFollowedAtOnce_notAfterTheShipInterval() {
    DatabaseProgress p = shipRound(planner, restored("sales"), 1, T0, GB, Goal.KEEP_SHIPPING);
    Instant due = planner.nextShipAt(p, T0);
    PlannedOperation round2 = new PlannedOperation("sales", OperationKind.LOG_BACKUP, 2);
    p = planner.started(p, round2, due, Goal.KEEP_SHIPPING);
    p = planner.skipped(planner.failed(p, round2));
    Instant failedAt = due.plus(Duration.ofMinutes(1));

    assertThat(planner.nextShipAt(p, failedAt)).isEqualTo(failedAt);
    assertThat(planner.startable(p, Goal.KEEP_SHIPPING, failedAt))
        .containsExactly(new PlannedOperation("sales", OperationKind.LOG_BACKUP, 3));
  }

  /**
   * A round that is due but must wait for the database's own log work (here the restore of round 1
   * still runs when round 2's backup fails) is not "due now" for the window wait: the running
   * restore's end wakes the phase, instead of a poll every second.
   */
  @Test
  void aRoundWaitingForItsDatabasesOwnLogWork_isNotDueUntilThatWorkEnds() {
    DatabaseProgress p = restored("sales");
    PlannedOperation b1 = new PlannedOperation("sales", OperationKind.LOG_BACKUP, 1);
    p =
        planner.succeeded(
            planner.started(p, b1, T0, Goal.KEEP_SHIPPING),
            b1,
            backup("sales", BackupRef.Kind.LOG, GB));
    PlannedOperation r1 = new PlannedOperation("sales", OperationKind.RESTORE_LOG, 1);
    p = planner.started(p, r1, T0);
    Instant later = T0.plus(Duration.ofHours(1));
    PlannedOperation b2 = new PlannedOperation("sales", OperationKind.LOG_BACKUP, 2);
    p = planner.failed(planner.started(p, b2, later, Goal.KEEP_SHIPPING), b2);

    assertThat(planner.nextShipAt(p, later)).isEqualTo(Instant.MAX);
    assertThat(planner.startable(p, Goal.KEEP_SHIPPING, later)).isEmpty();

    p = planner.succeeded(p, r1, null);
    assertThat(planner.startable(p, Goal.KEEP_SHIPPING, later))
        .containsExactly(
            new PlannedOperation("sales", OperationKind.RESTORE_LOG, 2),
            new PlannedOperation("sales", OperationKind.LOG_BACKUP, 3));
    p = planner.skipped(p);
    assertThat(planner.nextShipAt(p, later)).isEqualTo(later);
  }

  /**
   * A failed RESTORE LOG ... WITH NORECOVERY leaves the target RESTORING at the last LSN it
   * applied: the same round is restored again, under a key of its own (starts are idempotent on
   * keys).
   */
  @Test
  void aFailedLogRestore_isStartedAgainUnderANewKey_onTheSameRound() {
    DatabaseProgress p = restored("sales");
    PlannedOperation backup1 = new PlannedOperation("sales", OperationKind.LOG_BACKUP, 1);
    p = planner.started(p, backup1, T0);
    p = planner.succeeded(p, backup1, backup("sales", BackupRef.Kind.LOG, GB));
    PlannedOperation restore1 = new PlannedOperation("sales", OperationKind.RESTORE_LOG, 1);
    assertThat(planner.startable(p, Goal.CAUGHT_UP, T0)).containsExactly(restore1);
    p = planner.started(p, restore1, T0);
    assertThat(planner.inFlight(p)).containsExactly(restore1);

    p = planner.failed(p, restore1);

    assertThat(planner.inFlight(p)).isEmpty();
    assertThat(p.logApplied()).isZero();
    assertThat(p.logRestoresFailed()).isEqualTo(1);
    assertThat(DatabasePlanner.appliesRound(p)).isEqualTo(1);
    PlannedOperation again = new PlannedOperation("sales", OperationKind.RESTORE_LOG, 2);
    assertThat(planner.startable(p, Goal.CAUGHT_UP, T0)).containsExactly(again);
    p = planner.started(p, again, T0);
    assertThat(planner.inFlight(p)).containsExactly(again);
    p = planner.succeeded(p, again, null);
    assertThat(p.logApplied()).isEqualTo(1);
    assertThat(p.logFailuresInRow()).isZero();

    // Later restores keep clear of the keys used: round 2 restores under key 3.
    PlannedOperation backup2 = new PlannedOperation("sales", OperationKind.LOG_BACKUP, 2);
    p = planner.started(p, backup2, T0.plus(Duration.ofHours(2)));
    p = planner.succeeded(p, backup2, backup("sales", BackupRef.Kind.LOG, GB));
    assertThat(planner.startable(p, Goal.CAUGHT_UP, T0.plus(Duration.ofHours(2))))
        .contains(new PlannedOperation("sales", OperationKind.RESTORE_LOG, 3));
  }

  @Test
  void failedLogOperationsInARow_areBounded_andASucceededOneStartsTheCountAgain() {
    DatabasePlanner twice =
        new DatabasePlanner(
            new CatchUpPolicy(2 * GB, 24, Duration.ofMinutes(15), Duration.ofHours(6), 2));
    DatabaseProgress p = restored("sales");
    PlannedOperation b1 = new PlannedOperation("sales", OperationKind.LOG_BACKUP, 1);
    p = twice.failed(twice.started(p, b1, T0), b1);
    assertThat(twice.logFailuresExhausted(p)).isFalse();
    p = twice.skipped(p);
    PlannedOperation b2 = new PlannedOperation("sales", OperationKind.LOG_BACKUP, 2);
    p = twice.succeeded(twice.started(p, b2, T0), b2, backup("sales", BackupRef.Kind.LOG, GB));
    assertThat(p.logFailuresInRow()).isZero();
    PlannedOperation r =
        new PlannedOperation(
            "sales", OperationKind.RESTORE_LOG, DatabasePlanner.restoreKeyRound(p));
    p = twice.failed(twice.started(p, r, T0), r);
    assertThat(twice.logFailuresExhausted(p)).isFalse();
    PlannedOperation again =
        new PlannedOperation(
            "sales", OperationKind.RESTORE_LOG, DatabasePlanner.restoreKeyRound(p));
    assertThat(again.round()).isEqualTo(r.round() + 1);
    p = twice.failed(twice.started(p, again, T0), again);
    assertThat(p.logFailuresInRow()).isEqualTo(2);
    assertThat(twice.logFailuresExhausted(p)).isTrue();
    assertThat(CatchUpPolicy.DEFAULT.maxLogFailuresInRow()).isEqualTo(3);
  }

  @Test
  void onlyLogBackupsAndLogRestoresAreRetried_theFullCopyAndTheSwitchAreNot() {
    for (OperationKind kind : OperationKind.values()) {
      PlannedOperation op = new PlannedOperation("sales", kind, 0);
      boolean retried = kind == OperationKind.LOG_BACKUP || kind == OperationKind.RESTORE_LOG;
      assertThat(DatabasePlanner.retriedAfterFailure(op)).as(kind.name()).isEqualTo(retried);
      if (!retried) {
        assertThatThrownBy(() -> planner.failed(restored("sales"), op))
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void shipIntervalIsClamped() {
    assertThat(CatchUpPolicy.DEFAULT.shipInterval(0)).isEqualTo(Duration.ofHours(6));
    assertThat(CatchUpPolicy.DEFAULT.shipInterval(100 * GB)).isEqualTo(Duration.ofMinutes(15));
  }

  /** One log round backed up ({@code bytes}) and applied, started at {@code at}. */
  private static DatabaseProgress shipRound(
      DatabasePlanner planner, DatabaseProgress p, int round, Instant at, long bytes, Goal goal) {
    PlannedOperation b = new PlannedOperation(p.name(), OperationKind.LOG_BACKUP, round);
    p = planner.started(p, b, at, goal);
    p = planner.succeeded(p, b, backup(p.name(), BackupRef.Kind.LOG, bytes));
    PlannedOperation r = new PlannedOperation(p.name(), OperationKind.RESTORE_LOG, round);
    p = planner.started(p, r, at);
    return planner.succeeded(p, r, null);
  }

  private DatabaseProgress restored(String name) {
    DatabaseProgress p = fresh(name);
    p = planner.started(p, new PlannedOperation(name, OperationKind.FULL_BACKUP, 0), T0);
    p =
        planner.succeeded(
            p,
            new PlannedOperation(name, OperationKind.FULL_BACKUP, 0),
            backup(name, BackupRef.Kind.FULL, GB));
    p = planner.started(p, new PlannedOperation(name, OperationKind.RESTORE_FULL, 0), T0);
    return planner.succeeded(p, new PlannedOperation(name, OperationKind.RESTORE_FULL, 0), null);
  }
}
