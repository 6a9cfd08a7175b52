package dev.sqlup.proof.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.proof.Docs;
import dev.sqlup.testing.Dynalite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 §4 (engine half): at least 10,000 generated or mutated state machine definitions and
 * inputs (the engine's conformance cases mutated 1–3 times, plus freshly generated machines with
 * every state type) fed to the embedded ASL engine in virtual time: no crash, no hang, AWS-style
 * errors only.
 */
class EngineFuzzTest {
  static final long SEED = Long.getLong("proof.seed", 20261124L);

  @Test
  void tenThousandDefinitions_endTheAwsWay() {
    run(Integer.getInteger("proof.engine.fuzz.cases", 10_000), "verify");
  }

  @Test
  @Tag("slow")
  void hundredThousandDefinitions_endTheAwsWay() {
    run(100_000, "slow");
  }

  private static void run(int cases, String profile) {
    EngineFuzz fuzz = new EngineFuzz(Duration.ofSeconds(2));
    List<EngineFuzz.Case> corpus = EngineFuzz.corpus(Dynalite.projectRoot());
    SplittableRandom random = new SplittableRandom(SEED);
    List<EngineFuzz.Result> results = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    long started = System.nanoTime();
    try {
      for (int i = 0; i < cases; i++) {
        EngineFuzz.Case c = EngineFuzz.next(corpus, random);
        EngineFuzz.Result r = fuzz.run(c);
        results.add(r);
        if (r.kind().startsWith("VIOLATION")) {
          violations.add(
              r.kind()
                  + " — "
                  + r.detail()
                  + " — "
                  + c.origin()
                  + " — "
                  + (c.definition().length() > 600
                      ? c.definition().substring(0, 600) + "…"
                      : c.definition())
                  + " input "
                  + (c.input().length() > 200 ? c.input().substring(0, 200) + "…" : c.input()));
        }
      }
    } finally {
      fuzz.close();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Integer> tally = EngineFuzz.tally(results);
    long historyQuota =
        results.stream().filter(r -> r.kind().equals(EngineFuzz.HISTORY_QUOTA_FAILED)).count();
    String summary =
        String.format(
            "engine fuzz: %d definitions+inputs (%d conformance seeds mutated 1-3 times, 40%% "
                + "generated) in %.1f s: %d rejected with an API error, %d ran to a terminal status, %d violations, "
                + "%d failed at the 25,000-event history quota (States.Runtime) (seed %d)",
            cases,
            corpus.size(),
            seconds,
            results.stream().filter(r -> r.kind().startsWith("rejected")).count(),
            results.stream()
                .filter(
                    r ->
                        !r.kind().startsWith("rejected")
                            && !r.kind().startsWith("VIOLATION")
                            && !r.kind().startsWith("OPEN")
                            && !r.kind().startsWith("RUNNING"))
                .count(),
            violations.size(),
            historyQuota,
            SEED);
    System.out.println(summary);
    StringBuilder md = new StringBuilder("## Engine fuzz (" + profile + ")\n\n");
    md.append("Command: ")
        .append(
            profile.equals("slow")
                ? "`mvn -B -o -Pslow -pl tests -am verify -Dtest='EngineFuzzTest#hundred*' -Dsurefire.failIfNoSpecifiedTests=false -Dproof.docs=true`"
                : "`mvn -B -o -pl tests -am verify -Dtest='EngineFuzzTest#ten*' -Dsurefire.failIfNoSpecifiedTests=false -Dproof.docs=true` (runs in every `mvn verify`)")
        .append(" (class `dev.sqlup.proof.engine.EngineFuzzTest`, seed ")
        .append(SEED)
        .append(").\n\nResult: ")
        .append(summary)
        .append("\n\n| outcome | count |\n|---|---:|\n");
    tally.forEach(
        (k, v) ->
            md.append("| ").append(k.replace("|", "/")).append(" | ").append(v).append(" |\n"));
    if (!violations.isEmpty()) {
      md.append("\nViolations (first 20):\n\n");
      violations.stream()
          .limit(20)
          .forEach(v -> md.append("- ").append(v.replace("\n", " ")).append("\n"));
    }
    Docs.write("RELIABILITY.md", "## Engine fuzz (" + profile + ")", md.toString());
    assertThat(violations).isEmpty();
  }
}
