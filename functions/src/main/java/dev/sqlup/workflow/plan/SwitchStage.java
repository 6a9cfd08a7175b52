package dev.sqlup.workflow.plan;

/**
 * Where one database is in the switchover: tail-log backup, then its restore WITH RECOVERY in one
 * statement ({@link #TAIL_RECOVERING}); executions started before that change restore the tail WITH
 * NORECOVERY and recover in a second statement ({@link #TAIL_RESTORING} … {@link #RECOVERING}).
 */
public enum SwitchStage {
  NONE,
  TAIL_BACKING_UP,
  TAIL_RESTORE_PENDING,
  TAIL_RESTORING,
  RECOVER_PENDING,
  RECOVERING,
  TAIL_RECOVERING,
  RECOVERED
}
