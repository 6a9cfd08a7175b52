package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.domain.Blocker;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceSpec;
import dev.sqlup.domain.Limitations;
import dev.sqlup.domain.RdsEdition;
import dev.sqlup.domain.SqlEdition;
import dev.sqlup.domain.UpgradeRules;
import dev.sqlup.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /instances/{instanceId}/upgrade-options} → every allowed target (version → editions →
 * instance types) and the blockers that apply now ({@code upgradable} is false while any applies).
 */
public final class GetUpgradeOptionsHandler extends ApiHandler {
  public GetUpgradeOptionsHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public GetUpgradeOptionsHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(
        primingEvent(
            "GET",
            "/instances/{instanceId}/upgrade-options",
            Map.of("instanceId", SnapStartPriming.MISSING_ID),
            null),
        404);
  }

  @Override
  protected void addPrimingSteps(SnapStartPriming priming) {
    priming.step("instance JSON round trip", () -> primeInstanceJson(services));
    priming.step(
        "upgrade options of a sample instance",
        () ->
            Json.write(
                new UpgradeRules(services.catalogue())
                    .options(
                        new InstanceSpec(
                            "2019",
                            SqlEdition.Standard,
                            RdsEdition.HighAvailability,
                            "mssql.x4.large"))));
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String instanceId = Requests.pathId(event, "instanceId");
    Requests.query(event, Set.of());
    Requests.noBody(event);
    Instance instance = services.instances().get(instanceId);
    List<Blocker> blockers = Limitations.blockers(instance);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instanceId", instanceId);
    body.put("current", Json.toTree(instance.spec()));
    body.put("upgradable", blockers.isEmpty());
    body.put("blockers", Views.trees(blockers));
    if (instance.activeTaskId() != null) {
      body.put("activeTaskId", instance.activeTaskId());
    }
    List<Object> targets =
        Views.trees(new UpgradeRules(services.catalogue()).options(instance.spec()));
    // Where each type is offered is the catalogue's business; the options already apply it.
    for (Object version : targets) {
      for (Object edition : list(map(version).get("editions"))) {
        for (Object type : list(map(edition).get("instanceTypes"))) {
          map(type).remove("offeredFor");
        }
      }
    }
    body.put("targets", targets);
    return json(200, body);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object tree) {
    return (Map<String, Object>) tree;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object tree) {
    return tree == null ? List.of() : (List<Object>) tree;
  }
}
