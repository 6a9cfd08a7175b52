package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.CampaignServices;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.store.CampaignRepository;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /campaigns/{campaignId}}: per wave and per instance status, task, progress, counts,
 * ETA.
 */
public final class GetCampaignHandler extends ApiHandler {
  private final CampaignRepository campaigns;

  public GetCampaignHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public GetCampaignHandler(Services services) {
    super(services);
    this.campaigns = CampaignServices.campaigns(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(
        primingEvent(
            "GET",
            "/campaigns/{campaignId}",
            Map.of("campaignId", SnapStartPriming.MISSING_ID),
            null),
        404);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String id = Requests.pathId(event, "campaignId");
    Requests.query(event, Set.of());
    Requests.noBody(event);
    return json(
        200,
        CampaignViews.detail(
            campaigns.get(id), services.tasks()::findAll, services.clock().instant()));
  }
}
