package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.TargetRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The job that restores the tail WITH RECOVERY, RESTRICTED_USER at switchover: its statements, in
 * order.
 */
class TailRestoreJobTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final TargetRef TARGET =
      new TargetRef(
          "task-1@h1", "sales-01", "tgt.db.internal", 1433, "2022", "Standard", "sqlserver");

  private static BackupRef log(String id, long first, long last) {
    return new BackupRef(
        id, "sales", BackupRef.Kind.LOG, Lsn.of(first), Lsn.of(last), 1, NOW, "DISK /b/" + id);
  }

  @Test
  void logsNotYetRestored_goWithNoRecovery_theTailRecovers_thenAdrAndTheCompatibilityLevel() {
    List<TSqlAgentJobs.JobStep> steps =
        TailRestoreJob.steps(
            "sales",
            List.of(log("r7", 400, 500), log("tail", 500, 520)),
            TARGET,
            Map.of("compatibilityLevel", "160"),
            true);

    assertThat(steps)
        .extracting(TSqlAgentJobs.JobStep::command)
        .containsExactly(
            "RESTORE LOG [sales] FROM DISK = N'/b/r7' WITH CHECKSUM, NORECOVERY, STATS = 5",
            "RESTORE LOG [sales] FROM DISK = N'/b/tail' WITH CHECKSUM, RECOVERY, RESTRICTED_USER, STATS = 5",
            "ALTER DATABASE [sales] SET ACCELERATED_DATABASE_RECOVERY = ON",
            TSql.setCompatibilityLevel("sales", 160));
    assertThat(steps.get(1).name()).isEqualTo("restore tail WITH RECOVERY 500-520");
    assertThat(steps).noneMatch(s -> s.command().startsWith("RESTORE DATABASE"));
  }

  @Test
  void aTailAlreadyRestoredByAnEarlierAttempt_isRecoveredWithoutRestoringAgain() {
    List<TSqlAgentJobs.JobStep> steps =
        TailRestoreJob.steps("sales", List.of(), TARGET, Map.of(), false);

    assertThat(steps)
        .extracting(TSqlAgentJobs.JobStep::command)
        .containsExactly("RESTORE DATABASE [sales] WITH RECOVERY, RESTRICTED_USER");
  }

  @Test
  void adrIsNotSetBeforeSqlServer2019() {
    TargetRef old = new TargetRef("t@h", "sales-01", "tgt", 1433, "2017", "Standard", "sqlserver");
    assertThat(TailRestoreJob.steps("sales", List.of(log("tail", 1, 2)), old, Map.of(), true))
        .extracting(TSqlAgentJobs.JobStep::command)
        .containsExactly(
            "RESTORE LOG [sales] FROM DISK = N'/b/tail' WITH CHECKSUM, RECOVERY, RESTRICTED_USER, STATS = 5");
  }
}
