package dev.sqlup.workflow.campaign;

import dev.sqlup.config.CampaignServices;
import dev.sqlup.config.Services;

/** Campaign step EndWave: the wave's error budget; halts the campaign when it is spent. */
public final class CampaignEndWaveHandler extends CampaignStepHandler {
  private final CampaignWaves steps;

  public CampaignEndWaveHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public CampaignEndWaveHandler(Services services) {
    super(services);
    this.steps =
        new CampaignWaves(CampaignServices.campaigns(services), services.tasks(), services.clock());
  }

  @Override
  protected CampaignStep run(CampaignStep in) {
    return steps.endWave(in);
  }
}
