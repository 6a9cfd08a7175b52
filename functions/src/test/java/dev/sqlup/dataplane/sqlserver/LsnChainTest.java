package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.Lsn;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LsnChainTest {
  private static BackupRef log(String id, long first, long last) {
    return new BackupRef(
        id,
        "sales",
        BackupRef.Kind.LOG,
        Lsn.of(first),
        Lsn.of(last),
        1,
        Instant.EPOCH,
        "DISK /b/" + id);
  }

  private static final BackupRef FULL =
      new BackupRef(
          "full",
          "sales",
          BackupRef.Kind.FULL,
          Lsn.of(90),
          Lsn.of(100),
          1,
          Instant.EPOCH,
          "DISK /b/f");

  @Test
  void plan_includesLogBackupsTheInstanceTookInBetween_inLsnOrder() {
    BackupRef ours = log("ours", 150, 200);
    BackupRef theirs = log("theirs", 80, 150);
    assertThat(LsnChain.plan(Lsn.of(100), List.of(ours, theirs), ours))
        .containsExactly(theirs, ours);
  }

  @Test
  void plan_skipsBackupsAlreadyApplied() {
    BackupRef r1 = log("r1", 80, 150);
    BackupRef r2 = log("r2", 150, 200);
    assertThat(LsnChain.plan(Lsn.of(150), List.of(r1, r2), r2)).containsExactly(r2);
    assertThat(LsnChain.plan(Lsn.of(200), List.of(r1, r2), r2)).isEmpty();
  }

  @Test
  void plan_failsOnAGap_namingTheLsn() {
    BackupRef r2 = log("r2", 160, 200);
    assertThatThrownBy(() -> LsnChain.plan(Lsn.of(150), List.of(r2), r2))
        .hasMessageStartingWith("BROKEN_LOG_CHAIN")
        .hasMessageContaining("150");
  }

  @Test
  void plan_prefersTheLongestStep_whenCopyOnlyLogsOverlap() {
    BackupRef shortOne = log("a", 100, 120);
    BackupRef longOne = log("b", 100, 180);
    BackupRef last = log("c", 180, 200);
    assertThat(LsnChain.plan(Lsn.of(110), List.of(shortOne, longOne, last), last))
        .containsExactly(longOne, last);
  }

  @Test
  void plan_ignoresOtherDatabasesAndFullBackups() {
    BackupRef other =
        new BackupRef(
            "o",
            "other",
            BackupRef.Kind.LOG,
            Lsn.of(100),
            Lsn.of(200),
            1,
            Instant.EPOCH,
            "DISK /o");
    BackupRef ours = log("ours", 150, 200);
    assertThatThrownBy(() -> LsnChain.plan(Lsn.of(100), List.of(other, FULL, ours), ours))
        .hasMessageStartingWith("BROKEN_LOG_CHAIN");
  }

  /**
   * The workflow retries a failed log backup with the next round: a failed BACKUP LOG writes no
   * backupset row, so msdb holds round 1 and round 3, and round 3 starts where round 1 ended.
   * Restoring "up to round 3" from round 1's end applies round 3 alone.
   */
  @Test
  void plan_afterAFailedLogBackup_theNextRoundsBackupContinuesTheChain() {
    BackupRef round1 = log("r1", 100, 150);
    BackupRef round3 = log("r3", 150, 230);
    assertThat(LsnChain.plan(Lsn.of(150), List.of(round1, round3), round3)).containsExactly(round3);
    assertThat(LsnChain.plan(Lsn.of(100), List.of(round1, round3), round3))
        .containsExactly(round1, round3);
  }

  /**
   * The workflow retries a failed RESTORE LOG under a new key with the same backup: restorehistory
   * has no row for the failed restore, so planning again from the target's position applies the
   * same backup; a job that failed after applying some of its steps continues from the last one
   * applied.
   */
  @Test
  void plan_afterAFailedLogRestore_appliesTheSameBackupAgain_fromWhereTheTargetStands() {
    BackupRef theirs = log("theirs", 100, 120);
    BackupRef ours = log("ours", 120, 200);
    assertThat(LsnChain.plan(Lsn.of(100), List.of(theirs, ours), ours))
        .containsExactly(theirs, ours);
    assertThat(LsnChain.plan(Lsn.of(120), List.of(theirs, ours), ours)).containsExactly(ours);
    assertThat(LsnChain.plan(Lsn.of(200), List.of(theirs, ours), ours)).isEmpty();
  }

  @Test
  void firstLogMustContainTheFullBackupsLastLsn() {
    LsnChain.checkFollowsFull(FULL, log("ok", 50, 120));
    assertThatThrownBy(() -> LsnChain.checkFollowsFull(FULL, log("late", 101, 120)))
        .hasMessageStartingWith("BROKEN_LOG_CHAIN");
    assertThatThrownBy(() -> LsnChain.checkFollowsFull(FULL, log("early", 50, 100)))
        .hasMessageStartingWith("BROKEN_LOG_CHAIN");
  }

  @Test
  void noDataLoss_requiresLsnEquality() {
    BackupRef tail = log("tail", 150, 200);
    LsnChain.checkNoDataLoss(Lsn.of(200), tail);
    assertThatThrownBy(() -> LsnChain.checkNoDataLoss(Lsn.of(199), tail))
        .hasMessageStartingWith("LSN_MISMATCH");
  }

  @Test
  void lsnText_convertsHexTripleToMsdbNumericForm() {
    // 14975000000265600001 = VLF 14975 (0x3A7F), block 2656 (0xA60), slot 1
    assertThat(LsnText.fromHexTriple("00003a7f:00000a60:0001"))
        .isEqualTo(Lsn.parse("14975000000265600001"));
    assertThatThrownBy(() -> LsnText.fromHexTriple("zz:1:1")).hasMessageStartingWith("INVALID_LSN");
    assertThatThrownBy(() -> LsnText.fromHexTriple("1:1")).hasMessageStartingWith("INVALID_LSN");
  }

  @Test
  void mediaSet_rendersAndParsesFamiliesInOrder() {
    MediaSet set = new MediaSet(MediaSet.Device.DISK, List.of("/b/x_1of2.bak", "/b/x_2of2.bak"));
    assertThat(MediaSet.parse(set.render())).isEqualTo(set);
    assertThat(MediaSet.deviceOf("S3://host/bucket/x.bak")).isEqualTo(MediaSet.Device.URL);
    assertThatThrownBy(() -> MediaSet.parse("DISK /a\nURL s3://b"))
        .hasMessageStartingWith("INVALID_MEDIA");
  }
}
