package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.MaintenanceWindow;
import java.util.Map;
import java.util.Set;

/**
 * {@code PATCH /instances/{instanceId}} → 200 the instance: changes {@code maintenanceWindow},
 * {@code tags} (replaced as a whole) and {@code description}; at least one. The maintenance window
 * cannot change while an upgrade holds the instance (409 {@code UpgradeInProgress}: the upgrade may
 * be waiting for it). One conditional write on the version read (409 {@code ConcurrentModification}
 * when it lost).
 */
public final class UpdateInstanceHandler extends ApiHandler {
  static final Set<String> FIELDS = Set.of("maintenanceWindow", "tags", "description");

  public UpdateInstanceHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public UpdateInstanceHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(
        primingEvent(
            "PATCH",
            "/instances/{instanceId}",
            Map.of("instanceId", SnapStartPriming.MISSING_ID),
            "{}"),
        400);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String instanceId = Requests.pathId(event, "instanceId");
    Requests.query(event, Set.of());
    Map<String, Object> json = Requests.jsonObject(event);
    Body body = new Body(json, "", FIELDS);
    if (json.isEmpty()) {
      throw ApiException.invalid(null, "give at least one of " + FIELDS);
    }
    String window = body.optionalText("maintenanceWindow", null, null).orElse(null);
    if (window != null && MaintenanceWindow.parse(window).isEmpty()) {
      throw ApiException.invalid(
          "maintenanceWindow", "maintenanceWindow must be HH:MMZ-HH:MMZ (UTC) with start ≠ end");
    }
    Map<String, String> tags =
        json.containsKey("tags") ? body.optionalStringMap("tags", 20, 128, 256) : null;
    String description =
        body.optionalText(
                "description", RegisterInstanceHandler.DESCRIPTION, "at most 256 characters")
            .orElse(null);
    Instance current = services.instances().get(instanceId);
    if (window != null
        && !window.equals(current.maintenanceWindow())
        && current.activeTaskId() != null) {
      throw new ApiException(
          409,
          "UpgradeInProgress",
          "maintenanceWindow",
          "the maintenance window cannot change "
              + "while upgrade "
              + current.activeTaskId()
              + " runs",
          Map.of("taskId", current.activeTaskId()));
    }
    Instance changed =
        current.withSettings(
            window != null ? window : current.maintenanceWindow(),
            tags != null ? tags : current.tags(),
            json.containsKey("description") ? description : current.description());
    return json(200, Views.instance(services.instances().update(changed)));
  }
}
