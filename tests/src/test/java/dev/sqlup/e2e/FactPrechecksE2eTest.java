package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12: the workflow's precheck discovers the source again and fails the upgrade on a failed
 * fact precheck with its code, before anything is created or run on the source.
 */
class FactPrechecksE2eTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource({
    "state,              OFFLINE,             DatabaseNotOnline",
    "tdeCertificate,     TDE_Sales,           TdeCertificateNotUsable",
    "compatibilityLevel, 90,                  CompatibilityLevelNotSupported",
    "logReuseWait,       AVAILABILITY_REPLICA, LogReuseBlocked",
    "availabilityGroup,  AG_SALES,            AlwaysOnMember"
  })
  void failedFact_failsThePrecheckWithItsCode_andNothingRuns(
      String fact, String value, String code) {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      // GIVEN an instance whose sales database has the fact (in the simulated model)
      String id = "rm-fact-" + code.toLowerCase();
      Map<String, Object> sales = new HashMap<>(Fixtures.database("sales", 20));
      sales.put(fact, value.matches("\\d+") ? (Object) Integer.parseInt(value) : value);
      world.register(
          Fixtures.instance(
              id, 2, List.of(sales, Fixtures.database("hr", 10)), Map.of(), Map.of()));
      String taskId = world.submit(id, Fixtures.upgradeTo2022("Immediate", "t-" + id));
      Instance before = world.services.instances().get(id);

      // WHEN the workflow runs
      ExecutionInfo execution = world.await(taskId);

      // THEN it fails at the precheck with the code, naming the database; nothing was created or
      // run
      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).isEqualTo("UpgradeFailed");
      assertThat(world.invokedFunctions())
          .isEqualTo(Set.of("PrecheckFunction", "CompensateFunction"));
      UpgradeTask task = world.task(taskId);
      assertThat(task.status()).isEqualTo(TaskStatus.Failed);
      assertThat(task.failureReason()).startsWith(code).contains("[sales]").contains("remedy");
      Instance after = world.services.instances().get(id);
      assertThat(after.status()).isEqualTo(InstanceStatus.Running);
      assertThat(after.activeTaskId()).isNull();
      assertThat(after.spec()).isEqualTo(before.spec());
      assertThat(after.inventory().databases())
          .extracting(d -> d.name())
          .containsExactly("sales", "hr");
      assertThat(world.sim().targetsOf(id)).isEmpty();
      assertThat(world.sim().effectCounts(id)).isEmpty();
    }
  }

  @Test
  void warningFacts_discoveredAtThePrecheck_joinTheTasksWarnings() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      Map<String, Object> sales = new HashMap<>(Fixtures.database("sales", 20));
      sales.put("cdc", true);
      sales.put("oldestOpenTransactionMinutes", 30);
      world.register(Fixtures.instance("rm-fact-warn", 2, List.of(sales), Map.of(), Map.of()));
      String taskId = world.submit("rm-fact-warn", Fixtures.upgradeTo2022("Immediate", "t-warn"));
      // the submission already saw them in the stored inventory; the precheck keeps them, once
      world.await(taskId);

      List<String> warnings = world.task(taskId).warnings();
      assertThat(warnings).contains("ReplicationOrCdcPresent", "LongOpenTransaction");
      assertThat(warnings).doesNotHaveDuplicates();
    }
  }
}
