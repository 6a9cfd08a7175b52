package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.store.Page;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /instances/{instanceId}/tasks?limit=&nextToken=} → the upgrade history, newest first.
 */
public final class ListInstanceTasksHandler extends ApiHandler {
  public ListInstanceTasksHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public ListInstanceTasksHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(
        primingEvent(
            "GET",
            "/instances/{instanceId}/tasks",
            Map.of("instanceId", SnapStartPriming.MISSING_ID),
            null),
        404);
  }

  @Override
  protected void addPrimingSteps(SnapStartPriming priming) {
    priming.step("task JSON round trip", ApiHandler::primeTaskJson);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String instanceId = Requests.pathId(event, "instanceId");
    Map<String, String> query = Requests.query(event, Set.of("limit", "nextToken"));
    int limit = Requests.limit(query);
    String token = Requests.nextToken(query).orElse(null);
    Requests.noBody(event);
    services.instances().get(instanceId);
    Page<UpgradeTask> page = services.tasks().listByInstance(instanceId, limit, token);
    Map<String, Object> body = new LinkedHashMap<>();
    java.time.Instant now = services.clock().instant();
    body.put("tasks", page.items().stream().<Object>map(t -> Views.task(t, now)).toList());
    if (page.nextToken() != null) {
      body.put("nextToken", page.nextToken());
    }
    return json(200, body);
  }
}
