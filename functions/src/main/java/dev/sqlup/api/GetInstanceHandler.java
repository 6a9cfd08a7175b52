package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import java.util.Set;

/** {@code GET /instances/{instanceId}} → 200 the instance, 404 {@code InstanceNotFound}. */
public final class GetInstanceHandler extends ApiHandler {
  public GetInstanceHandler() {
    this(Services.fromEnvironment());
  }

  public GetInstanceHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String instanceId = Requests.pathId(event, "instanceId");
    Requests.query(event, Set.of());
    Requests.noBody(event);
    return json(200, Views.instance(services.instances().get(instanceId)));
  }
}
