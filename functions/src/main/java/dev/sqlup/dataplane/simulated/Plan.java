package dev.sqlup.dataplane.simulated;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.TargetRef;

/**
 * The schedule of one started operation, fixed when it starts: requested, effective start (after
 * queueing on its host channel), end (or failure time) and result. Stored in the host's document
 * and in the operation's own item, so {@code poll} needs nothing but the key and the clock. Times
 * are epoch milliseconds.
 */
record Plan(
    OperationKey key,
    long requestedAt,
    long startAt,
    long endAt,
    boolean failed,
    String error,
    BackupRef backup,
    TargetRef target,
    long faultSeed,
    double transientProbability) {}
