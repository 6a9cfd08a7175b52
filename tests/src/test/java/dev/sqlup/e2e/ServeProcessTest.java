package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.runtime.SamStateMachine;
import dev.sqlup.local.runtime.SamTable;
import dev.sqlup.local.runtime.SamTemplate;
import dev.sqlup.testing.Dynalite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code sqlup serve} as a separate process, driven by real clients: the AWS CLI v2 against its
 * DynamoDB and Step Functions ports, plain HTTP against its REST API, and the sqlup client
 * commands; then stopped with SIGTERM, leaving no process and no port behind. The clock runs 300
 * times faster, so the simulated upgrade (about half an hour of fleet time) takes a few real
 * seconds. Not faster: a handler's real run time counts N times against its state's TimeoutSeconds
 * (300 s = 1 s real at scaled:300).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeProcessTest {
  private static final Path ROOT = Dynalite.projectRoot();
  private static final String INSTANCE = "sp-small-1";
  private static final String INSTANCE_2 = "sp-small-2";
  private final SamTemplate template = SamTemplate.load(ROOT.resolve("template.yaml"));
  private ServeProcess serve;
  private String taskId;

  @BeforeAll
  void startServe() {
    serve = ServeProcess.serve(ROOT, "scaled:300");
  }

  @AfterAll
  void killIfStillRunning() {
    if (serve != null) {
      serve.close();
    }
  }

  @Test
  @Order(1)
  void readyLine_namesEveryEndpoint_andDynaliteRunsAsItsChild() {
    assertThat(serve.dynamoDb).as(serve.log()).isNotNull();
    assertThat(serve.stepFunctions).as(serve.log()).isNotNull();
    assertThat(ServeProcess.alive(serve.dynalitePid)).isTrue();
    assertThat(
            ProcessHandle.of(serve.dynalitePid)
                .flatMap(ProcessHandle::parent)
                .map(ProcessHandle::pid))
        .contains(serve.process.pid());
  }

  @Test
  @Order(2)
  void awsCli_listsTheTemplatesTables() throws Exception {
    requireAwsCli();
    JsonNode tables = AwsCli.run(serve.dynamoDb, "dynamodb", "list-tables");
    List<String> names = new ArrayList<>();
    tables.path("TableNames").forEach(n -> names.add(n.asText()));
    assertThat(names)
        .containsExactlyInAnyOrderElementsOf(
            template.tables().stream().map(SamTable::tableName).toList());
  }

  @Test
  @Order(3)
  void http_registersAnInstance_listsIt_andOffersUpgrades_andTheAwsCliScanSeesTheItem()
      throws Exception {
    Http.Response registered = Http.post(serve.api, "/instances", smallInstance(INSTANCE));
    assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
    assertThat(registered.body().path("status").asText()).isEqualTo("Running");

    Http.Response list = Http.get(serve.api, "/instances");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().toString()).contains("\"instanceId\":\"" + INSTANCE + "\"");

    Http.Response options = Http.get(serve.api, "/instances/" + INSTANCE + "/upgrade-options");
    assertThat(options.status()).as(options.body().toString()).isEqualTo(200);
    assertThat(options.body().path("current").path("engineVersion").asText()).isEqualTo("2019");
    assertThat(options.body().path("targets").toString()).contains("\"engineVersion\":\"2022\"");

    Http.Response dryRun =
        Http.post(serve.api, "/instances/" + INSTANCE + "/upgrades", upgradeTo2022(true));
    assertThat(dryRun.status()).as(dryRun.body().toString()).isEqualTo(200);
    assertThat(dryRun.body().path("upgradable").asBoolean()).as(dryRun.body().toString()).isTrue();

    requireAwsCli();
    JsonNode scan =
        AwsCli.run(serve.dynamoDb, "dynamodb", "scan", "--table-name", tableName("InstancesTable"));
    assertThat(scan.path("Count").asInt()).isEqualTo(1);
    assertThat(scan.path("Items").get(0).path("instanceId").path("S").asText()).isEqualTo(INSTANCE);
  }

  @Test
  @Order(4)
  void clientCommands_listShowOptionsAndDryRun_asJsonAndTables() throws Exception {
    String url = serve.api.toString();
    Cli json = Cli.run("instances", "--api-url", url, "--output", "json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    assertThat(Http.JSON.readTree(json.out()).toString())
        .contains("\"instanceId\":\"" + INSTANCE + "\"");

    Cli table = Cli.run("instances", "--api-url", url);
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out().lines().findFirst().orElse(""))
        .contains("instanceId")
        .contains("engineVersion");
    assertThat(table.out()).contains(INSTANCE).contains("2019").contains("Standard");

    Cli options = Cli.run("options", INSTANCE, "--api-url", url, "--output", "json");
    assertThat(options.exitCode()).as(options.err()).isZero();
    assertThat(Http.JSON.readTree(options.out()).path("targets").toString()).contains("2022");
    Cli optionsTable = Cli.run("options", INSTANCE, "--api-url", url);
    assertThat(optionsTable.exitCode()).as(optionsTable.err()).isZero();
    assertThat(optionsTable.out())
        .containsPattern("(?m)^engineVersion +sqlEdition +rdsEdition +instanceTypes$")
        .containsPattern("(?m)^2022 +Standard +HighAvailability +.*mssql\\.x4\\.large");

    Cli dryRun =
        Cli.run(
            "upgrade",
            INSTANCE,
            "--api-url",
            url,
            "--engine-version",
            "2022",
            "--sql-edition",
            "Standard",
            "--rds-edition",
            "HighAvailability",
            "--instance-type",
            "mssql.x4.large",
            "--dry-run",
            "--output",
            "json");
    assertThat(dryRun.exitCode()).as(dryRun.out() + dryRun.err()).isZero();
    assertThat(Http.JSON.readTree(dryRun.out()).path("upgradable").asBoolean()).isTrue();
  }

  @Test
  @Order(5)
  void awsCli_listsTheTemplatesStateMachines() throws Exception {
    requireAwsCli();
    JsonNode machines = AwsCli.run(serve.stepFunctions, "stepfunctions", "list-state-machines");
    List<String> names = new ArrayList<>();
    machines.path("stateMachines").forEach(m -> names.add(m.path("name").asText()));
    assertThat(names)
        .containsExactlyInAnyOrderElementsOf(
            template.stateMachines().stream().map(SamStateMachine::name).toList());
    for (JsonNode m : machines.path("stateMachines")) {
      JsonNode described =
          AwsCli.run(
              serve.stepFunctions,
              "stepfunctions",
              "describe-state-machine",
              "--state-machine-arn",
              m.path("stateMachineArn").asText());
      assertThat(described.path("status").asText()).isEqualTo("ACTIVE");
      assertThat(Http.JSON.readTree(described.path("definition").asText()).has("StartAt")).isTrue();
      // every ${...} substitution resolved to a local ARN
      assertThat(described.path("definition").asText()).doesNotContain("${");
    }
  }

  @Test
  @Order(6)
  void upgrade_runsToSucceeded_onTheScaledClock_andEveryClientSeesIt() throws Exception {
    assertThat(template.stateMachines()).as("template.yaml's state machines").isNotEmpty();
    // a second instance is upgraded at the same time by the client command, which follows it to the
    // end
    assertThat(Http.post(serve.api, "/instances", smallInstance(INSTANCE_2)).status())
        .isEqualTo(201);
    CompletableFuture<Cli> waited =
        CompletableFuture.supplyAsync(
            () ->
                Cli.run(
                    "upgrade",
                    INSTANCE_2,
                    "--api-url",
                    serve.api.toString(),
                    "--engine-version",
                    "2022",
                    "--sql-edition",
                    "Standard",
                    "--rds-edition",
                    "HighAvailability",
                    "--instance-type",
                    "mssql.x4.large",
                    "--wait",
                    "--poll-interval",
                    "PT0.5S"));
    Http.Response accepted =
        Http.post(serve.api, "/instances/" + INSTANCE + "/upgrades", upgradeTo2022(false));
    assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
    taskId = accepted.body().path("taskId").asText();

    long started = System.nanoTime();
    JsonNode task = null;
    while (System.nanoTime() - started < Duration.ofSeconds(40).toNanos()) {
      task = Http.get(serve.api, "/tasks/" + taskId).body();
      if (task.path("status").asText().equals("Succeeded")
          || task.path("status").asText().equals("Failed")) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(task.path("status").asText()).as(task + "\n" + serve.log()).isEqualTo("Succeeded");
    Http.Response instance = Http.get(serve.api, "/instances/" + INSTANCE);
    assertThat(instance.body().path("engineVersion").asText()).isEqualTo("2022");
    assertThat(instance.body().path("status").asText()).isEqualTo("Running");

    Cli followed = waited.get(40, TimeUnit.SECONDS);
    assertThat(followed.exitCode()).as(followed.out() + followed.err()).isZero();
    assertThat(followed.out()).containsPattern("(?m)^status +Succeeded$");
    assertThat(followed.err()).contains("100%");

    Cli shown = Cli.run("task", taskId, "--api-url", serve.api.toString(), "--output", "json");
    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(Http.JSON.readTree(shown.out()).path("status").asText()).isEqualTo("Succeeded");
    Cli shownTable = Cli.run("task", taskId, "--api-url", serve.api.toString());
    assertThat(shownTable.out()).contains(taskId).contains("Succeeded");
    Cli tasks = Cli.run("tasks", INSTANCE, "--api-url", serve.api.toString());
    assertThat(tasks.exitCode()).as(tasks.err()).isZero();
    assertThat(tasks.out()).contains(taskId).contains("Succeeded");

    requireAwsCli();
    String machineArn =
        AwsCli.run(serve.stepFunctions, "stepfunctions", "list-state-machines")
            .path("stateMachines")
            .get(0)
            .path("stateMachineArn")
            .asText();
    JsonNode executions =
        AwsCli.run(
            serve.stepFunctions,
            "stepfunctions",
            "list-executions",
            "--state-machine-arn",
            machineArn);
    List<String> runs = new ArrayList<>();
    executions
        .path("executions")
        .forEach(e -> runs.add(e.path("name").asText() + " " + e.path("status").asText()));
    assertThat(runs).hasSize(2).contains(taskId + " SUCCEEDED");
    JsonNode tasksTable =
        AwsCli.run(
            serve.dynamoDb,
            "dynamodb",
            "get-item",
            "--table-name",
            tableName("UpgradeTasksTable"),
            "--key",
            "{\"taskId\":{\"S\":\"" + taskId + "\"}}");
    assertThat(tasksTable.path("Item").path("status").path("S").asText()).isEqualTo("Succeeded");
  }

  @Test
  @Order(7)
  void sigterm_stopsServe_andLeavesNoNodeProcessAndNoPortBehind() {
    int[] ports = {serve.api.getPort(), serve.dynamoDb.getPort(), serve.stepFunctions.getPort()};
    serve.process.destroy(); // SIGTERM, as Ctrl-C or `kill` would
    int exit = serve.awaitExit(Duration.ofSeconds(20));
    assertThat(exit).as(serve.log()).isEqualTo(143);
    assertThat(ServeProcess.awaitGone(serve.dynalitePid, Duration.ofSeconds(5)))
        .as("dynalite (node pid %d) after serve stopped", serve.dynalitePid)
        .isTrue();
    for (int port : ports) {
      assertThat(ServeProcess.portFree(port)).as("port %d after serve stopped", port).isTrue();
    }
  }

  @Test
  @Order(8)
  void sigkill_leavesNoNodeProcessBehind() {
    try (ServeProcess killed = ServeProcess.serve(ROOT, "virtual")) {
      assertThat(ServeProcess.alive(killed.dynalitePid)).isTrue();
      killed.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(killed.awaitExit(Duration.ofSeconds(10))).isEqualTo(137);
      assertThat(ServeProcess.awaitGone(killed.dynalitePid, Duration.ofSeconds(5)))
          .as("dynalite (node pid %d) after serve was SIGKILLed", killed.dynalitePid)
          .isTrue();
      assertThat(ServeProcess.portFree(killed.dynamoDb.getPort())).isTrue();
    }
  }

  private String tableName(String logicalId) {
    return template.tables().stream()
        .filter(t -> t.logicalId().equals(logicalId))
        .findFirst()
        .orElseThrow()
        .tableName();
  }

  private static void requireAwsCli() {
    // A missing tool fails the test with the install step: a skip would let CI pass while checking
    // less.
    assertThat(AwsCli.installed())
        .as(
            "/usr/bin/aws (AWS CLI v2) is not installed: apt-get install -y awscli "
                + "(.ci/run installs it)")
        .isTrue();
  }

  /**
   * A 10 GB instance of the guide's kind (2019 SE, High-availability, 4 cores / 8 GiB), simulated.
   */
  static Map<String, Object> smallInstance(String instanceId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instanceId", instanceId);
    body.put("engineVersion", "2019");
    body.put("sqlEdition", "Standard");
    body.put("rdsEdition", "HighAvailability");
    body.put("instanceType", "mssql.x4.large");
    body.put("dataSizeGb", 10);
    body.put("maintenanceWindow", "18:00Z-22:00Z");
    body.put("networkType", "VPC");
    body.put("endpoint", instanceId + ".sqlup.internal");
    body.put("vip", "10.0.0.7");
    body.put("port", 1433);
    body.put("tags", Map.of("team", "billing"));
    body.put("engine", Map.of("binding", "simulated"));
    body.put(
        "simulation",
        Map.of(
            "databases",
            List.of(Map.of("name", "billing", "sizeGb", 10, "recoveryModel", "FULL")),
            "logGbPerHour",
            0.5));
    return body;
  }

  static Map<String, Object> upgradeTo2022(boolean dryRun) {
    return Map.of(
        "engineVersion",
        "2022",
        "sqlEdition",
        "Standard",
        "rdsEdition",
        "HighAvailability",
        "instanceType",
        "mssql.x4.large",
        "switchTime",
        "Immediate",
        "dryRun",
        dryRun);
  }
}
