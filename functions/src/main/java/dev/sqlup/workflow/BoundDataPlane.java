package dev.sqlup.workflow;

import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.dataplane.InstanceRef;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The data plane of one instance plus what the {@link DataPlane} contract does not say: when the
 * old VIP's connections finished migrating after the endpoint move (the guide's "migrate network
 * connections", part of the switch but not downtime). Empty when the binding cannot tell: the
 * switch then ends when the endpoint resolves to the target.
 */
public record BoundDataPlane(
    DataPlane plane, Function<InstanceRef, Optional<Instant>> connectionsMigratedAt) {}
