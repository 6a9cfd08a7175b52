package dev.sqlup.dataplane.sqlserver;

import static dev.sqlup.dataplane.sqlserver.SqlText.quoteName;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.TargetRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Agent job steps that bring a database online on the target at switchover. The tail-log backup
 * is restored WITH RECOVERY in its own RESTORE LOG statement (Microsoft's restore sequences end
 * that way: "Restore the log by using WITH RECOVERY for the last log restore"), not WITH NORECOVERY
 * followed by a recovery-only {@code RESTORE DATABASE ... WITH RECOVERY}: one statement, one job
 * start and one poll less while writes are stopped. The data-loss proof does not change:
 * msdb.dbo.restorehistory records the tail's backup set either way, so the target's last restored
 * LSN (its {@code last_lsn}) is compared with the tail's afterwards.
 *
 * <p>The database comes online RESTRICTED_USER (only db_owner, dbcreator and sysadmin may use it):
 * the endpoint moves while the tail is restored, so applications may reach the target before the
 * LSN check; they are held out until {@link TSql#openToApplications} runs after the check passed.
 */
final class TailRestoreJob {
  private TailRestoreJob() {}

  /** The last restore of the sequence: applies the log backup and recovers the database. */
  static String restoreLogWithRecovery(String database, MediaSet media) {
    return "RESTORE LOG "
        + quoteName(database)
        + " FROM "
        + media.deviceList()
        + " WITH CHECKSUM, RECOVERY, RESTRICTED_USER, STATS = 5";
  }

  /**
   * Steps restoring {@code plan} (the log backups not yet on the target, the tail last): every one
   * WITH NORECOVERY but the tail, which recovers; then the settings applied after recovery. An
   * empty plan (the tail already restored by an earlier attempt) recovers without restoring.
   */
  static List<TSqlAgentJobs.JobStep> steps(
      String database,
      List<BackupRef> plan,
      TargetRef target,
      Map<String, String> options,
      boolean accelerated) {
    List<TSqlAgentJobs.JobStep> steps = new ArrayList<>();
    if (plan.isEmpty()) {
      steps.add(
          new TSqlAgentJobs.JobStep("recover", TSql.recoverDatabaseRestricted(database), "master"));
    }
    for (int i = 0; i < plan.size(); i++) {
      BackupRef step = plan.get(i);
      MediaSet media = MediaSet.parse(step.mediaLocation());
      boolean last = i == plan.size() - 1;
      steps.add(
          new TSqlAgentJobs.JobStep(
              (last ? "restore tail WITH RECOVERY " : "restore log ")
                  + step.firstLsn()
                  + "-"
                  + step.lastLsn(),
              last ? restoreLogWithRecovery(database, media) : TSql.restoreLog(database, media),
              "master"));
    }
    steps.addAll(afterRecovery(target, database, options, accelerated));
    return steps;
  }

  /**
   * What runs once the database is online: Accelerated Database Recovery (SQL Server 2019+, when
   * asked), the compatibility level, DBCC CHECKDB and statistics when the instance asks for them.
   */
  static List<TSqlAgentJobs.JobStep> afterRecovery(
      TargetRef target, String database, Map<String, String> options, boolean accelerated) {
    List<TSqlAgentJobs.JobStep> steps = new ArrayList<>();
    if (accelerated
        && target.engineVersion() != null
        && target.engineVersion().matches("20\\d\\d")
        && Integer.parseInt(target.engineVersion()) >= 2019) {
      steps.add(
          new TSqlAgentJobs.JobStep(
              "accelerated database recovery",
              TSql.enableAcceleratedDatabaseRecovery(database),
              "master"));
    }
    if (options.containsKey("compatibilityLevel")) {
      steps.add(
          new TSqlAgentJobs.JobStep(
              "compatibility level",
              TSql.setCompatibilityLevel(
                  database, Integer.parseInt(options.get("compatibilityLevel"))),
              "master"));
    }
    if ("true".equalsIgnoreCase(options.get("postUpgradeCheckDb"))) {
      steps.add(new TSqlAgentJobs.JobStep("checkdb", TSql.checkDb(database), "master"));
    }
    if ("true".equalsIgnoreCase(options.get("postUpgradeUpdateStats"))) {
      steps.add(
          new TSqlAgentJobs.JobStep("update statistics", TSql.updateStats(database), "master"));
    }
    return steps;
  }
}
