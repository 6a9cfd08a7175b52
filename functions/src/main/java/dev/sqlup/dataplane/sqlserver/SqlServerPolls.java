package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Where an operation stands: an Agent job's state and progress, a Route 53 change's sync; a
 * finished backup job's result is read from msdb once and kept in the journal.
 */
final class SqlServerPolls {
  private final SqlCalls calls;
  private final OperationJournal journal;
  private final AgentJobs jobs;
  private final Route53Endpoint route53;
  private final Clock clock;

  SqlServerPolls(
      SqlCalls calls,
      OperationJournal journal,
      AgentJobs jobs,
      Route53Endpoint route53,
      Clock clock) {
    this.calls = calls;
    this.journal = journal;
    this.jobs = jobs;
    this.route53 = route53;
    this.clock = clock;
  }

  OperationStatus poll(OperationKey key) {
    JournalEntry entry =
        journal
            .get(key)
            .orElseThrow(() -> new PermanentDataPlaneException("UNKNOWN_OPERATION: " + key));
    return switch (key.kind()) {
      case CREATE_TARGET ->
          "CONFIGURED".equals(entry.phase())
              ? new OperationStatus(
                  key, OperationStatus.State.SUCCEEDED, 100, 0, null, entry.target(), null)
              : running(entry, 0, remaining(entry));
      case MOVE_ENDPOINT, MOVE_ENDPOINT_BACK ->
          route53.inSync(entry.changeId())
              ? new OperationStatus(
                  key, OperationStatus.State.SUCCEEDED, 100, 0, null, entry.target(), null)
              : running(entry, 50, remaining(entry));
      default -> pollJob(entry);
    };
  }

  private OperationStatus pollJob(JournalEntry entry) {
    OperationKey key = entry.key();
    if ("DONE".equals(entry.phase())) {
      return new OperationStatus(
          key, OperationStatus.State.SUCCEEDED, 100, 0, entry.backup(), entry.target(), null);
    }
    return calls.on(
        entry.where(),
        "poll " + entry.jobName(),
        c -> {
          JobState state = jobs.state(c, entry.jobName());
          if (!state.exists()) {
            return new OperationStatus(
                key,
                OperationStatus.State.FAILED,
                0,
                0,
                null,
                null,
                "JOB_MISSING: Agent job " + entry.jobName() + " no longer exists");
          }
          if (state.failed()) {
            return new OperationStatus(
                key, OperationStatus.State.FAILED, 0, 0, null, null, state.failureReason());
          }
          if (!state.succeeded()) {
            if (!state.requested()) {
              jobs.startIfNeverRequested(c, entry.jobName());
            }
            Optional<AgentJobs.Progress> progress = jobs.progress(c, entry.jobName());
            return progress
                .map(p -> running(entry, p.percentComplete(), p.estimatedRemainingMillis() / 1000))
                .orElseGet(() -> running(entry, 0, remaining(entry)));
          }
          BackupRef result = entry.backup();
          if (key.kind() == OperationKind.FULL_BACKUP
              || key.kind() == OperationKind.LOG_BACKUP
              || key.kind() == OperationKind.TAIL_LOG_BACKUP) {
            result =
                calls
                    .history(c)
                    .backupSetByName(c, entry.serverName(), entry.jobName())
                    .orElseThrow(
                        () ->
                            new PermanentDataPlaneException(
                                "BACKUP_NOT_IN_MSDB: job "
                                    + entry.jobName()
                                    + " succeeded but msdb has no backup set of that name"));
            journal.put(entry.withBackup(result).withPhase("DONE"));
          }
          return new OperationStatus(
              key, OperationStatus.State.SUCCEEDED, 100, 0, result, entry.target(), null);
        });
  }

  private OperationStatus running(JournalEntry entry, double percent, long remainingSeconds) {
    return new OperationStatus(
        entry.key(),
        OperationStatus.State.RUNNING,
        percent,
        Math.max(0, remainingSeconds),
        null,
        null,
        null);
  }

  private long remaining(JournalEntry entry) {
    return entry.expectedSeconds()
        - Duration.between(entry.startedAt(), clock.instant()).toSeconds();
  }
}
