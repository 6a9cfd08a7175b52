package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.domain.CutoverGuards;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.SwitchChange;
import dev.sqlup.domain.SwitchTime;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.json.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * {@code PATCH /tasks/{taskId}}: moves the switch of a task that has not passed the point of no
 * return — to the maintenance window, a scheduled time ({@code switchAt}, refused with 422 {@code
 * ScheduledTimeUnreachable} when the data cannot be caught up by then), on approval or immediately
 * — and/or replaces its cutover guards. Recorded in the task's history ({@code Reschedule}, {@code
 * GuardsChanged}) with the caller and the time; the workflow picks it up at its next round.
 */
public final class UpdateTaskHandler extends ApiHandler {
  static final Set<String> FIELDS = Set.of("switchTime", "switchAt", "cutoverGuards");

  public UpdateTaskHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public UpdateTaskHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(
        primingEvent(
            "PATCH",
            "/tasks/{taskId}",
            Map.of("taskId", SnapStartPriming.MISSING_ID),
            "{\"switchTime\":\"OnApproval\"}"),
        404);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String taskId = Requests.pathId(event, "taskId");
    Requests.query(event, Set.of());
    Body body = new Body(Requests.jsonObject(event), "", FIELDS);
    SwitchTime switchTime =
        body.optionalText("switchTime", null, null).isPresent()
            ? Enums.switchTime(body, "switchTime")
            : null;
    Instant switchAt =
        SwitchSettings.switchAt(body, switchTime == null ? SwitchTime.Immediate : switchTime);
    CutoverGuards guards = SwitchSettings.guards(body);
    if (switchTime == null && guards == null) {
      throw ApiException.invalid(
          "switchTime", "give switchTime (with switchAt for ScheduledTime) and/or cutoverGuards");
    }
    String by = TaskSwitchChanges.caller(event);
    Instant now = services.clock().instant();
    UpgradeTask current = services.tasks().get(taskId);
    TaskSwitchChanges.refuseIfPastTheSwitch(current);
    if (switchTime != null) {
      Instance instance = services.instances().get(current.instanceId());
      SwitchSettings.requireWindow(instance, switchTime);
      SwitchSettings.requireReachable(switchAt, TaskSwitchChanges.ready(current, now));
    }
    UpgradeTask changed =
        TaskSwitchChanges.apply(
            services,
            taskId,
            t -> {
              UpgradeTask out = t;
              if (switchTime != null) {
                out =
                    out.withSwitch(
                        switchTime,
                        out.cutover()
                            .withChange(
                                new SwitchChange(
                                    now,
                                    by,
                                    "Reschedule",
                                    TaskSwitchChanges.describe(
                                        out.switchTime(), out.cutover().switchAt()),
                                    TaskSwitchChanges.describe(switchTime, switchAt)),
                                switchAt,
                                out.cutover().guards()));
              }
              if (guards != null) {
                out =
                    out.withCutover(
                        out.cutover()
                            .withChange(
                                new SwitchChange(
                                    now,
                                    by,
                                    "GuardsChanged",
                                    Json.write(out.cutover().effectiveGuards()),
                                    Json.write(guards.withDefaults())),
                                out.cutover().switchAt(),
                                guards));
              }
              return out;
            });
    return json(200, Views.task(changed));
  }
}
