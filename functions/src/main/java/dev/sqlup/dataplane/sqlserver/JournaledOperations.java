package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TargetRef;

/**
 * The operation journal as the operations use it: an entry as the {@link Operation} it started, a
 * repeated start that (re)starts the entry's Agent job if it was never requested, and the create
 * entry behind a target.
 */
final class JournaledOperations {
  private final OperationJournal journal;
  private final SqlCalls calls;
  private final AgentJobs jobs;

  JournaledOperations(OperationJournal journal, SqlCalls calls, AgentJobs jobs) {
    this.journal = journal;
    this.calls = calls;
    this.jobs = jobs;
  }

  Operation restart(JournalEntry entry) {
    if (entry.jobName() != null && !"DONE".equals(entry.phase())) {
      calls.on(
          entry.where(),
          "start job " + entry.jobName(),
          c -> {
            jobs.startIfNeverRequested(c, entry.jobName());
            return null;
          });
    }
    return operation(entry);
  }

  JournalEntry createEntry(TargetRef target) {
    int at = target.targetId() == null ? -1 : target.targetId().indexOf('@');
    if (at <= 0) {
      throw new PermanentDataPlaneException(
          "UNKNOWN_TARGET: " + target.targetId() + " was not created by the sqlserver data plane");
    }
    return journal
        .get(OperationKey.of(target.targetId().substring(0, at), OperationKind.CREATE_TARGET))
        .orElseThrow(() -> new PermanentDataPlaneException("UNKNOWN_TARGET: " + target.targetId()));
  }

  static Operation operation(JournalEntry entry) {
    return new Operation(entry.key(), entry.startedAt(), entry.expectedSeconds());
  }
}
