package dev.sqlup.workflow.plan;

import dev.sqlup.dataplane.OperationKind;

/**
 * An operation of one database the planner wants started or polled. {@code round} is the round of
 * its key: the log round for log backups; for log restores the restore key round ({@link
 * DatabasePlanner#restoreKeyRound}), which equals the log round it applies until a restore fails.
 */
public record PlannedOperation(String database, OperationKind kind, int round) {}
