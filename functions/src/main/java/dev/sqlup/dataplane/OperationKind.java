package dev.sqlup.dataplane;

/** The kinds of long-running data-plane operations. */
public enum OperationKind {
  CREATE_TARGET,
  FULL_BACKUP,
  RESTORE_FULL,
  LOG_BACKUP,
  RESTORE_LOG,
  TAIL_LOG_BACKUP,
  RESTORE_TAIL,
  RECOVER_TARGET,
  /**
   * The tail-log backup restored and the database recovered in one statement ({@code RESTORE LOG
   * ... WITH RECOVERY}): what the switchover runs since issue 13 instead of {@link #RESTORE_TAIL}
   * followed by {@link #RECOVER_TARGET} (kept for executions started before).
   */
  RESTORE_TAIL_WITH_RECOVERY,
  MOVE_ENDPOINT,
  /**
   * The endpoint record's TTL lowered ahead of the switch (not long-running: keyed for
   * idempotency).
   */
  LOWER_ENDPOINT_TTL
}
