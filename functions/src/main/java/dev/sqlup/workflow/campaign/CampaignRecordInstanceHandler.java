package dev.sqlup.workflow.campaign;

import dev.sqlup.config.CampaignServices;
import dev.sqlup.config.Services;

/** Campaign step RecordInstance: the instance takes its upgrade task's final status. */
public final class CampaignRecordInstanceHandler extends CampaignStepHandler {
  private final CampaignWaves steps;

  public CampaignRecordInstanceHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public CampaignRecordInstanceHandler(Services services) {
    super(services);
    this.steps =
        new CampaignWaves(CampaignServices.campaigns(services), services.tasks(), services.clock());
  }

  @Override
  protected CampaignStep run(CampaignStep in) {
    return steps.record(in);
  }
}
