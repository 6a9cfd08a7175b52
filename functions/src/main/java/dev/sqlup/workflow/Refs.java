package dev.sqlup.workflow;

import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.TargetSpec;
import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.EngineBinding;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceSpec;
import dev.sqlup.domain.InstanceType;
import dev.sqlup.json.Json;
import java.util.HashMap;
import java.util.Map;

/** Translates store records into what the data plane takes. */
final class Refs {
  private Refs() {}

  /** The source as the data plane sees it; the simulation profile travels as JSON in properties. */
  static InstanceRef source(Instance instance) {
    EngineBinding engine = instance.engine();
    Map<String, String> properties = new HashMap<>(engine.properties());
    if (instance.simulation() != null && !instance.simulation().isEmpty()) {
      properties.put("simulation", Json.write(instance.simulation()));
    }
    properties.putIfAbsent("dataSizeGb", Double.toString(instance.dataSizeGb()));
    String host = engine.host() != null ? engine.host() : instance.vip();
    return new InstanceRef(instance.instanceId(), engine.binding(), instance.engineVersion(),
        instance.sqlEdition().name(), host, instance.port(), instance.endpoint(), engine.secretArn(), properties);
  }

  /** The target: requested version, editions and type; sized from the catalogue; the source's tags. */
  static TargetSpec targetSpec(Instance instance, InstanceSpec target, Catalogue catalogue) {
    InstanceType type = catalogue.instanceType(target.instanceType()).orElseThrow(() ->
        new UpgradeFailedException("UnknownInstanceType", "instance type " + target.instanceType()
            + " is not in the catalogue"));
    return new TargetSpec(target.engineVersion(), target.sqlEdition().name(), target.rdsEdition().name(),
        type.name(), type.cpuCores(), type.memoryGib(), type.maxConnections(), instance.tags());
  }
}
