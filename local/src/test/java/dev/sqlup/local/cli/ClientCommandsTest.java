package dev.sqlup.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientCommandsTest {
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

  private static final String INSTANCES =
      """
      {"instances": [
        {"instanceId": "db-1", "engineVersion": "15.00", "sqlEdition": "SE", "rdsEdition": "Single-AZ",
         "instanceType": "db.m6i.xlarge", "status": "available", "allocatedStorageGb": 600,
         "engine": {"binding": "simulated"}},
        {"instanceId": "db-2", "engineVersion": "14.00", "sqlEdition": "EE", "rdsEdition": "Multi-AZ",
         "instanceType": "db.r6i.2xlarge", "status": "upgrading"}
      ]}""";

  @Test
  void instances_table_showsTheKnownColumns() {
    api.on("GET /instances", 200, INSTANCES);
    Cli r = Cli.run("instances", "--api-url", api.url());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
        instanceId  engineVersion  sqlEdition  rdsEdition  instanceType    status     engine.binding
        db-1        15.00          SE          Single-AZ   db.m6i.xlarge   available  simulated
        db-2        14.00          EE          Multi-AZ    db.r6i.2xlarge  upgrading  -
        """);
    assertThat(api.requests.get(0).headers()).doesNotContainKey("Authorization");
  }

  @Test
  void instances_json_keepsEveryField() throws Exception {
    api.on("GET /instances", 200, INSTANCES);
    Cli r = Cli.run("instances", "--api-url", api.url(), "--output", "json");
    assertThat(JSON.readTree(r.out())).isEqualTo(JSON.readTree(INSTANCES));
  }

  @Test
  void task_showsFieldsAndSteps() {
    api.on(
        "GET /tasks/t-1",
        200,
        """
        {"taskId": "t-1", "instanceId": "db-1", "status": "RUNNING", "currentStep": "FullBackup", "progress": 40,
         "remainingSeconds": 3600, "steps": [
           {"name": "Prechecks", "status": "Succeeded", "startedAt": "2026-03-01T10:00:00Z", "endedAt": "2026-03-01T10:01:00Z"},
           {"name": "FullBackup", "status": "RUNNING", "startedAt": "2026-03-01T10:01:00Z", "detail": "db1 40%"}]}""");
    Cli r = Cli.run("task", "t-1", "--api-url", api.url());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("currentStep       FullBackup")
        .contains("remainingSeconds  3600")
        .contains("name        status     startedAt             endedAt               detail")
        .contains("FullBackup  RUNNING    2026-03-01T10:01:00Z  -                     db1 40%");
  }

  @Test
  void tasks_listsAnInstancesTasks() {
    api.on(
        "GET /instances/db-1/tasks",
        200,
        "{\"tasks\": [{\"taskId\": \"t-1\", \"instanceId\": \"db-1\", \"status\": \"Succeeded\", \"progress\": 100,"
            + " \"dataPlane\": \"simulated\"}]}");
    Cli r = Cli.run("tasks", "db-1", "--api-url", api.url());
    assertThat(r.out())
        .startsWith(
            "taskId  instanceId  status     currentStep  progress  remainingSeconds  dataPlane\n")
        .contains(
            "t-1     db-1        Succeeded  -            100       -                 simulated");
  }

  @Test
  void options_rendersUnknownShapesTolerantly() {
    api.on(
        "GET /instances/db-1/upgrade-options",
        200,
        """
        {"instanceId": "db-1", "targets": [{"engineVersion": "16.00", "sqlEdition": "SE"}, {"engineVersion": "16.00", "sqlEdition": "EE"}],
         "instanceTypes": ["db.m6i.xlarge", "db.m6i.2xlarge"]}""");
    Cli r = Cli.run("options", "db-1", "--api-url", api.url());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("instanceId  db-1")
        .contains("targets:")
        .contains("engineVersion  sqlEdition")
        .contains("16.00          EE")
        .contains("instanceTypes:")
        .contains("  db.m6i.2xlarge");
  }

  @Test
  void upgrade_postsTheRequest_andWaitShowsOneProgressLinePerPhase() throws Exception {
    api.on("POST /instances/db-1/upgrades", 202, "{\"taskId\": \"t-9\", \"status\": \"Pending\"}");
    Iterator<String> states =
        List.of(
                "{\"taskId\":\"t-9\",\"status\":\"Running\",\"currentStep\":\"Prechecks\",\"progress\":10,\"remainingSeconds\":900}",
                "{\"taskId\":\"t-9\",\"status\":\"Running\",\"currentStep\":\"Prechecks\",\"progress\":50,\"remainingSeconds\":600}",
                "{\"taskId\":\"t-9\",\"status\":\"Running\",\"currentStep\":\"FullBackup\",\"progress\":0.75,\"remainingSeconds\":60}",
                "{\"taskId\":\"t-9\",\"status\":\"Succeeded\",\"currentStep\":\"Switchover\",\"progress\":100,\"remainingSeconds\":0}")
            .iterator();
    api.on(
        "GET /tasks/t-9",
        () ->
            new FakeApi.Answer(
                200,
                states.hasNext()
                    ? states.next()
                    : "{\"taskId\":\"t-9\",\"status\":\"Succeeded\",\"currentStep\":\"Switchover\",\"progress\":100}"));
    Cli r =
        Cli.run(
            "upgrade",
            "db-1",
            "--api-url",
            api.url(),
            "--engine-version",
            "2022",
            "--sql-edition",
            "Standard",
            "--rds-edition",
            "HighAvailability",
            "--instance-type",
            "mssql.x4.large",
            "--switch-time",
            "maintenance-window",
            "--wait",
            "--poll-interval",
            "PT0.01S");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(JSON.readTree(api.requests.get(0).body()))
        .isEqualTo(
            JSON.readTree(
                """
        {"engineVersion":"2022","sqlEdition":"Standard","rdsEdition":"HighAvailability","instanceType":"mssql.x4.large",
         "switchTime":"MaintenanceWindow","dryRun":false}"""));
    // \r redraws a phase's line in place; \n starts the next phase
    List<String> lines = List.of(r.err().split("\n"));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .contains("\rPrechecks")
        .endsWith("[############------------]  50%  elapsed 00:00:00  ETA 00:10:00  Running");
    assertThat(lines.get(1)).contains("FullBackup").contains(" 75%").contains("ETA 00:01:00");
    assertThat(lines.get(2))
        .contains("Switchover")
        .contains("[########################] 100%")
        .endsWith("Succeeded");
    assertThat(r.out()).contains("status            Succeeded");
  }

  @Test
  void upgrade_thatFails_exits1() {
    api.on("POST /instances/db-1/upgrades", 202, "{\"taskId\": \"t-8\"}");
    api.on(
        "GET /tasks/t-8",
        200,
        "{\"taskId\":\"t-8\",\"status\":\"Failed\",\"currentStep\":\"RestoreFull\",\"progress\":30}");
    Cli r =
        Cli.run(
            "upgrade",
            "db-1",
            "--api-url",
            api.url(),
            "--engine-version",
            "16.00",
            "--wait",
            "--poll-interval",
            "PT0.01S");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void apiError_printsCodeMessageAndRequestId_andExits1() {
    api.on(
        "POST /instances/db-1/upgrades",
        409,
        "{\"code\":\"UpgradeInProgress\",\"message\":\"db-1 already has a running upgrade\",\"requestId\":\"req-7\"}");
    Cli r = Cli.run("upgrade", "db-1", "--api-url", api.url(), "--engine-version", "16.00");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "sqlup: UpgradeInProgress: db-1 already has a running upgrade (request req-7)\n");
  }

  @Test
  void unreachableApi_exits2_sayingToStartServe() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Cli r = Cli.run("instances", "--api-url", "http://127.0.0.1:" + port);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("sqlup serve").contains("--api-url");
  }

  @Test
  void badSwitchTime_exits2() {
    Cli r = Cli.run("upgrade", "db-1", "--api-url", api.url(), "--switch-time", "tomorrow");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(api.requests).isEmpty();
  }
}
