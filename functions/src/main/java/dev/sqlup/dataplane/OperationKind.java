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
  MOVE_ENDPOINT,
  /**
   * The endpoint record's TTL lowered ahead of the switch (not long-running: keyed for
   * idempotency).
   */
  LOWER_ENDPOINT_TTL
}
