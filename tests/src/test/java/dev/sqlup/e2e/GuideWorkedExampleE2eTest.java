package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.proof.BenchmarkLines;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The guide's worked example, end to end: template + state machine + real handlers + engine +
 * dynalite. Prints the figures of docs/BENCHMARKS.md's worked-example table as JSON lines
 * (bench/upgrade-workflow.sh records them).
 */
class GuideWorkedExampleE2eTest {
  static final String BENCHMARK = "worked-example";
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  static final double SIX_34 = 6 * 3600 + 34 * 60;
  static final double THREE_34 = 3 * 3600 + 34 * 60;
  private static final Map<String, Number> NO_RECENT_BACKUP = new LinkedHashMap<>();
  private static final Map<String, Number> RECENT_BACKUP = new LinkedHashMap<>();

  /** One figures line for both cases, in the table's order, whichever order they ran in. */
  @AfterAll
  static void printFigures() {
    Map<String, Number> figures = new LinkedHashMap<>(NO_RECENT_BACKUP);
    figures.putAll(RECENT_BACKUP);
    if (!figures.isEmpty()) {
      BenchmarkLines.figures(BENCHMARK, figures);
    }
  }

  private static void record(Map<String, Number> into, String label, double guide, double took) {
    into.put(label + ": guide (s)", Math.round(guide));
    into.put(label + ": simulated (s)", Math.round(took));
    into.put(label + ": difference (%)", Math.round(10_000 * (took - guide) / guide) / 100.0);
    BenchmarkLines.run(
        BENCHMARK, Map.of("case", label, "guideSeconds", guide, "simulatedSeconds", took));
  }

  @Test
  void guideExample_2019SE_to_2022SE_succeedsIn6h34_withDowntimeUnder5Minutes() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(
          Fixtures.instance(
              "rm-guide",
              Fixtures.GB_PER_HOUR_FOR_10_GB_OF_LOG,
              List.of(Fixtures.database("sales", 600)),
              Map.of(),
              Map.of(
                  "replicationTasks",
                  List.of(
                      Map.of("id", "dts-sales-to-dwh", "status", "Running"),
                      Map.of("id", "dts-old", "status", "Stopped")))));
      String taskId = world.submit("rm-guide", Fixtures.upgradeTo2022("Immediate", "guide-e2e"));

      ExecutionInfo execution = world.await(taskId);

      assertThat(execution.status())
          .as(execution.error() + " " + execution.cause())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      UpgradeTask task = world.task(taskId);
      assertThat(task.status()).isEqualTo(TaskStatus.Succeeded);
      double took = Duration.between(T0, execution.stopDate()).toSeconds();
      assertThat((double) task.estimate().totalSeconds()).isEqualTo(SIX_34);
      assertThat(took).isCloseTo(SIX_34, within(0.02 * SIX_34));
      assertThat(task.downtimeSeconds()).isLessThan(300);
      Instance instance = world.services.instances().get("rm-guide");
      assertThat(instance.engineVersion()).isEqualTo("2022");
      assertThat(instance.status()).isEqualTo(InstanceStatus.Running);
      assertThat(instance.activeTaskId()).isNull();
      assertThat(instance.endpoint()).isEqualTo("rm-guide.sqlup.internal");
      assertThat(instance.vip())
          .isNotEqualTo("10.0.0.5")
          .isEqualTo(world.sim().targetsOf("rm-guide").get(0).host());
      assertThat(instance.port()).isEqualTo(1433);
      assertThat(instance.tags()).containsEntry("team", "sales");
      // Replication (DTS-like) tasks stop at the switch and are listed for the user to restart.
      assertThat(task.stoppedReplicationTasks()).containsExactly("dts-sales-to-dwh");
      assertThat(instance.replicationTasks()).allMatch(r -> r.status().equals("Stopped"));
      assertThat(task.steps())
          .extracting(s -> s.name())
          .contains(
              "precheck",
              "create",
              "fullBackup",
              "restoreFull",
              "logBackup",
              "logApply",
              "restoreDatabases",
              "switch",
              "pointOfNoReturn",
              "endpointMove");
      assertThat(task.steps()).allSatisfy(s -> assertThat(s.endedAt()).isNotNull());
      assertThat(task.steps())
          .allSatisfy(s -> assertThat(s.status()).isIn(StepStatus.Succeeded, StepStatus.Skipped));
      assertThat(task.progress()).isEqualTo(100);
      assertThat(world.eventTypes(taskId))
          .startsWith("UpgradeStarted", "UpgradePhaseChanged")
          .endsWith("UpgradeSucceeded")
          .doesNotContain("UpgradeFailed");
      System.out.printf(
          "E2E worked example: %.0f s (guide %.0f s, %+.2f %%), downtime %d s, %d state transitions%n",
          took,
          SIX_34,
          100 * (took - SIX_34) / SIX_34,
          task.downtimeSeconds(),
          world.transitions(taskId));
      record(NO_RECENT_BACKUP, "no full backup within 36 h", SIX_34, took);
    }
  }

  @Test
  void guideExample_withAFullBackupWithin36Hours_succeedsIn3h34() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(
          Fixtures.instance(
              "rm-guide-recent",
              Fixtures.GB_PER_HOUR_FOR_10_GB_OF_LOG,
              List.of(Fixtures.database("sales", 600)),
              Map.of("lastFullBackupAt", T0.minus(Duration.ofHours(3)).toString()),
              Map.of()));
      String taskId =
          world.submit("rm-guide-recent", Fixtures.upgradeTo2022("Immediate", "guide-recent-e2e"));

      ExecutionInfo execution = world.await(taskId);

      assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      double took = Duration.between(T0, execution.stopDate()).toSeconds();
      assertThat(took).isCloseTo(THREE_34, within(0.02 * THREE_34));
      UpgradeTask task = world.task(taskId);
      assertThat(task.status()).isEqualTo(TaskStatus.Succeeded);
      assertThat(task.estimate().fullBackupSkipped()).isTrue();
      assertThat(task.steps())
          .filteredOn(s -> s.name().equals("fullBackup"))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.status()).isEqualTo(StepStatus.Skipped);
                assertThat(s.detail()).contains("reused");
              });
      System.out.printf(
          "E2E worked example with a recent backup: %.0f s (guide %.0f s, %+.2f %%), %d transitions%n",
          took, THREE_34, 100 * (took - THREE_34) / THREE_34, world.transitions(taskId));
      record(RECENT_BACKUP, "full backup within 36 h (reused)", THREE_34, took);
    }
  }

  @Test
  void acceleratedDatabaseRecovery_onA2022Target_shortensTheRecovery() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(
          Fixtures.instance(
              "rm-adr", 1, List.of(Fixtures.database("sales", 10)), Map.of(), Map.of()));
      Map<String, Object> request =
          new java.util.HashMap<>(Fixtures.upgradeTo2022("Immediate", "adr-e2e"));
      request.put("acceleratedDatabaseRecovery", true);
      String taskId = world.submit("rm-adr", request);

      ExecutionInfo execution = world.await(taskId);
      assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      UpgradeTask task = world.task(taskId);
      dev.sqlup.domain.TaskStep recovery =
          task.steps().stream()
              .filter(s -> s.name().equals("restoreDatabases"))
              .findFirst()
              .orElseThrow();
      assertThat(recovery.detail()).contains("Accelerated Database Recovery on");
      // The tail is restored WITH RECOVERY in one statement: 20 s + its bytes at 200 GB/h + the
      // recovery, 10 s, 5 s with ADR (+1 s of polling slack).
      long tailBytes =
          dev.sqlup.json.Json.read(execution.output(), dev.sqlup.workflow.UpgradeState.class)
              .databases()
              .get(0)
              .tail()
              .sizeBytes();
      long bytesSeconds = (long) Math.ceil(tailBytes * 3600.0 / 200e9);
      assertThat(Duration.between(recovery.startedAt(), recovery.endedAt()).toSeconds())
          .isBetween(20 + bytesSeconds + 5 - 1, 20 + bytesSeconds + 5 + 1);
    }
  }
}
