package dev.sqlup.workflow.plan;

/** Where one database is in the switchover: tail-log backup, its restore, RESTORE WITH RECOVERY. */
public enum SwitchStage {
  NONE,
  TAIL_BACKING_UP,
  TAIL_RESTORE_PENDING,
  TAIL_RESTORING,
  RECOVER_PENDING,
  RECOVERING,
  RECOVERED
}
