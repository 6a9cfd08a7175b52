package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import java.util.Map;
import java.util.Set;

/** {@code GET /instances/{instanceId}} → 200 the instance, 404 {@code InstanceNotFound}. */
public final class GetInstanceHandler extends ApiHandler {
  public GetInstanceHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public GetInstanceHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(
        primingEvent(
            "GET",
            "/instances/{instanceId}",
            Map.of("instanceId", SnapStartPriming.MISSING_ID),
            null),
        404);
  }

  @Override
  protected void addPrimingSteps(SnapStartPriming priming) {
    priming.step("instance JSON round trip", () -> primeInstanceJson(services));
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String instanceId = Requests.pathId(event, "instanceId");
    Requests.query(event, Set.of());
    Requests.noBody(event);
    return json(200, Views.instance(services.instances().get(instanceId)));
  }
}
