package dev.sqlup.workflow.plan;

/**
 * Where one database is in its full copy: backup on the source, then restore WITH NORECOVERY on the
 * target.
 */
public enum FullStage {
  BACKUP_PENDING,
  BACKING_UP,
  RESTORE_PENDING,
  RESTORING,
  RESTORED
}
