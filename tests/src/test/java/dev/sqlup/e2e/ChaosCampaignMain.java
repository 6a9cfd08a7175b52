package dev.sqlup.e2e;

/**
 * The chaos campaign outside JUnit, printing one line per batch (for long runs whose progress
 * should be visible): {@code java -cp <test class path> dev.sqlup.e2e.ChaosCampaignMain UPGRADES
 * BATCH}.
 */
public final class ChaosCampaignMain {
  private ChaosCampaignMain() {}

  public static void main(String[] args) {
    int upgrades = Integer.parseInt(args[0]);
    int batch = Integer.parseInt(args[1]);
    ChaosCampaign campaign = new ChaosCampaign(ChaosCampaignTest.SEED);
    long started = System.nanoTime();
    for (int from = 0; from < upgrades; from += batch) {
      campaign.runBatch(from, Math.min(upgrades, from + batch), true);
      long violating = campaign.outcomes.stream().filter(o -> !o.violations().isEmpty()).count();
      System.out.printf(
          "chaos progress: %d/%d upgrades done in %.0f s, %d violating%n",
          campaign.outcomes.size(), upgrades, (System.nanoTime() - started) / 1e9, violating);
      campaign.outcomes.stream()
          .filter(o -> !o.violations().isEmpty())
          .forEach(
              o ->
                  System.out.println(
                      "  VIOLATION "
                          + o.spec().instanceId()
                          + " "
                          + o.status()
                          + " "
                          + o.violations()));
    }
    ChaosCampaignTest.report("campaign", campaign, upgrades, batch, started);
    System.exit(0);
  }
}
