package dev.sqlup.workflow.campaign;

import dev.sqlup.config.CampaignServices;
import dev.sqlup.config.Services;

/**
 * Campaign step LaunchInstance (first state of each wave item): Start, Wait (paused) or Skip, see
 * CampaignLaunches.
 */
public final class CampaignLaunchInstanceHandler extends CampaignStepHandler {
  private final CampaignLaunches steps;

  public CampaignLaunchInstanceHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public CampaignLaunchInstanceHandler(Services services) {
    super(services);
    this.steps =
        new CampaignLaunches(
            CampaignServices.campaigns(services),
            services.instances(),
            services.tasks(),
            services.catalogue(),
            services.clock());
  }

  @Override
  protected CampaignStep run(CampaignStep in) {
    return steps.launch(in);
  }
}
