package dev.sqlup.workflow.campaign;

import dev.sqlup.config.CampaignServices;
import dev.sqlup.config.Services;

/**
 * Campaign step Finish: waves and instances never reached become NotStarted; the campaign Succeeded
 * unless halted.
 */
public final class CampaignFinishHandler extends CampaignStepHandler {
  private final CampaignWaves steps;

  public CampaignFinishHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public CampaignFinishHandler(Services services) {
    super(services);
    this.steps =
        new CampaignWaves(CampaignServices.campaigns(services), services.tasks(), services.clock());
  }

  @Override
  protected CampaignStep run(CampaignStep in) {
    return steps.finish(in);
  }
}
