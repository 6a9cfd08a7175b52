package dev.sqlup.dataplane.simulated;

import static dev.sqlup.dataplane.simulated.SimulatedDataPlane.DEFAULT_ENDPOINT_TTL_SECONDS;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.MAX_CONFLICT_RETRIES;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.contention;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.requireKind;
import static dev.sqlup.dataplane.simulated.SimulatedStarts.failed;
import static dev.sqlup.dataplane.simulated.SimulatedStarts.slowed;
import static dev.sqlup.dataplane.simulated.SimulatedStarts.succeeded;

import dev.sqlup.dataplane.EndpointTtl;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.dataplane.simulated.FleetStore.Versioned;
import dev.sqlup.dataplane.simulated.SourceDoc.EndpointDoc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Operations on the source's endpoint record: lowering its TTL ahead of the switch, and moving it
 * to the target (done when every client resolves to the target).
 */
final class SimulatedEndpointOperations {
  private final FleetStore store;
  private final Clock clock;
  private final SimulationSpeeds speeds;
  private final SimulatedHosts hosts;
  private final SimulatedStarts starts;

  SimulatedEndpointOperations(
      FleetStore store,
      Clock clock,
      SimulationSpeeds speeds,
      SimulatedHosts hosts,
      SimulatedStarts starts) {
    this.store = store;
    this.clock = clock;
    this.speeds = speeds;
    this.hosts = hosts;
    this.starts = starts;
  }

  Operation startMoveEndpoint(OperationKey key, InstanceRef source, TargetRef target) {
    requireKind(key, OperationKind.MOVE_ENDPOINT);
    SourceProfile profile = SourceProfile.of(source);
    TargetDoc targetDoc = hosts.targetDoc(target).doc();
    return starts.startOnSource(
        key,
        source,
        profile,
        (doc, now, fault) -> {
          if (!targetDoc.liveAt(now) || targetDoc.readyAt > now) {
            throw new PermanentDataPlaneException(
                "TARGET_NOT_READY: " + target.targetId() + " cannot take the endpoint");
          }
          // Every client resolves to the target once the change has propagated and its cached
          // answer has
          // expired: the record's TTL now, but answers cached before the TTL was lowered live their
          // old TTL.
          long ttl =
              doc.endpointTtlSeconds != null
                  ? doc.endpointTtlSeconds
                  : DEFAULT_ENDPOINT_TTL_SECONDS;
          long resolvedAt = now + speeds.dnsPropagation().toMillis() + ttl * 1000;
          if (doc.ttlLoweredAt != null) {
            resolvedAt = Math.max(resolvedAt, doc.ttlLoweredAt + doc.cachedTtlSeconds * 1000);
          }
          long dns = slowed(Duration.ofMillis(resolvedAt - now), key, fault);
          if (fault.failsPermanently(key)) {
            return failed(key, now, now, dns, null, fault);
          }
          EndpointDoc endpoint = new EndpointDoc();
          endpoint.vip = target.host();
          endpoint.targetId = target.targetId();
          endpoint.switchedAt = now + dns;
          endpoint.drainedAt = endpoint.switchedAt + speeds.connectionMigration().toMillis();
          doc.endpoint = endpoint;
          // The operation succeeds when the endpoint resolves to the target: that ends the
          // downtime. The
          // old VIP keeps draining for connectionMigration afterwards (see endpointState).
          return succeeded(key, now, now, endpoint.switchedAt, null, target, fault);
        });
  }

  /**
   * Points the record back at the source: every client resolves to the source once the change has
   * propagated and the answers cached for the target (the record's TTL, lowered) expired. Nothing
   * to undo when the endpoint never moved.
   */
  Operation startMoveEndpointBack(OperationKey key, InstanceRef source) {
    requireKind(key, OperationKind.MOVE_ENDPOINT_BACK);
    SourceProfile profile = SourceProfile.of(source);
    return starts.startOnSource(
        key,
        source,
        profile,
        (doc, now, fault) -> {
          if (doc.endpoint == null) {
            return succeeded(key, now, now, now, null, null, fault);
          }
          long ttl =
              doc.endpointTtlSeconds != null
                  ? doc.endpointTtlSeconds
                  : DEFAULT_ENDPOINT_TTL_SECONDS;
          long dns = slowed(speeds.dnsPropagation().plus(Duration.ofSeconds(ttl)), key, fault);
          if (fault.failsPermanently(key)) {
            return failed(key, now, now, dns, null, fault);
          }
          // A move still propagating is superseded by this change: clients end on the source.
          doc.endpoint.movedBackAt = now + dns;
          return succeeded(key, now, now, doc.endpoint.movedBackAt, null, null, fault);
        });
  }

  EndpointTtl lowerEndpointTtl(OperationKey key, InstanceRef source, long ttlSeconds) {
    requireKind(key, OperationKind.LOWER_ENDPOINT_TTL);
    SourceProfile profile = SourceProfile.of(source);
    for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      Versioned<SourceDoc> read = hosts.source(source, profile);
      SourceDoc doc = read.doc();
      long now = clock.millis();
      if (doc.ttlLoweredAt != null) {
        return new EndpointTtl(
            doc.cachedTtlSeconds, doc.endpointTtlSeconds, Instant.ofEpochMilli(doc.ttlLoweredAt));
      }
      long current =
          doc.endpointTtlSeconds != null ? doc.endpointTtlSeconds : DEFAULT_ENDPOINT_TTL_SECONDS;
      if (ttlSeconds >= current) {
        return new EndpointTtl(current, current, Instant.ofEpochMilli(now));
      }
      doc.cachedTtlSeconds = current;
      doc.endpointTtlSeconds = ttlSeconds;
      doc.ttlLoweredAt = now;
      doc.countEffect(OperationKind.LOWER_ENDPOINT_TTL.name());
      if (store.put(
          FleetStore.instancePk(source.instanceId()), FleetStore.SOURCE_SK, doc, read.version())) {
        return new EndpointTtl(current, ttlSeconds, Instant.ofEpochMilli(now));
      }
    }
    throw contention(source.instanceId());
  }
}
