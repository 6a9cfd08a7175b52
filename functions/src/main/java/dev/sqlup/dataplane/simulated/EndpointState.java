package dev.sqlup.dataplane.simulated;

import java.time.Instant;

/**
 * Where a simulated instance endpoint points. {@code switchedAt} is when the DNS record was INSYNC
 * on the target's VIP (downtime ends: new connections reach the target); {@code
 * connectionsMigratedAt} is when the old VIP finished draining (the rest of the guide's ~10 min
 * "migrate network connections"). {@code movedBackAt} (null unless compensation moved it back) is
 * when every client resolved to the source again.
 */
public record EndpointState(
    String endpoint,
    String vip,
    String targetId,
    Instant switchedAt,
    Instant connectionsMigratedAt,
    Instant movedBackAt) {}
