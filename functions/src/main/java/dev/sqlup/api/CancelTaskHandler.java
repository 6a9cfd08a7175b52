package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.domain.UpgradeTask;
import java.util.Map;
import java.util.Set;

/**
 * {@code DELETE /tasks/{taskId}} → always 409 {@code UpgradeCannotBeCancelled} for an existing
 * task: the guide says an upgrade cannot be cancelled once started. 404 for an unknown task.
 */
public final class CancelTaskHandler extends ApiHandler {
  public CancelTaskHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public CancelTaskHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(
        primingEvent(
            "DELETE", "/tasks/{taskId}", Map.of("taskId", SnapStartPriming.MISSING_ID), null),
        404);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String taskId = Requests.pathId(event, "taskId");
    Requests.query(event, Set.of());
    Requests.noBody(event);
    UpgradeTask task = services.tasks().get(taskId);
    String why =
        task.status().isFinal()
            ? "upgrade task " + taskId + " has already finished (" + task.status() + ")"
            : "upgrade task "
                + taskId
                + " is "
                + task.status()
                + "; once started, an upgrade cannot be cancelled";
    throw new ApiException(
        409,
        "UpgradeCannotBeCancelled",
        null,
        why,
        Map.of("taskId", taskId, "status", task.status().name()));
  }
}
