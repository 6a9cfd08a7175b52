package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /tasks/{taskId}} → 200 the task (status, step, progress, remaining, estimate, steps,
 * specs).
 */
public final class GetTaskHandler extends ApiHandler {
  public GetTaskHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public GetTaskHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(
        primingEvent("GET", "/tasks/{taskId}", Map.of("taskId", SnapStartPriming.MISSING_ID), null),
        404);
  }

  @Override
  protected void addPrimingSteps(SnapStartPriming priming) {
    priming.step("task JSON round trip", ApiHandler::primeTaskJson);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String taskId = Requests.pathId(event, "taskId");
    Requests.query(event, Set.of());
    Requests.noBody(event);
    return json(200, Views.task(services.tasks().get(taskId), services.clock().instant()));
  }
}
