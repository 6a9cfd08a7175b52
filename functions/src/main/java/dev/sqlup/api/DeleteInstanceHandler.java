package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code DELETE /instances/{instanceId}} → 200 {@code {instanceId, deleted: true}}: forgets the
 * instance (its tasks stay as history; nothing is done to the server). 409 {@code
 * UpgradeInProgress} (with {@code taskId}) while an upgrade holds it, 404 {@code InstanceNotFound};
 * one conditional delete.
 */
public final class DeleteInstanceHandler extends ApiHandler {
  public DeleteInstanceHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public DeleteInstanceHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(
        primingEvent(
            "DELETE",
            "/instances/{instanceId}",
            Map.of("instanceId", SnapStartPriming.MISSING_ID),
            null),
        404);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String instanceId = Requests.pathId(event, "instanceId");
    Requests.query(event, Set.of());
    Requests.noBody(event);
    services.instances().delete(instanceId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instanceId", instanceId);
    body.put("deleted", true);
    return json(200, body);
  }
}
