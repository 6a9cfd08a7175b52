package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.LocalStepFunctions;
import dev.sqlup.local.asl.http.StepFunctionsHttpServer;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.runtime.LocalDynamoDb;
import dev.sqlup.local.runtime.SamFunction;
import dev.sqlup.local.runtime.SamStateMachine;
import dev.sqlup.local.runtime.SamTemplate;
import dev.sqlup.testing.Dynalite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every file in {@code events/} still works with {@code sqlup invoke} (in-process through picocli),
 * run in the order of one upgrade of the guide's instance against a fresh dynalite with the
 * template's tables: the API routes register the instance, read it, dry-run and submit the upgrade,
 * and the workflow phase events (captured from a real run's execution history) and the sweeper's
 * scheduled event run against what those left. The Step Functions endpoint the functions get is the
 * embedded engine's HTTP API with a recording stand-in (one Pass state) for each of the template's
 * state machines, so submitting starts an execution whose input the test checks, and no phase runs
 * behind the test's back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsInvokeTest {
  private static final Path ROOT = Dynalite.projectRoot();
  private static final String GUIDE_TASK =
      "up-7b51219bad35682007d48e0823c98c83"; // up- + sha256("rm-guide-1\nguide-example-1")
  private final SamTemplate template = SamTemplate.load(ROOT.resolve("template.yaml"));
  private LocalDynamoDb dynalite;
  private LocalStepFunctions engine;
  private StepFunctionsHttpServer stepFunctions;

  /** One event file, the function it is for, and what invoking it must give. */
  record Case(String file, String function, Consumer<Cli> expect) {
    @Override
    public String toString() {
      return function + " < events/" + file;
    }
  }

  /** In upgrade order: each case may rely on what the cases before it stored. */
  private final List<Case> cases =
      List.of(
          api(
              "register-instance.json",
              "RegisterInstanceFunction",
              201,
              "instanceId",
              "rm-guide-1"),
          api("list-instances.json", "ListInstancesFunction", 200, "instances", null),
          api("get-instance.json", "GetInstanceFunction", 200, "status", "Running"),
          api("discover-source.json", "DiscoverSourceFunction", 200, "simulated", "true"),
          api(
              "update-instance.json",
              "UpdateInstanceFunction",
              200,
              "maintenanceWindow",
              "02:00Z-04:00Z"),
          api("get-upgrade-options.json", "GetUpgradeOptionsFunction", 200, "upgradable", "true"),
          api("submit-upgrade-dry-run.json", "SubmitUpgradeFunction", 200, "upgradable", "true"),
          api("submit-upgrade.json", "SubmitUpgradeFunction", 202, "taskId", GUIDE_TASK),
          api("list-instance-tasks.json", "ListInstanceTasksFunction", 200, "tasks", null),
          // the submitted upgrade holds the instance
          api("delete-instance.json", "DeleteInstanceFunction", 409, "code", "UpgradeInProgress"),
          // the samples name a task that does not exist in this store
          api("get-task.json", "GetTaskFunction", 404, "code", "TaskNotFound"),
          api("cancel-task.json", "CancelTaskFunction", 404, "code", "TaskNotFound"),
          api("switchover-task.json", "SwitchoverTaskFunction", 404, "code", "TaskNotFound"),
          api("update-task.json", "UpdateTaskFunction", 404, "code", "TaskNotFound"),
          api(
              "register-target-host.json",
              "RegisterTargetHostFunction",
              201,
              "hostId",
              "sql22-std-07"),
          api("list-target-hosts.json", "ListTargetHostsFunction", 200, "hosts", null),
          // just registered: AVAILABLE, not DIRTY
          api("return-target-host.json", "ReturnTargetHostFunction", 409, "code", "HostNotDirty"),
          api("delete-target-host.json", "DeleteTargetHostFunction", 200, "deleted", "true"),
          // campaigns (issue 15): the dry run plans over the registered fleet; the samples name a
          // campaign
          // that does not exist in this store, so the routes answer 404 and the steps refuse as the
          // machine expects
          api("create-campaign-dry-run.json", "CreateCampaignFunction", 200, "dryRun", "true"),
          api("list-campaigns.json", "ListCampaignsFunction", 200, "campaigns", null),
          api("get-campaign.json", "GetCampaignFunction", 404, "code", "CampaignNotFound"),
          api("campaign-action.json", "CampaignActionFunction", 404, "code", "CampaignNotFound"),
          campaignStepRefused("campaign-start-wave.json", "CampaignStartWaveFunction"),
          campaignStepRefused("campaign-launch-instance.json", "CampaignLaunchInstanceFunction"),
          campaignStepRefused("campaign-record-instance.json", "CampaignRecordInstanceFunction"),
          campaignStepRefused("campaign-end-wave.json", "CampaignEndWaveFunction"),
          campaignStepRefused("campaign-await-approval.json", "CampaignAwaitApprovalFunction"),
          campaignStepRefused("campaign-finish.json", "CampaignFinishFunction"),
          phase("workflow-precheck.json", "PrecheckFunction"),
          phase("workflow-create-target.json", "CreateTargetFunction"),
          phase("workflow-full-backup.json", "FullBackupFunction"),
          // These three samples come from a run in which the full backup and the target creation
          // had finished;
          // here (the system clock, operations started moments ago) the simulated fleet has no such
          // restore,
          // log backup or ready target, and the handlers refuse as the state machine's Catch
          // expects.
          phaseRefused(
              "workflow-restore-full.json",
              "RestoreFullFunction",
              "DataPlaneFailed: UNKNOWN_OPERATION: " + GUIDE_TASK + "/RESTORE_FULL/sales/0"),
          phaseRefused(
              "workflow-catch-up.json",
              "CatchUpFunction",
              "DataPlaneFailed: UNKNOWN_OPERATION: " + GUIDE_TASK + "/LOG_BACKUP/sales/1"),
          phase("workflow-switch-time.json", "SwitchTimeFunction"),
          phase("workflow-keep-shipping.json", "KeepShippingFunction"),
          // The sample's plan is not what the task decides here (another clock): the listener
          // answers its own token, which this engine does not know, so nothing was waiting on it.
          new Case(
              "workflow-listen-for-switch-change.json",
              "ListenForSwitchChangeFunction",
              r -> {
                assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
                assertThat(read(r.out()).path("listening").isBoolean()).as(r.out()).isTrue();
              }),
          phase("workflow-check-window.json", "CheckWindowFunction"),
          phase("workflow-switchover.json", "SwitchoverFunction"),
          // Before moving, the handler lowers the endpoint's TTL (idempotent) and waits one old
          // TTL: here that
          // lowering happens now, so it answers a wait (59 s) instead of reaching the move.
          phase("workflow-move-endpoint.json", "MoveEndpointFunction"),
          phase("workflow-finalize.json", "FinalizeFunction"),
          phase("workflow-compensate.json", "CompensateFunction"),
          new Case(
              "sweeper-scheduled.json",
              "SweeperFunction",
              r -> assertThat(r.exitCode()).as(r.err()).isZero()),
          new Case(
              "pre-upgrade-backup-scheduled.json",
              "PreUpgradeBackupFunction",
              r -> assertThat(r.exitCode()).as(r.err()).isZero()));

  @BeforeAll
  void start() throws IOException {
    dynalite = LocalDynamoDb.start(ROOT, 0, null, line -> {});
    try (DynamoDbClient client = LocalDynamoDb.client(dynalite.endpoint())) {
      LocalDynamoDb.createTables(client, template.tables());
    }
    engine = LocalStepFunctions.builder().inMemory().build();
    for (SamStateMachine machine : template.stateMachines()) {
      engine.createStateMachine(
          machine.name(),
          "{\"StartAt\":\"Accepted\",\"States\":{\"Accepted\":{\"Type\":\"Pass\",\"End\":true}}}",
          "arn:aws:iam::123456789012:role/" + machine.logicalId() + "Role",
          "STANDARD");
    }
    stepFunctions = new StepFunctionsHttpServer(engine, 0).start();
  }

  @AfterAll
  void stop() {
    if (stepFunctions != null) {
      stepFunctions.close();
    }
    if (engine != null) {
      engine.close();
    }
    if (dynalite != null) {
      dynalite.close();
    }
  }

  @Test
  void everyFunctionOfTheTemplate_hasAnEvent_andEveryEventFileIsInvoked() throws IOException {
    assertThat(cases.stream().map(Case::function).distinct())
        .containsAll(template.functions().stream().map(SamFunction::logicalId).toList());
    try (Stream<Path> files = Files.list(ROOT.resolve("events"))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
          .containsExactlyInAnyOrderElementsOf(cases.stream().map(Case::file).toList());
    }
  }

  @TestFactory
  Stream<DynamicTest> everyEvent_worksWithSqlupInvoke() {
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.toString(),
                    () -> {
                      assertThat(template.resources())
                          .as("template.yaml's resources")
                          .containsKey(c.function());
                      Cli r =
                          Cli.run(
                              "invoke",
                              c.function(),
                              "--template",
                              ROOT.resolve("template.yaml").toString(),
                              "--event",
                              ROOT.resolve("events").resolve(c.file()).toString(),
                              "--dynamodb-endpoint",
                              dynalite.endpoint().toString(),
                              "--sfn-endpoint",
                              stepFunctions.endpoint().toString());
                      assertThat(r.err())
                          .contains("START RequestId:")
                          .contains("REPORT RequestId:");
                      c.expect().accept(r);
                      if (c.file().equals("submit-upgrade.json")) {
                        // the submit handler started the template's state machine with the payload
                        // the Precheck event holds
                        List<ExecutionInfo> executions =
                            engine.listExecutions(
                                engine.listStateMachines().get(0).stateMachineArn(), null);
                        assertThat(executions)
                            .singleElement()
                            .satisfies(e -> assertThat(e.name()).isEqualTo(GUIDE_TASK));
                        assertThat(Http.JSON.readTree(executions.get(0).input()))
                            .isEqualTo(
                                Http.JSON.readTree(
                                    ROOT.resolve("events/workflow-precheck.json").toFile()));
                      }
                    }));
  }

  private static Case api(String file, String function, int status, String field, String value) {
    return new Case(
        file,
        function,
        r -> {
          assertThat(r.exitCode()).as(r.err()).isZero();
          JsonNode response = read(r.out());
          JsonNode body = read(response.path("body").asText());
          assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(status);
          assertThat(body.has(field)).as(body.toString()).isTrue();
          if (value != null) {
            assertThat(body.path(field).asText()).isEqualTo(value);
          }
        });
  }

  /**
   * A phase handler's event: the state it returns keeps the task and instance (the state machine's
   * contract).
   */
  private static Case phase(String file, String function) {
    return new Case(
        file,
        function,
        r -> {
          assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
          JsonNode state = read(r.out());
          assertThat(state.path("taskId").asText()).isEqualTo(GUIDE_TASK);
          assertThat(state.path("instanceId").asText()).isEqualTo("rm-guide-1");
        });
  }

  /**
   * A phase handler's event that the store's state makes it refuse with the error the state machine
   * catches.
   */
  private static Case phaseRefused(String file, String function, String message) {
    return new Case(
        file,
        function,
        r -> {
          assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
          JsonNode error = read(r.out());
          assertThat(error.path("errorType").asText())
              .isEqualTo("dev.sqlup.workflow.UpgradeFailedException");
          assertThat(error.path("errorMessage").asText()).isEqualTo(message);
        });
  }

  /**
   * A campaign step's event naming a campaign this store does not have: refused, not retried by the
   * machine.
   */
  private static Case campaignStepRefused(String file, String function) {
    return new Case(
        file,
        function,
        r -> {
          assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
          JsonNode error = read(r.out());
          assertThat(error.path("errorType").asText())
              .isEqualTo("java.lang.IllegalArgumentException");
          assertThat(error.path("errorMessage").asText())
              .isEqualTo("CampaignNotFound: campaign cp-sample-1 does not exist");
        });
  }

  private static JsonNode read(String json) {
    try {
      return Http.JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
