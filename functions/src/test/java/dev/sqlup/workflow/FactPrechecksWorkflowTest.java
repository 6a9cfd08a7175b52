package dev.sqlup.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.testing.DynaliteExtension;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 12: the workflow's precheck discovers the source again and fails the upgrade on a failed fact
 * precheck with its code, before anything is created or run on the source.
 */
@ExtendWith(DynaliteExtension.class)
class FactPrechecksWorkflowTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource({
      "state,              OFFLINE,             DatabaseNotOnline",
      "tdeCertificate,     TDE_Sales,           TdeCertificateNotUsable",
      "compatibilityLevel, 90,                  CompatibilityLevelNotSupported",
      "logReuseWait,       AVAILABILITY_REPLICA, LogReuseBlocked",
      "availabilityGroup,  AG_SALES,            AlwaysOnMember"})
  void failedFact_failsThePrecheckWithItsCode_andNothingRuns(String fact, String value, String code,
      DynamoDbClient dynamo) {
    // GIVEN an instance whose sales database has the fact (in the simulated model)
    WorkflowFixture f = new WorkflowFixture(dynamo, T0);
    String id = "rm-fact-" + code.toLowerCase();
    Map<String, Object> sales = new HashMap<>(Map.of("name", "sales", "sizeGb", 20, "recoveryModel", "FULL"));
    sales.put(fact, value.matches("\\d+") ? (Object) Integer.parseInt(value) : value);
    f.register(WorkflowFixture.guideInstance(id, 2, List.of(sales, Map.of("name", "hr", "sizeGb", 10,
        "recoveryModel", "FULL")), Map.of()));
    String taskId = f.submit(id, WorkflowFixture.upgradeTo2022("Immediate", "t-" + id));
    Instance before = f.services.instances().get(id);

    // WHEN the workflow runs
    UpgradeState end = new HandlerDriver(f).run(taskId, id);

    // THEN it fails at the precheck with the code, naming the database; nothing was created or run
    UpgradeTask task = f.services.tasks().get(taskId);
    assertThat(end.outcome()).isEqualTo("RolledBack");
    assertThat(task.status()).isEqualTo(TaskStatus.Failed);
    assertThat(task.failureReason()).startsWith(code).contains("[sales]").contains("remedy");
    Instance after = f.services.instances().get(id);
    assertThat(after.status()).isEqualTo(InstanceStatus.Running);
    assertThat(after.activeTaskId()).isNull();
    assertThat(after.spec()).isEqualTo(before.spec());
    assertThat(after.inventory().databases()).extracting(d -> d.name()).containsExactly("sales", "hr");
    assertThat(f.sim().targetsOf(id)).isEmpty();
    assertThat(f.sim().effectCounts(id)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void warningFacts_discoveredAtThePrecheck_joinTheTasksWarnings(DynamoDbClient dynamo) {
    WorkflowFixture f = new WorkflowFixture(dynamo, T0);
    f.register(WorkflowFixture.guideInstance("rm-fact-warn", 2, List.of(Map.of("name", "sales", "sizeGb", 20,
        "recoveryModel", "FULL", "cdc", true, "oldestOpenTransactionMinutes", 30)), Map.of()));
    String taskId = f.submit("rm-fact-warn", WorkflowFixture.upgradeTo2022("Immediate", "t-warn"));
    // the submission already saw them in the stored inventory; the precheck keeps them, once
    new HandlerDriver(f).run(taskId, "rm-fact-warn");

    List<String> warnings = f.services.tasks().get(taskId).warnings();
    assertThat(warnings).contains("ReplicationOrCdcPresent", "LongOpenTransaction");
    assertThat(warnings).doesNotHaveDuplicates();
  }
}
