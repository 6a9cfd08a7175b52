package dev.sqlup.workflow.campaign;

import dev.sqlup.config.CampaignServices;
import dev.sqlup.config.Services;

/**
 * Campaign step AwaitApproval (lambda:invoke.waitForTaskToken): stores the token the approve action
 * sends SendTaskSuccess with.
 */
public final class CampaignAwaitApprovalHandler extends CampaignStepHandler {
  private final CampaignWaves steps;

  public CampaignAwaitApprovalHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public CampaignAwaitApprovalHandler(Services services) {
    super(services);
    this.steps =
        new CampaignWaves(CampaignServices.campaigns(services), services.tasks(), services.clock());
  }

  @Override
  protected CampaignStep run(CampaignStep in) {
    return steps.awaitApproval(in);
  }
}
