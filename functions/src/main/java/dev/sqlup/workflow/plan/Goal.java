package dev.sqlup.workflow.plan;

/**
 * What a replication phase handler drives the databases towards. Every goal lets later operations
 * start early (a restore starts as soon as its backup is done, log shipping as soon as a database
 * is restored): the goal only says when the phase is done and whether new log rounds are wanted.
 */
public enum Goal {
  /** Every full backup taken (or a recent one reused). */
  FULL_BACKUPS,
  /** Every full backup restored WITH NORECOVERY on the target. */
  FULL_RESTORES,
  /** Log shipped and applied until the lag is small. */
  CAUGHT_UP,
  /** Waiting for the switch window: ship a new log round every interval, never done by itself. */
  KEEP_SHIPPING,
  /** Before the point of no return: let running log work finish and apply, start no new round. */
  DRAINED,
  /** Tail-log backup, its restore and RESTORE WITH RECOVERY done for every database. */
  RECOVERED
}
