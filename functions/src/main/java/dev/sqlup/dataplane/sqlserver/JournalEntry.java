package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.TargetRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One started operation of the sqlserver data plane.
 *
 * @param where the instance the Agent job runs on (source for backups, target for restores)
 * @param serverName {@code @@SERVERNAME} of the source, to read its msdb history
 * @param jobName the Agent job (null for operations that are not jobs: create target, endpoint
 *     move)
 * @param source the source instance of the upgrade (no password: a secret ARN)
 * @param backup for restores the backup applied; for backups the result once known
 * @param plan for log restores, every backup the job applies in LSN order
 * @param target for create target: the target; for the other operations: the target they act on
 * @param hostPool and {@code hostId}: the claimed pool host (create target)
 * @param phase free-form progress marker of multi-step starts (e.g. CLAIMED, CONFIGURED)
 * @param snapshot recovery model per database at create time (guard against metadata changes)
 * @param copiedJobs Agent jobs copied disabled to the target, enabled at switchover
 * @param changeId the Route 53 change of an endpoint move
 */
public record JournalEntry(
    OperationKey key,
    Instant startedAt,
    long expectedSeconds,
    SqlEndpoint where,
    String serverName,
    String jobName,
    InstanceRef source,
    String database,
    BackupRef backup,
    List<BackupRef> plan,
    TargetRef target,
    String hostPool,
    String hostId,
    String phase,
    Map<String, String> snapshot,
    List<String> copiedJobs,
    String changeId) {

  public JournalEntry {
    plan = plan == null ? List.of() : List.copyOf(plan);
    snapshot = snapshot == null ? Map.of() : Map.copyOf(snapshot);
    copiedJobs = copiedJobs == null ? List.of() : List.copyOf(copiedJobs);
  }

  public JournalEntry withPhase(String newPhase) {
    return new JournalEntry(
        key,
        startedAt,
        expectedSeconds,
        where,
        serverName,
        jobName,
        source,
        database,
        backup,
        plan,
        target,
        hostPool,
        hostId,
        newPhase,
        snapshot,
        copiedJobs,
        changeId);
  }

  public JournalEntry withBackup(BackupRef newBackup) {
    return new JournalEntry(
        key,
        startedAt,
        expectedSeconds,
        where,
        serverName,
        jobName,
        source,
        database,
        newBackup,
        plan,
        target,
        hostPool,
        hostId,
        phase,
        snapshot,
        copiedJobs,
        changeId);
  }

  public JournalEntry withCopiedJobs(List<String> jobs) {
    return new JournalEntry(
        key,
        startedAt,
        expectedSeconds,
        where,
        serverName,
        jobName,
        source,
        database,
        backup,
        plan,
        target,
        hostPool,
        hostId,
        phase,
        snapshot,
        jobs,
        changeId);
  }

  public JournalEntry withChangeId(String id) {
    return new JournalEntry(
        key,
        startedAt,
        expectedSeconds,
        where,
        serverName,
        jobName,
        source,
        database,
        backup,
        plan,
        target,
        hostPool,
        hostId,
        phase,
        snapshot,
        copiedJobs,
        id);
  }
}
