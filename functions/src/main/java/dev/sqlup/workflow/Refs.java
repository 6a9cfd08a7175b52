package dev.sqlup.workflow;

import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.InstanceRefs;
import dev.sqlup.dataplane.TargetSpec;
import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceSpec;
import dev.sqlup.domain.InstanceType;

/** Translates store records into what the data plane takes. */
final class Refs {
  private Refs() {}

  /** The source as the data plane sees it. */
  static InstanceRef source(Instance instance) {
    return InstanceRefs.source(instance);
  }

  /**
   * The target: requested version, editions and type; sized from the catalogue; the source's tags.
   */
  static TargetSpec targetSpec(Instance instance, InstanceSpec target, Catalogue catalogue) {
    InstanceType type =
        catalogue
            .instanceType(target.instanceType())
            .orElseThrow(
                () ->
                    new UpgradeFailedException(
                        "UnknownInstanceType",
                        "instance type " + target.instanceType() + " is not in the catalogue"));
    return new TargetSpec(
        target.engineVersion(),
        target.sqlEdition().name(),
        target.rdsEdition().name(),
        type.name(),
        type.cpuCores(),
        type.memoryGib(),
        type.maxConnections(),
        instance.tags());
  }
}
