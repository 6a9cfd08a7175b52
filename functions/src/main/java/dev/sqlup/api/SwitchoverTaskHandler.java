package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.domain.SwitchChange;
import dev.sqlup.domain.SwitchTime;
import dev.sqlup.domain.UpgradeTask;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /tasks/{taskId}/switchover}: switch now (approve an {@code OnApproval} task, or bring
 * a window or scheduled switch forward). The task's switch time becomes {@code Immediate} (history:
 * {@code SwitchNow} by the caller); the workflow switches at its next round, after the final
 * catch-up and the cutover guards, or as soon as the data is caught up if it is still copying. 409
 * {@code SwitchoverAlreadyStarted} past the point of no return, {@code IncorrectTaskState} when
 * finished.
 */
public final class SwitchoverTaskHandler extends ApiHandler {
  public SwitchoverTaskHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public SwitchoverTaskHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(
        primingEvent(
            "POST",
            "/tasks/{taskId}/switchover",
            Map.of("taskId", SnapStartPriming.MISSING_ID),
            null),
        404);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String taskId = Requests.pathId(event, "taskId");
    Requests.query(event, Set.of());
    Requests.noBody(event);
    String by = TaskSwitchChanges.caller(event);
    Instant now = services.clock().instant();
    UpgradeTask changed =
        TaskSwitchChanges.apply(
            services,
            taskId,
            t ->
                t.withSwitch(
                    SwitchTime.Immediate,
                    t.cutover()
                        .withChange(
                            new SwitchChange(
                                now,
                                by,
                                "SwitchNow",
                                TaskSwitchChanges.describe(t.switchTime(), t.cutover().switchAt()),
                                "Immediate"),
                            null,
                            t.cutover().guards())));
    return json(202, Views.task(changed));
  }
}
