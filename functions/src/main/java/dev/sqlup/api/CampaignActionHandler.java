package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.CampaignControl;
import dev.sqlup.config.CampaignServices;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.domain.campaign.Campaign;
import dev.sqlup.domain.campaign.CampaignStatus;
import dev.sqlup.json.Json;
import dev.sqlup.store.CampaignRepository;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /campaigns/{campaignId}/actions} with {@code {"action": "pause|resume|approve|halt",
 * "reason"?}}. pause: no new instance starts (running ones go on). resume: starts again (or waits
 * for approval when the machine reached the approval step meanwhile). approve: ends the approval
 * step (SendTaskSuccess). halt: final; nothing new starts, no running upgrade is stopped; an
 * approval wait ends (SendTaskFailure {@code CampaignHalted}). Each is one conditional write on the
 * campaign's status: an action its status does not allow answers 409 {@code IncorrectCampaignState}
 * and changes nothing.
 */
public final class CampaignActionHandler extends ApiHandler {
  static final Pattern REASON = Pattern.compile("[\\p{Print}&&[^<>]]{1,256}");
  private static final EnumSet<CampaignStatus> ACTIVE =
      EnumSet.of(CampaignStatus.Running, CampaignStatus.Paused, CampaignStatus.WaitingForApproval);

  private final CampaignRepository campaigns;
  private final CampaignControl control;

  public CampaignActionHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public CampaignActionHandler(Services services) {
    this(services, CampaignServices.campaigns(services), CampaignServices.control(services));
  }

  public CampaignActionHandler(
      Services services, CampaignRepository campaigns, CampaignControl control) {
    super(services);
    this.campaigns = campaigns;
    this.control = control;
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(
        primingEvent(
            "POST",
            "/campaigns/{campaignId}/actions",
            Map.of("campaignId", SnapStartPriming.MISSING_ID),
            "{\"action\":\"pause\"}"),
        404);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String id = Requests.pathId(event, "campaignId");
    Requests.query(event, Set.of());
    Body body = new Body(Requests.jsonObject(event), "", Set.of("action", "reason"));
    String action =
        body.requireText(
            "action",
            Pattern.compile("pause|resume|approve|halt"),
            "one of pause, resume, approve, halt");
    String reason = body.optionalText("reason", REASON, "1–256 printable characters").orElse(null);
    Campaign current = campaigns.get(id);
    Campaign after =
        switch (action) {
          case "pause" ->
              campaigns.transition(
                  id,
                  EnumSet.of(CampaignStatus.Running, CampaignStatus.WaitingForApproval),
                  CampaignStatus.Paused,
                  null,
                  false,
                  action);
          case "resume" ->
              campaigns.transition(
                  id,
                  EnumSet.of(CampaignStatus.Paused),
                  current.approvalToken() != null
                      ? CampaignStatus.WaitingForApproval
                      : CampaignStatus.Running,
                  null,
                  false,
                  action);
          case "approve" -> approve(current);
          default ->
              halt(
                  current,
                  reason == null ? "halted by an operator" : "halted by an operator: " + reason);
        };
    return json(200, CampaignViews.summary(after));
  }

  private Campaign approve(Campaign c) {
    if (c.status().isFinal() || c.approvalToken() == null) {
      throw new ApiException(
          409,
          "NoApprovalPending",
          null,
          "campaign " + c.campaignId() + " is " + c.status() + " and waits for no approval",
          Map.of("status", c.status().name()));
    }
    // The token first: if it is gone (used by a concurrent approve), the write below still clears
    // it.
    control.approve(
        c.approvalToken(), Json.write(Map.of("approved", true, "wave", c.currentWave())));
    CampaignStatus to =
        c.status() == CampaignStatus.Paused ? CampaignStatus.Paused : CampaignStatus.Running;
    return campaigns.transition(c.campaignId(), EnumSet.of(c.status()), to, null, true, "approve");
  }

  private Campaign halt(Campaign c, String reason) {
    // The token stays in the record and is read after the write: a token the approval step stored
    // between
    // the read above and the write is refused too, so the machine never waits for a halted
    // campaign.
    campaigns.transition(c.campaignId(), ACTIVE, CampaignStatus.Halted, reason, false, "halt");
    Campaign halted = campaigns.get(c.campaignId());
    if (halted.approvalToken() != null) {
      control.refuse(halted.approvalToken(), "CampaignHalted", reason);
    }
    return halted;
  }
}
