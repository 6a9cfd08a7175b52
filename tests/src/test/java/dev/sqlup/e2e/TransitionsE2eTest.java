package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.proof.BenchmarkLines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Waiting without waste: the machine sleeps until the data plane says an operation ends, so the
 * number of state transitions per upgrade does not grow with the data (docs/BENCHMARKS.md, "Upgrade
 * workflow"): its figures are generated from the JSON lines this test prints
 * (bench/upgrade-workflow.sh).
 */
class TransitionsE2eTest {
  static final String BENCHMARK = "state-transitions";
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  @Test
  void stateTransitionsStayFlatFrom10GbTo10Tb() {
    List<Long> transitions = new ArrayList<>();
    Map<String, Number> figures = new LinkedHashMap<>();
    for (double sizeGb : new double[] {10, 600, 10_000}) {
      try (UpgradeWorld world = new UpgradeWorld(T0)) {
        String id = "rm-e2e-size-" + (long) sizeGb;
        world.register(
            Fixtures.instance(
                id,
                Fixtures.GB_PER_HOUR_FOR_10_GB_OF_LOG,
                List.of(Fixtures.database("sales", sizeGb)),
                Map.of(),
                Map.of()));
        String taskId =
            world.submit(id, Fixtures.upgradeTo2022("Immediate", "size-" + (long) sizeGb));
        ExecutionInfo execution = world.await(taskId);
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        UpgradeTask task = world.task(taskId);
        long n = world.transitions(taskId);
        int invocations =
            world.invocations.values().stream()
                .mapToInt(java.util.concurrent.atomic.AtomicInteger::get)
                .sum();
        transitions.add(n);
        Duration took = Duration.between(T0, execution.stopDate());
        BenchmarkLines.run(
            BENCHMARK,
            Map.of(
                "dataGb",
                sizeGb,
                "logGbPerHour",
                Fixtures.GB_PER_HOUR_FOR_10_GB_OF_LOG,
                "simulatedSeconds",
                took.toSeconds(),
                "stateTransitions",
                n,
                "lambdaInvocations",
                invocations,
                "downtimeSeconds",
                task.downtimeSeconds()));
        String data = String.format(Locale.US, "%,.0f GB", sizeGb);
        figures.put(data + ": simulated duration (min)", took.toMinutes());
        figures.put(data + ": state transitions", n);
        figures.put(data + ": Lambda invocations", invocations);
      }
    }
    long min = transitions.stream().mapToLong(Long::longValue).min().orElseThrow();
    long max = transitions.stream().mapToLong(Long::longValue).max().orElseThrow();
    figures.put("largest / smallest transition count", Math.round(100.0 * max / min) / 100.0);
    BenchmarkLines.figures(BENCHMARK, figures);
    assertThat(max).as("transitions %s", transitions).isLessThanOrEqualTo(min + min / 2);
  }
}
