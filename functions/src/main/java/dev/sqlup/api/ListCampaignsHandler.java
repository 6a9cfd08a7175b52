package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.CampaignServices;
import dev.sqlup.config.Services;
import dev.sqlup.domain.campaign.Campaign;
import dev.sqlup.store.CampaignRepository;
import dev.sqlup.store.Page;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code GET /campaigns?limit=&nextToken=}: campaign summaries (status, counts), table order. */
public final class ListCampaignsHandler extends ApiHandler {
  private final CampaignRepository campaigns;

  public ListCampaignsHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public ListCampaignsHandler(Services services) {
    super(services);
    this.campaigns = CampaignServices.campaigns(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(primingEvent("GET", "/campaigns", Map.of(), null), 200);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    Requests.noBody(event);
    Map<String, String> query = Requests.query(event, Set.of("limit", "nextToken"));
    Page<Campaign> page =
        campaigns.list(Requests.limit(query), Requests.nextToken(query).orElse(null));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("campaigns", page.items().stream().map(CampaignViews::summary).toList());
    body.put("nextToken", page.nextToken());
    return json(200, body);
  }
}
