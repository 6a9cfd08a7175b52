package dev.sqlup.dataplane;

import java.time.Instant;

/** A started operation: its key, when it started and how long the data plane expects it to take. */
public record Operation(OperationKey key, Instant startedAt, long expectedSeconds) {}
