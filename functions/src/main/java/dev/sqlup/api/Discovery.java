package dev.sqlup.api;

import dev.sqlup.config.Services;
import dev.sqlup.dataplane.InstanceRefs;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TransientDataPlaneException;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.SourceInventory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a source through its binding's {@code DataPlane.describeSource} and turns data plane errors
 * into API errors: transient (unreachable, timeout) 503 {@code SourceUnreachable}, permanent (login
 * refused, bad profile) 422 {@code DiscoveryFailed}. Shared by registration and {@code POST
 * .../discover}.
 */
final class Discovery {
  private Discovery() {}

  static SourceInventory describe(Services services, Instance instance) {
    try {
      return services
          .dataPlanes()
          .forBinding(instance.engine().binding())
          .describeSource(InstanceRefs.source(instance));
    } catch (TransientDataPlaneException e) {
      throw new ApiException(
          503,
          "SourceUnreachable",
          null,
          "the source could not be read now; nothing was " + "changed, retry: " + e.getMessage(),
          Map.of("instanceId", instance.instanceId()));
    } catch (PermanentDataPlaneException e) {
      throw new ApiException(
          422,
          "DiscoveryFailed",
          null,
          "discovery of the source failed; nothing was changed: " + e.getMessage(),
          Map.of("instanceId", instance.instanceId()));
    }
  }

  /** What {@code POST .../discover} and {@code sqlup discover} show. */
  static Map<String, Object> view(Instance instance) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instanceId", instance.instanceId());
    body.put("binding", instance.engine().binding());
    body.put("simulated", instance.inventory() != null && instance.inventory().simulated());
    body.put(
        "inventory",
        instance.inventory() == null ? null : dev.sqlup.json.Json.toTree(instance.inventory()));
    return body;
  }
}
