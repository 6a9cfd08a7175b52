package dev.sqlup.dataplane.simulated;

import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.dataplane.simulated.FleetStore.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Read-only views of the fleet model for tests and invariant checks; nothing here changes a
 * document.
 */
final class SimulatedFleetInspection {
  private final FleetStore store;
  private final Clock clock;
  private final SimulatedHosts hosts;

  SimulatedFleetInspection(FleetStore store, Clock clock, SimulatedHosts hosts) {
    this.store = store;
    this.clock = clock;
    this.hosts = hosts;
  }

  /** Targets of an instance that exist now (created, not dropped). */
  List<TargetRef> targetsOf(String instanceId) {
    long now = clock.millis();
    return store.query(FleetStore.instancePk(instanceId), "TARGET#", TargetDoc.class).stream()
        .filter(t -> t.liveAt(now))
        .map(t -> t.ref)
        .toList();
  }

  /** Every target ever created for an instance, dropped ones included. */
  int targetsEverCreated(String instanceId) {
    return (int)
        store.query(FleetStore.instancePk(instanceId), "TARGET#", TargetDoc.class).stream()
            .filter(t -> t.effects.containsKey(OperationKind.CREATE_TARGET.name()))
            .count();
  }

  /**
   * How many times each effect happened on an instance and its targets: operation kinds (counted
   * when a start takes effect, never on a repeated start or a poll), {@code RECOVER_SOURCE}, {@code
   * DROP_TARGET}.
   */
  Map<String, Integer> effectCounts(String instanceId) {
    Map<String, Integer> counts = new TreeMap<>();
    store
        .get(FleetStore.instancePk(instanceId), FleetStore.SOURCE_SK, SourceDoc.class)
        .ifPresent(s -> s.doc().effects.forEach((k, v) -> counts.merge(k, v, Integer::sum)));
    for (TargetDoc target :
        store.query(FleetStore.instancePk(instanceId), "TARGET#", TargetDoc.class)) {
      target.effects.forEach((k, v) -> counts.merge(k, v, Integer::sum));
    }
    return counts;
  }

  /** Where the endpoint points, if it was ever moved. */
  Optional<EndpointState> endpointState(InstanceRef source) {
    return store
        .get(FleetStore.instancePk(source.instanceId()), FleetStore.SOURCE_SK, SourceDoc.class)
        .map(Versioned::doc)
        .filter(doc -> doc.endpoint != null)
        .map(
            doc ->
                new EndpointState(
                    source.endpoint(),
                    doc.endpoint.vip,
                    doc.endpoint.targetId,
                    Instant.ofEpochMilli(doc.endpoint.switchedAt),
                    Instant.ofEpochMilli(doc.endpoint.drainedAt),
                    doc.endpoint.movedBackAt == null
                        ? null
                        : Instant.ofEpochMilli(doc.endpoint.movedBackAt)));
  }
}
