package dev.sqlup.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.json.Json;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.testing.DynaliteExtension;
import dev.sqlup.testing.TestJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynaliteExtension.class)
class SubmitUpgradeHandlerTest {
  private final DynamoDbClient dynamo;
  private ApiFixture api;

  SubmitUpgradeHandlerTest(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  @BeforeEach
  void fixture() {
    api = new ApiFixture(dynamo);
  }

  private static String body(Map<String, Object> edits, String... remove) {
    try {
      ObjectNode body =
          (ObjectNode) TestJson.MAPPER.readTree(ApiFixture.event("submit-upgrade").getBody());
      edits.forEach((k, v) -> body.set(k, TestJson.MAPPER.valueToTree(v)));
      for (String r : remove) {
        body.remove(r);
      }
      return body.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private ApiFixture.Response submit(String body) {
    return api.send(ApiFixture.withBody("submit-upgrade", body));
  }

  @Test
  void submit_returns202_locksTheInstance_andStartsTheWorkflowNamedAfterTheTask() {
    api.register(Map.of());

    ApiFixture.Response r = submit(body(Map.of()));

    assertThat(r.status()).as(r.body().toString()).isEqualTo(202);
    String taskId = r.body().get("taskId").asText();
    assertThat(r.body().get("status").asText()).isEqualTo("Pending");
    assertThat(r.body().at("/estimate/totalSeconds").asLong()).isPositive();
    assertThat(api.launcher.started).containsExactly(taskId);
    assertThat(api.launcher.inputs.get(0))
        .contains("\"taskId\":\"" + taskId + "\"")
        .contains("rm-guide-1");
    Instance instance = api.services.instances().get("rm-guide-1");
    assertThat(instance.status()).isEqualTo(InstanceStatus.UpgradingVersion);
    assertThat(instance.activeTaskId()).isEqualTo(taskId);
    UpgradeTask task = api.services.tasks().get(taskId);
    assertThat(task.status()).isEqualTo(TaskStatus.Pending);
    assertThat(task.target().engineVersion()).isEqualTo("2022");
    assertThat(task.steps())
        .extracting(s -> s.name())
        .containsExactly(
            "create",
            "fullBackup",
            "restoreFull",
            "logBackup",
            "logApply",
            "restoreDatabases",
            "switch");
  }

  @Test
  void submittedTask_saysItRunsOnTheSimulatedDataPlane_inTheResponseAndTheStoredRecord_issue12() {
    api.register(Map.of());

    ApiFixture.Response r = submit(body(Map.of()));

    dev.sqlup.domain.UpgradeTask stored = api.services.tasks().get(r.body().get("taskId").asText());
    assertThat(stored.dataPlane()).isEqualTo("simulated");
    assertThat(Views.task(stored)).containsEntry("dataPlane", "simulated"); // GET /tasks/{taskId}
  }

  @Test
  void guideExample_estimate_isThe6h34mOfTheGuide_whenTheLastFullBackupIsOld() {
    // 600 GB, no log traffic given → logs are 0 GB: 12 + 180 + 180 + 2 + 2 + 2 + 10 minutes.
    api.register(
        Map.of(
            "simulation",
            Map.of(
                "lastFullBackupAt",
                "2026-02-20T00:00:00Z",
                "logGbPerHour",
                0,
                "databases",
                List.of(Map.of("name", "sales", "sizeGb", 600, "recoveryModel", "FULL")))));

    ApiFixture.Response r = submit(body(Map.of("dryRun", true), "clientToken"));

    assertThat(r.status()).isEqualTo(200);
    JsonNode phases = r.body().at("/estimate/phases");
    assertThat(phases.get("fullBackup").asLong()).isEqualTo(3 * 3600);
    assertThat(r.body().at("/estimate/totalSeconds").asLong())
        .isEqualTo((12 + 180 + 180 + 2 + 2 + 2 + 10) * 60);
    assertThat(r.body().at("/estimate/speeds/source").asText()).isEqualTo("guide");
  }

  @Test
  void recentFullBackup_isReused() {
    api.register(
        Map.of(
            "simulation",
            Map.of(
                "lastFullBackupAt",
                "2026-03-01T12:00:00Z",
                "databases",
                List.of(Map.of("name", "sales", "sizeGb", 600, "recoveryModel", "FULL")))));

    ApiFixture.Response r = submit(body(Map.of("dryRun", true), "clientToken"));

    assertThat(r.body().at("/estimate/phases/fullBackup").asLong()).isZero();
    assertThat(r.body().at("/estimate/fullBackupSkipped").asBoolean()).isTrue();
  }

  @Test
  void dryRun_returnsEveryPrecheck_andChangesNothing() {
    api.register(Map.of("serverless", true));
    var before = api.snapshot();

    ApiFixture.Response r = submit(body(Map.of("dryRun", true)));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("upgradable").asBoolean()).isFalse();
    assertThat(r.body().get("prechecks").findValuesAsText("code"))
        .contains("ServerlessNotSupported", "DoNotChangeMetadata");
    assertThat(r.body().get("prechecks").findValuesAsText("result"))
        .contains("PASSED", "FAILED", "WARNING");
    assertThat(api.snapshot()).isEqualTo(before);
    assertThat(api.launcher.started).isEmpty();
  }

  @ParameterizedTest(name = "{0}={1} → {2}")
  @CsvSource({
    "adDomainJoined, true, ADDomainJoinedNotSupported",
    "serverless, true, ServerlessNotSupported",
    "networkType, Classic, ClassicNetworkNotSupported",
    "readOnly, true, ReadOnlyInstanceNotSupported",
  })
  void limitation_returns422_withItsCode_andChangesNothing(
      String field, String value, String code) {
    Object v = value.equals("true") ? Boolean.TRUE : value;
    api.register(Map.of(field, v));
    var before = api.snapshot();

    ApiFixture.Response r = submit(body(Map.of()));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.body().get("requestId").asText()).isNotBlank();
    assertThat(api.snapshot()).isEqualTo(before);
  }

  @Test
  void clusterPrimaryWithReadOnlyInstances_returns422() {
    api.register(
        Map.of(
            "sqlEdition",
            "Enterprise",
            "rdsEdition",
            "Cluster",
            "readOnlyReplicaIds",
            List.of("ro-1")));

    ApiFixture.Response r =
        submit(body(Map.of("sqlEdition", "Enterprise", "rdsEdition", "Cluster")));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.code()).isEqualTo("ClusterPrimaryWithReadOnlyInstancesNotSupported");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "downgrade version, 2017, Standard, HighAvailability, mssql.x4.large",
    "downgrade sql edition, 2022, Web, HighAvailability, mssql.x4.large",
    "downgrade rds edition, 2022, Standard, Basic, mssql.x4.large",
    "smaller type, 2022, Standard, HighAvailability, mssql.x2.medium",
    "not offered, 2022, Standard, HighAvailability, mssql.x32.4xlarge",
    "no-op, 2019, Standard, HighAvailability, mssql.x4.large",
  })
  void unsupportedPath_returns422(String why, String version, String sql, String rds, String type) {
    api.register(Map.of());

    ApiFixture.Response r =
        submit(
            body(
                Map.of(
                    "engineVersion",
                    version,
                    "sqlEdition",
                    sql,
                    "rdsEdition",
                    rds,
                    "instanceType",
                    type)));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.code()).isEqualTo("UnsupportedUpgradePath");
    assertThat(api.services.tasks().listByInstance("rm-guide-1", 10, null).items()).isEmpty();
  }

  @Test
  void acceleratedDatabaseRecovery_before2019_returns422() {
    api.register(Map.of("engineVersion", "2016"));

    ApiFixture.Response r =
        submit(body(Map.of("engineVersion", "2017", "acceleratedDatabaseRecovery", true)));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.code()).isEqualTo("AcceleratedDatabaseRecoveryNotSupported");
    assertThat(submit(body(Map.of("acceleratedDatabaseRecovery", true))).status()).isEqualTo(202);
  }

  @Test
  void stoppedInstance_returns409_IncorrectInstanceState() {
    api.register(Map.of("status", "Stopped"));

    ApiFixture.Response r = submit(body(Map.of()));

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.code()).isEqualTo("IncorrectInstanceState");
  }

  @Test
  void secondUpgrade_returns409_withTheRunningTaskId() {
    api.register(Map.of());
    String first = submit(body(Map.of())).body().get("taskId").asText();

    ApiFixture.Response r = submit(body(Map.of("clientToken", "another")));

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.code()).isEqualTo("UpgradeInProgress");
    assertThat(r.body().get("taskId").asText()).isEqualTo(first);
  }

  @Test
  void sameClientToken_sameRequest_returnsTheSameTask_differentRequest_is409IdempotencyConflict() {
    api.register(Map.of());
    ApiFixture.Response first = submit(body(Map.of()));

    ApiFixture.Response again = submit(body(Map.of()));
    ApiFixture.Response other = submit(body(Map.of("switchTime", "MaintenanceWindow")));

    assertThat(again.status()).isEqualTo(202);
    assertThat(again.body().get("taskId")).isEqualTo(first.body().get("taskId"));
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.code()).isEqualTo("IdempotencyConflict");
    assertThat(other.body().get("field").asText()).isEqualTo("clientToken");
    assertThat(api.services.tasks().listByInstance("rm-guide-1", 10, null).items()).hasSize(1);
  }

  @Test
  void retryAfterACrashBetweenLockAndStart_resumesAndStartsTheWorkflow() {
    // GIVEN a submission that crashed after taking the lock (the task is Pending, nothing started)
    api.register(Map.of());
    api.launcher.failing = true;
    String token = "crash-1";
    String taskId = UpgradeRequests.tokenTaskId("rm-guide-1", token);
    ApiFixture.Response failed = submit(body(Map.of("clientToken", token)));
    assertThat(failed.status()).isEqualTo(503);
    assertThat(failed.code()).isEqualTo("WorkflowStartFailed");

    // THEN the failed launch left nothing locked and the task Failed
    assertThat(api.services.instances().get("rm-guide-1").activeTaskId()).isNull();
    assertThat(api.services.instances().get("rm-guide-1").status())
        .isEqualTo(InstanceStatus.Running);
    assertThat(api.services.tasks().get(taskId).status()).isEqualTo(TaskStatus.Failed);
    assertThat(api.services.tasks().get(taskId).failureReason()).startsWith("WorkflowStartFailed");

    // AND a crash between lock and start is resumed by a retry with the same token:
    // run the first two writes of a fresh submission by hand, then retry.
    api.launcher.failing = false;
    String crashedToken = "crash-2";
    String crashedId = UpgradeRequests.tokenTaskId("rm-guide-1", crashedToken);
    String crashedBody = body(Map.of("clientToken", crashedToken));
    UpgradeTask failedTask = api.services.tasks().get(taskId);
    String hash =
        UpgradeRequests.requestHash(
            "rm-guide-1",
            UpgradeRequests.parse(Json.readObject(crashedBody), api.services.catalogue()));
    api.services
        .tasks()
        .create(
            new UpgradeTask(
                crashedId,
                "rm-guide-1",
                TaskStatus.Pending,
                "create",
                0,
                failedTask.remainingSeconds(),
                failedTask.estimate(),
                failedTask.steps(),
                failedTask.source(),
                failedTask.target(),
                failedTask.switchTime(),
                false,
                ApiFixture.T0,
                ApiFixture.T0,
                crashedToken,
                hash,
                null,
                null,
                List.of(),
                List.of(),
                0));
    api.services.instances().acquireUpgradeLock("rm-guide-1", crashedId);

    ApiFixture.Response resumed = submit(crashedBody);

    assertThat(resumed.status()).as(resumed.body().toString()).isEqualTo(202);
    assertThat(resumed.body().get("taskId").asText()).isEqualTo(crashedId);
    assertThat(api.launcher.started).containsExactly(crashedId);
    assertThat(api.services.instances().get("rm-guide-1").activeTaskId()).isEqualTo(crashedId);
  }

  /**
   * Stored tasks keep the hash of their request to detect a reused client token: the canonical JSON
   * must stay byte for byte what it was when they were stored (value computed with the
   * jackson-databind implementation this one replaced).
   */
  @Test
  void requestHash_ofTheSampleSubmission_isPinned() throws Exception {
    String body =
        ApiFixture.event(Dynalite.projectRoot().resolve("events/submit-upgrade.json")).getBody();

    String hash =
        UpgradeRequests.requestHash(
            "rm-guide-1", UpgradeRequests.parse(Json.readObject(body), Catalogue.standard()));

    assertThat(hash).isEqualTo("bc5ce0177a748ea267ce77fc6f51e7dbfbc0bd05174d4dd5b1983cbae289f173");
  }

  @Test
  void thirtyTwoConcurrentSubmissions_createExactlyOneTask_andTheRestGet409WithItsId()
      throws Exception {
    api.register(Map.of());
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ApiFixture.Response>> futures = new ArrayList<>();
    for (int n = 0; n < 32; n++) {
      String body = body(Map.of("clientToken", "client-" + n));
      futures.add(
          pool.submit(
              () -> {
                go.await();
                return submit(body);
              }));
    }
    go.countDown();
    List<ApiFixture.Response> responses = new ArrayList<>();
    for (Future<ApiFixture.Response> f : futures) {
      responses.add(f.get());
    }
    pool.shutdown();

    List<ApiFixture.Response> accepted = responses.stream().filter(r -> r.status() == 202).toList();
    assertThat(accepted).hasSize(1);
    String winner = accepted.get(0).body().get("taskId").asText();
    assertThat(responses)
        .filteredOn(r -> r.status() != 202)
        .hasSize(31)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(409);
              assertThat(r.code()).isEqualTo("UpgradeInProgress");
              assertThat(r.body().get("taskId").asText()).isEqualTo(winner);
            });
    assertThat(api.services.tasks().listByInstance("rm-guide-1", 100, null).items())
        .extracting(UpgradeTask::taskId)
        .containsExactly(winner);
    assertThat(api.launcher.started).containsExactly(winner);
    assertThat(api.services.instances().get("rm-guide-1").activeTaskId()).isEqualTo(winner);
  }
}
