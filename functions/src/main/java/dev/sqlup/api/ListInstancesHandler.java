package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.domain.Instance;
import dev.sqlup.store.Page;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code GET /instances?limit=&nextToken=} → 200 {@code {"instances":[…],"nextToken"}}. */
public final class ListInstancesHandler extends ApiHandler {
  public ListInstancesHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public ListInstancesHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    // One item at most: the listing's read path without holding the fleet's records in the
    // snapshot.
    return new PrimingRequest(
        primingEvent("GET", "/instances", Map.of(), null)
            .withQueryStringParameters(Map.of("limit", "1")),
        200);
  }

  @Override
  protected void addPrimingSteps(SnapStartPriming priming) {
    priming.step("instance JSON round trip", () -> primeInstanceJson(services));
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    Map<String, String> query = Requests.query(event, Set.of("limit", "nextToken"));
    int limit = Requests.limit(query);
    String token = Requests.nextToken(query).orElse(null);
    Requests.noBody(event);
    Page<Instance> page = services.instances().list(limit, token);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instances", page.items().stream().<Object>map(Views::instance).toList());
    if (page.nextToken() != null) {
      body.put("nextToken", page.nextToken());
    }
    return json(200, body);
  }
}
