package dev.sqlup.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** watch, approve, reschedule, the upgrade's dry run and switch options (issue 13, item 7). */
class CutoverCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private FakeApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static final String WAITING =
      """
      {"taskId":"t-1","status":"WaitingForApproval","currentStep":"waitForWindow","progress":95,"remainingSeconds":720,
       "warnings":["LOG_BACKUP_RETRIED: sales round 3"],"stoppedReplicationTasks":[],
       "cutover":{"history":[{"at":"2026-11-24T15:00:00.000Z","by":"arn:aws:iam::1:user/dba","action":"Reschedule",
         "from":"MaintenanceWindow","to":"OnApproval"}],
        "holds":[{"guard":"openTransaction","reason":"a transaction has been open for 31 min","value":31,"limit":10,
         "unit":"min","since":"2026-11-24T14:00:00.000Z","until":"2026-11-24T14:30:00.000Z"}]}}""";

  @Test
  void watch_survivesFailedPolls_withBackoff_andEndsWithTheTask() {
    Iterator<FakeApi.Answer> answers =
        List.of(
                new FakeApi.Answer(
                    200,
                    "{\"taskId\":\"t-1\",\"status\":\"Running\",\"currentStep\":\"restoreFull\",\"progress\":40}"),
                new FakeApi.Answer(
                    503, "{\"code\":\"ServiceUnavailable\",\"message\":\"try later\"}"),
                new FakeApi.Answer(500, "{\"code\":\"InternalError\",\"message\":\"boom\"}"),
                new FakeApi.Answer(
                    200,
                    "{\"taskId\":\"t-1\",\"status\":\"Succeeded\",\"currentStep\":\"switch\",\"progress\":100}"))
            .iterator();
    api.on("GET /tasks/t-1", answers::next);

    Cli r = Cli.run("watch", "t-1", "--api-url", api.url(), "--poll-interval", "PT0.01S");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("poll failed (ServiceUnavailable: try later); retrying in 0 s (1/30)")
        .contains("poll failed (InternalError: boom)")
        .contains("(2/30)");
    assertThat(api.requests).hasSize(4);
    assertThat(r.out()).contains("Succeeded");
  }

  @Test
  void watch_givesUp_afterTooManyFailedPolls_andSaysHowToReattach() {
    api.on("GET /tasks/t-1", 503, "{\"code\":\"ServiceUnavailable\",\"message\":\"down\"}");

    Cli r =
        Cli.run(
            "watch",
            "t-1",
            "--api-url",
            api.url(),
            "--poll-interval",
            "PT0.001S",
            "--max-failed-polls",
            "3");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("gave up after 3 failed polls").contains("sqlup watch t-1");
  }

  @Test
  void approve_postsTheSwitchover_andPrintsEveryListOfTheTask() {
    api.on("POST /tasks/t-1/switchover", 202, WAITING);

    Cli r = Cli.run("approve", "t-1", "--api-url", api.url());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(api.requests.get(0).method()).isEqualTo("POST");
    assertThat(r.out())
        .contains("warnings:")
        .contains("LOG_BACKUP_RETRIED: sales round 3")
        .contains("stopped replication tasks (restart them after the upgrade): none")
        .contains("switch time history:")
        .contains("arn:aws:iam::1:user/dba")
        .contains("Reschedule")
        .contains("cutover guard holds:")
        .contains("openTransaction");
  }

  @Test
  void approve_refused_exits1_withTheCode() {
    api.on(
        "POST /tasks/t-1/switchover",
        409,
        "{\"code\":\"SwitchoverAlreadyStarted\",\"message\":\"past the point of no return\",\"requestId\":\"r-1\"}");

    Cli r = Cli.run("approve", "t-1", "--api-url", api.url());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("sqlup: SwitchoverAlreadyStarted: past the point of no return");
  }

  @Test
  void reschedule_patchesTheSwitchTimeAndGuards() throws Exception {
    api.on("PATCH /tasks/t-1", 200, WAITING);

    Cli r =
        Cli.run(
            "reschedule",
            "t-1",
            "--api-url",
            api.url(),
            "--switch-time",
            "scheduled",
            "--switch-at",
            "2026-11-25T03:00:00Z",
            "--max-downtime-seconds",
            "120",
            "-o",
            "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(JSON.readTree(api.requests.get(0).body()))
        .isEqualTo(
            JSON.readTree(
                """
        {"switchTime":"ScheduledTime","switchAt":"2026-11-25T03:00:00Z","cutoverGuards":{"maxDowntimeSeconds":120}}"""));
    assertThat(JSON.readTree(r.out()).path("taskId").asText()).isEqualTo("t-1");
  }

  @Test
  void reschedule_withNothingToChange_exits2_andSendsNothing() {
    Cli r = Cli.run("reschedule", "t-1", "--api-url", api.url());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(api.requests).isEmpty();
  }

  private static final String DRY_RUN =
      """
      {"dryRun":true,"upgradable":%s,
       "prechecks":[{"name":"upgradePath","result":"PASSED","code":"OK","message":"2019 -> 2022"},
                    {"name":"offPeakHours","result":"WARNING","code":"OffPeakHours","message":"outside the window"},
                    {"name":"recoveryModel","result":"%s","code":"RecoveryModelSimple","message":"db x is SIMPLE"}],
       "estimate":{"phases":{"create":720,"fullBackup":10800,"restoreFull":10800,"logBackup":300,"logApply":300,
                   "restoreDatabases":120,"switch":600},"totalSeconds":23640,"fullBackupSkipped":false},
       "expectedDowntimeSeconds":95}""";

  @Test
  void upgradeDryRun_printsPrechecksWarningsEstimateInHoursAndMinutes_andDowntime() {
    api.on("POST /instances/db-1/upgrades", 200, DRY_RUN.formatted("true", "PASSED"));

    Cli r =
        Cli.run("upgrade", "db-1", "--api-url", api.url(), "--engine-version", "2022", "--dry-run");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("prechecks:")
        .contains("upgradePath")
        .contains("warnings:")
        .contains("OffPeakHours: outside the window")
        .contains("fullBackup")
        .contains("3 h 00 min")
        .contains("total: 6 h 34 min")
        .contains("expected downtime: 95 s");
  }

  @Test
  void upgradeDryRun_thatWouldBeRefused_exits1_withTheFailedCodes() {
    api.on("POST /instances/db-1/upgrades", 200, DRY_RUN.formatted("false", "FAILED"));

    Cli r =
        Cli.run("upgrade", "db-1", "--api-url", api.url(), "--engine-version", "2022", "--dry-run");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("sqlup: PrecheckFailed: RecoveryModelSimple");
  }

  @Test
  void upgrade_onApproval_withGuards_sendsThem() throws Exception {
    api.on("POST /instances/db-1/upgrades", 202, "{\"taskId\":\"t-2\",\"status\":\"Pending\"}");

    Cli r =
        Cli.run(
            "upgrade",
            "db-1",
            "--api-url",
            api.url(),
            "--engine-version",
            "2022",
            "--switch-time",
            "on-approval",
            "--max-open-transaction-minutes",
            "5");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(JSON.readTree(api.requests.get(0).body()))
        .isEqualTo(
            JSON.readTree(
                """
        {"engineVersion":"2022","switchTime":"OnApproval","cutoverGuards":{"maxOpenTransactionMinutes":5},
         "dryRun":false}"""));
  }
}
