package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import java.util.Map;
import java.util.Set;

/**
 * {@code DELETE /target-hosts/{hostId}} → 200 {@code {hostId, deleted: true}}: removes a host from
 * the pool. 409 {@code HostInUse} while an upgrade holds it (CLAIMED), 404 {@code HostNotFound}.
 */
public final class DeleteTargetHostHandler extends ApiHandler {
  public DeleteTargetHostHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public DeleteTargetHostHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(
        primingEvent(
            "DELETE",
            "/target-hosts/{hostId}",
            Map.of("hostId", SnapStartPriming.MISSING_ID),
            null),
        404);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String hostId = Requests.pathId(event, "hostId");
    Requests.query(event, Set.of());
    Requests.noBody(event);
    TargetHostRoutes.call(
        () -> {
          services.dataPlanes().targetHosts().delete(hostId);
          return null;
        });
    return json(200, Map.of("hostId", hostId, "deleted", true));
  }
}
