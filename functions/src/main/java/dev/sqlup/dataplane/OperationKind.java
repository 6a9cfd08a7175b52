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
   * The switchover's databases opened to applications ({@code ALTER DATABASE ... SET MULTI_USER})
   * after the tail restore left them RESTRICTED_USER, the LSN check passed and the endpoint
   * resolves to the target: from then on applications may write to the target.
   */
  OPEN_DATABASES,
  /**
   * The endpoint pointed back at the source: compensation of a switchover that failed after the
   * endpoint moved but before the databases were opened to applications.
   */
  MOVE_ENDPOINT_BACK,
  /**
   * The endpoint record's TTL lowered ahead of the switch (not long-running: keyed for
   * idempotency).
   */
  LOWER_ENDPOINT_TTL
}
