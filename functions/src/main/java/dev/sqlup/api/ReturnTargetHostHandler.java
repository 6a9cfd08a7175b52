package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /target-hosts/{hostId}/return} → 200 the host, AVAILABLE again: a DIRTY host (an
 * upgrade was compensated on it) goes back to the pool once the operator has cleaned it
 * (docs/runbook.md). 409 {@code HostNotDirty} for a host in any other state, 404 {@code
 * HostNotFound}.
 */
public final class ReturnTargetHostHandler extends ApiHandler {
  public ReturnTargetHostHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public ReturnTargetHostHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(
        primingEvent(
            "POST",
            "/target-hosts/{hostId}/return",
            Map.of("hostId", SnapStartPriming.MISSING_ID),
            null),
        404);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String hostId = Requests.pathId(event, "hostId");
    Requests.query(event, Set.of());
    Requests.noBody(event);
    return json(
        200,
        TargetHostRoutes.view(
            TargetHostRoutes.call(() -> services.dataPlanes().targetHosts().returnToPool(hostId))));
  }
}
