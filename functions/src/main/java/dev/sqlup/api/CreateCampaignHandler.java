package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.CampaignControl;
import dev.sqlup.config.CampaignServices;
import dev.sqlup.config.Services;
import dev.sqlup.config.UpgradeLauncher;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.Sha256;
import dev.sqlup.domain.campaign.Campaign;
import dev.sqlup.domain.campaign.CampaignPlan;
import dev.sqlup.domain.campaign.CampaignPlanner;
import dev.sqlup.domain.campaign.CampaignRecordSize;
import dev.sqlup.domain.campaign.CampaignStatus;
import dev.sqlup.domain.campaign.PlannedInstance;
import dev.sqlup.json.Json;
import dev.sqlup.store.CampaignAlreadyExistsException;
import dev.sqlup.store.CampaignRepository;
import dev.sqlup.store.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /campaigns}: validates, plans over the registered fleet (prechecks and estimate of
 * every selected instance), and answers the plan ({@code dryRun}, 200, nothing written) or stores
 * the campaign (one conditional put) and starts its execution (named after the campaign), 202. If
 * the start fails, the campaign is marked Halted ({@code WorkflowStartFailed}) and 503 answered:
 * nothing was upgraded.
 */
public final class CreateCampaignHandler extends ApiHandler {
  static final int FLEET_PAGE = 100;

  private final CampaignRepository campaigns;
  private final CampaignControl control;

  public CreateCampaignHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public CreateCampaignHandler(Services services) {
    this(services, CampaignServices.campaigns(services), CampaignServices.control(services));
  }

  public CreateCampaignHandler(
      Services services, CampaignRepository campaigns, CampaignControl control) {
    super(services);
    this.campaigns = campaigns;
    this.control = control;
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(
        primingEvent("POST", "/campaigns", Map.of(), "{\"name\":\"priming\"}"), 400);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    Requests.query(event, Set.of());
    CampaignRequests.CreateRequest request =
        CampaignRequests.parse(Requests.jsonObject(event), services.catalogue());
    Instant now = services.clock().instant();
    CampaignPlan plan =
        new CampaignPlanner(services.catalogue()).plan(request.spec(), fleet(), now);
    if (request.dryRun()) {
      return json(200, CampaignViews.plan(plan));
    }
    if (!plan.missingIds().isEmpty()) {
      throw ApiException.invalid(
          "selection.instanceIds", "no instance has the ids " + plan.missingIds());
    }
    List<String> ids = plan.instances().stream().map(PlannedInstance::instanceId).toList();
    if (!CampaignRecordSize.fits(ids)) {
      throw new ApiException(
          422,
          "CampaignTooLarge",
          "selection",
          "the selection has "
              + ids.size()
              + " instances: the campaign's record could grow to "
              + CampaignRecordSize.worstCaseBytes(ids) / 1024
              + " KB, over the "
              + CampaignRecordSize.LIMIT_BYTES / 1024
              + " KB a campaign may use of a DynamoDB item (about 1,000 instances with short ids);"
              + " split it into several campaigns",
          null);
    }
    if (plan.refusedCount() == plan.instances().size()) {
      throw new ApiException(
          422,
          "NoUpgradableInstances",
          "selection",
          plan.instances().isEmpty()
              ? "the selection matches no instance"
              : "every selected instance is refused by a precheck (see dryRun)",
          null);
    }
    String id =
        request.clientToken() == null
            ? "cp-" + UUID.randomUUID()
            : "cp-" + Sha256.hex(request.clientToken()).substring(0, 32);
    Campaign stored;
    try {
      stored = campaigns.create(Campaign.fromPlan(id, request.spec(), plan, now));
    } catch (CampaignAlreadyExistsException e) {
      if (!e.existing().spec().equals(request.spec())) {
        throw new ApiException(
            409,
            "IdempotencyConflict",
            "clientToken",
            "clientToken was already used for a different campaign (" + id + ")",
            Map.of("campaignId", id));
      }
      stored = e.existing();
    }
    try {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("campaignId", id);
      input.put("wave", 0);
      control.start(id, Json.write(input));
    } catch (UpgradeLauncher.LaunchFailedException e) {
      campaigns.transition(
          id,
          EnumSet.of(CampaignStatus.Running),
          CampaignStatus.Halted,
          "WorkflowStartFailed: " + e.getMessage(),
          true,
          "halt");
      throw new ApiException(
          503,
          "WorkflowStartFailed",
          null,
          "the campaign workflow could not be started; nothing was upgraded",
          Map.of("campaignId", id));
    }
    Map<String, Object> body = new LinkedHashMap<>(CampaignViews.summary(stored));
    body.put("refused", plan.refusedCount());
    return json(202, body);
  }

  private List<Instance> fleet() {
    List<Instance> all = new ArrayList<>();
    String token = null;
    do {
      Page<Instance> page = services.instances().list(FLEET_PAGE, token);
      all.addAll(page.items());
      token = page.nextToken();
    } while (token != null);
    return all;
  }
}
