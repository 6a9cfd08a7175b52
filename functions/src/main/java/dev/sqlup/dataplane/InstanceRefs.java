package dev.sqlup.dataplane;

import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.EngineBinding;
import dev.sqlup.domain.Instance;
import dev.sqlup.json.Json;
import java.util.HashMap;
import java.util.Map;

/**
 * An instance record as the data plane sees it. The one place that hands the simulated binding its
 * private configuration (the record's {@code simulation} object, as JSON in {@code
 * properties["simulation"]}), so that the API and the workflow pass it along without reading it.
 */
public final class InstanceRefs {
  /** The property carrying the simulated binding's configuration. */
  public static final String SIMULATION = "simulation";

  private InstanceRefs() {}

  public static InstanceRef source(Instance instance) {
    EngineBinding engine = instance.engine();
    Map<String, String> properties = new HashMap<>(engine.properties());
    if (instance.simulation() != null && !instance.simulation().isEmpty()) {
      properties.put(SIMULATION, Json.write(instance.simulation()));
    }
    properties.putIfAbsent("dataSizeGb", Double.toString(instance.dataSizeGb()));
    // What the registration said about the server; the simulated binding reports it as its server
    // facts.
    if (instance.instanceType() != null) {
      Catalogue.standard()
          .instanceType(instance.instanceType())
          .ifPresent(
              type -> {
                properties.putIfAbsent("cpuCores", Integer.toString(type.cpuCores()));
                properties.putIfAbsent("memoryGib", Integer.toString(type.memoryGib()));
              });
    }
    String host = engine.host() != null ? engine.host() : instance.vip();
    return new InstanceRef(
        instance.instanceId(),
        engine.binding(),
        instance.engineVersion(),
        instance.sqlEdition() == null ? null : instance.sqlEdition().name(),
        host,
        instance.port(),
        instance.endpoint(),
        engine.secretArn(),
        properties);
  }
}
