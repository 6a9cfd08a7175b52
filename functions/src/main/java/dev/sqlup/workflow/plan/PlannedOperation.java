package dev.sqlup.workflow.plan;

import dev.sqlup.dataplane.OperationKind;

/** An operation of one database the planner wants started or polled; {@code round} numbers log rounds. */
public record PlannedOperation(String database, OperationKind kind, int round) {}
