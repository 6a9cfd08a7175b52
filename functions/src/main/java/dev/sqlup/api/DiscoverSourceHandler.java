package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.domain.Instance;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /instances/{instanceId}/discover} → 200 {@code {instanceId, binding, simulated,
 * inventory}}: reads the source now (read-only on the server) and stores the snapshot on the
 * instance. 404 {@code InstanceNotFound}; 503 {@code SourceUnreachable} and 422 {@code
 * DiscoveryFailed} store nothing.
 */
public final class DiscoverSourceHandler extends ApiHandler {
  public DiscoverSourceHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public DiscoverSourceHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(
        primingEvent(
            "POST",
            "/instances/{instanceId}/discover",
            Map.of("instanceId", SnapStartPriming.MISSING_ID),
            null),
        404);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String instanceId = Requests.pathId(event, "instanceId");
    Requests.query(event, Set.of());
    Requests.noBody(event);
    Instance instance = services.instances().get(instanceId);
    Instance discovered =
        services.instances().recordInventory(instanceId, Discovery.describe(services, instance));
    return json(200, Discovery.view(discovered));
  }
}
