package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /target-hosts} → 200 {@code {hosts: [...]}}: every registered host with its status and
 * pool.
 */
public final class ListTargetHostsHandler extends ApiHandler {
  public ListTargetHostsHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public ListTargetHostsHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    // A query parameter no route takes: refused before the pool is read.
    APIGatewayProxyRequestEvent event = primingEvent("GET", "/target-hosts", Map.of(), null);
    event.setQueryStringParameters(Map.of("priming", "1"));
    return new PrimingRequest(event, 400);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    Requests.query(event, Set.of());
    Requests.noBody(event);
    var hosts = TargetHostRoutes.call(() -> services.dataPlanes().targetHosts().list());
    return json(200, Map.of("hosts", hosts.stream().map(TargetHostRoutes::view).toList()));
  }
}
