package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.proof.Docs;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 §1 and §3: the chaos campaign (seeded faults, invariants after every upgrade) and many
 * upgrades at once in one local runtime. A 50-upgrade sample runs in every {@code mvn verify}; the
 * 1,000-upgrade campaign and the 1,000 concurrent upgrades run with {@code -Pslow}.
 */
class ChaosCampaignTest {
  static final long SEED = Long.getLong("proof.seed", 20261124L);

  @Test
  void chaosSample_fiftyUpgrades_keepEveryInvariant() {
    run("verify sample", 50, 50, true);
  }

  @Test
  @Tag("slow")
  void chaosCampaign_thousandUpgrades_keepEveryInvariant() {
    run(
        "campaign",
        Integer.getInteger("proof.chaos.upgrades", 1000),
        Integer.getInteger("proof.chaos.batch", 100),
        true);
  }

  @Test
  @Tag("slow")
  void thousandInstances_upgradedConcurrently_noLostOrDuplicatedTask() {
    run("1,000 concurrent, no faults", 1000, 1000, false);
  }

  private static void run(String name, int upgrades, int batch, boolean faults) {
    ChaosCampaign campaign = new ChaosCampaign(SEED);
    long started = System.nanoTime();
    for (int from = 0; from < upgrades; from += batch) {
      campaign.runBatch(from, Math.min(upgrades, from + batch), faults);
    }
    List<String> all = report(name, campaign, upgrades, batch, started);
    assertThat(campaign.outcomes).hasSize(upgrades);
    assertThat(all).isEmpty();
  }

  /** Prints the summary, writes the docs section; returns the violations. */
  static List<String> report(
      String name, ChaosCampaign campaign, int upgrades, int batch, long started) {
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Integer> byOutcome = new TreeMap<>();
    Map<String, Integer> faultsSeen = new TreeMap<>(campaign.injected);
    Map<String, Integer> violationsByKind = new TreeMap<>();
    int dbs = 0;
    for (ChaosCampaign.Outcome o : campaign.outcomes) {
      byOutcome.merge(
          o.status() + (o.failureCode() == null ? "" : " " + o.failureCode()), 1, Integer::sum);
      o.faultsSeen().forEach((k, v) -> faultsSeen.merge(k, v, Integer::sum));
      o.violations()
          .forEach(v -> violationsByKind.merge(v.replaceAll("[0-9]+", "N"), 1, Integer::sum));
      dbs += o.spec().databases().size();
    }
    long violating = campaign.outcomes.stream().filter(o -> !o.violations().isEmpty()).count();
    String summary =
        String.format(
            "chaos %s: %d upgrades (%d databases) in %.0f s, batches of %d: outcomes %s; "
                + "%d upgrades violating an invariant (seed %d)",
            name, campaign.outcomes.size(), dbs, seconds, batch, byOutcome, violating, SEED);
    System.out.println(summary);
    StringBuilder md = new StringBuilder("## Chaos: " + name + "\n\n");
    md.append("Command: `mvn -B -o ")
        .append(name.equals("verify sample") ? "" : "-Pslow ")
        .append("-pl tests -am verify -Dtest='ChaosCampaignTest#")
        .append(
            name.equals("verify sample")
                ? "chaosSample*"
                : name.startsWith("1,000") ? "thousandInstances*" : "chaosCampaign*")
        .append("' -Dsurefire.failIfNoSpecifiedTests=false -Dproof.docs=true`")
        .append(name.equals("verify sample") ? " (runs in every `mvn verify`)" : "")
        .append(" (class `dev.sqlup.e2e.ChaosCampaignTest`, seed ")
        .append(SEED)
        .append(").\n\n")
        .append("Result: ")
        .append(summary)
        .append("\n\n")
        .append("| outcome | upgrades |\n|---|---:|\n");
    byOutcome.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append(
        "\n| fault kind (injected, or met and handled by Retry/Catch) | count |\n|---|---:|\n");
    faultsSeen.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append(
        "\nInvariants checked after every upgrade: ended (Succeeded or Failed, execution not running); "
            + "Succeeded: instance on 2022, Running, unlocked, exactly one live target and one created, every database "
            + "restored exactly to the source's tail-log LSN (no data loss), source never recovered; Failed: source "
            + "Running on 2019 with its original spec, unlocked, every database ONLINE, endpoint never moved, no live "
            + "target; always: at most one target created, CREATE_TARGET and MOVE_ENDPOINT at most once, per-database "
            + "effects at most once per database, no more log restores than log backups.\n");
    if (!violationsByKind.isEmpty()) {
      md.append("\n| invariant violation | upgrades |\n|---|---:|\n");
      violationsByKind.forEach(
          (k, v) ->
              md.append("| ").append(k.replace("|", "/")).append(" | ").append(v).append(" |\n"));
      md.append("\nFirst violations:\n\n");
      campaign.outcomes.stream()
          .filter(o -> !o.violations().isEmpty())
          .limit(10)
          .forEach(
              o ->
                  md.append("- ")
                      .append(o.spec().instanceId())
                      .append(" (")
                      .append(o.spec().databases().size())
                      .append(" dbs, ")
                      .append(o.spec().switchTime())
                      .append(", metadata ")
                      .append(o.spec().metadataChange())
                      .append("): ")
                      .append(o.status())
                      .append(" ")
                      .append(o.failureCode())
                      .append(" — ")
                      .append(o.violations())
                      .append("\n"));
    }
    Docs.write("RELIABILITY.md", "## Chaos: " + name, md.toString());
    return campaign.outcomes.stream()
        .filter(o -> !o.violations().isEmpty())
        .map(o -> o.spec().instanceId() + ": " + o.violations())
        .toList();
  }
}
