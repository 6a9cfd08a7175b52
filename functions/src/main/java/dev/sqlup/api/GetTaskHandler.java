package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import java.util.Set;

/** {@code GET /tasks/{taskId}} → 200 the task (status, step, progress, remaining, estimate, steps, specs). */
public final class GetTaskHandler extends ApiHandler {
  public GetTaskHandler() {
    this(Services.fromEnvironment());
  }

  public GetTaskHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String taskId = Requests.pathId(event, "taskId");
    Requests.query(event, Set.of());
    Requests.noBody(event);
    return json(200, Views.task(services.tasks().get(taskId)));
  }
}
