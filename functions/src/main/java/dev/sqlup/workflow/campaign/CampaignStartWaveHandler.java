package dev.sqlup.workflow.campaign;

import dev.sqlup.config.CampaignServices;
import dev.sqlup.config.Services;

/**
 * Campaign step StartWave: marks the wave Running and answers its items and limits (or Finish when
 * halted).
 */
public final class CampaignStartWaveHandler extends CampaignStepHandler {
  private final CampaignWaves steps;

  public CampaignStartWaveHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public CampaignStartWaveHandler(Services services) {
    super(services);
    this.steps =
        new CampaignWaves(CampaignServices.campaigns(services), services.tasks(), services.clock());
  }

  @Override
  protected CampaignStep run(CampaignStep in) {
    return steps.startWave(in);
  }
}
