package dev.sqlup.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The discovery and management commands of issue 12 against a recorded API (FakeApi). */
class InventoryCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private FakeApi api;

  private static final String INVENTORY =
      """
      {"discoveredAt": "2026-12-03T10:00:00.000Z", "simulated": true,
       "server": {"productVersion": "15.0.4375.4", "productLevel": "RTM", "edition": "Standard Edition (64-bit)",
         "cpuCount": 4, "physicalMemoryBytes": 8589934592, "collation": "SQL_Latin1_General_CP1_CI_AS",
         "freeDiskBytes": {"/var/opt/mssql": 1300000000000}, "loginCount": 5, "agentJobCount": 2},
       "databases": [{"name": "sales", "dataBytes": 600000000000, "logBytes": 60000000000, "recoveryModel": "FULL",
         "state": "ONLINE", "compatibilityLevel": 150, "encrypted": false, "published": true, "cdcEnabled": false,
         "logReuseWait": "NOTHING", "lastFullBackup": {"finishedAt": "2026-12-03T07:00:00.000Z", "filePresent": true}}],
       "logRate": {"bytesPerHour": 1666666667, "method": "simulation model"}}""";

  @BeforeEach
  void start() throws Exception {
    api = new FakeApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void discover_postsAndShowsTheInventory() {
    api.on(
        "POST /instances/rm-guide-600g/discover",
        200,
        "{\"instanceId\": \"rm-guide-600g\", \"binding\": \"simulated\", \"simulated\": true, \"inventory\": "
            + INVENTORY
            + "}");

    Cli r = Cli.run("discover", "rm-guide-600g", "--api-url", api.url());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(api.requests.get(0).method()).isEqualTo("POST");
    assertThat(r.out())
        .contains("inventory: discovered 2026-12-03T10:00:00.000Z (simulated)")
        .contains("4 CPUs, 8.0 GiB")
        .contains("log rate  1.67 GB/h (simulation model)")
        .contains(
            "sales  600.0   60.0   FULL           ONLINE  150                 -    2026-12-03T07:00:00.000Z  publisher");
  }

  @Test
  void instance_showsTheRecordAndItsInventory_orSaysItWasNeverDiscovered() {
    api.on(
        "GET /instances/a",
        200,
        "{\"instanceId\": \"a\", \"engine\": {\"binding\": \"sqlserver\"}, \"inventory\": "
            + INVENTORY
            + "}");
    api.on("GET /instances/b", 200, "{\"instanceId\": \"b\"}");

    Cli a = Cli.run("instance", "a", "--api-url", api.url());
    Cli b = Cli.run("instance", "b", "--api-url", api.url());

    assertThat(a.out()).contains("binding           sqlserver").contains("sales");
    assertThat(b.out()).contains("inventory: never discovered (sqlup discover INSTANCE_ID)");
  }

  @Test
  void registerInstance_selfManaged_sendsAddressSecretAndProperties_only() throws Exception {
    api.on("POST /instances", 201, "{\"instanceId\": \"db-1\", \"engineVersion\": \"2016\"}");

    Cli r =
        Cli.run(
            "register-instance",
            "db-1",
            "--host",
            "sql1.corp.example",
            "--secret-arn",
            "arn:aws:secretsmanager:x",
            "--property",
            "backupLocation=\\\\backup01\\sql",
            "--endpoint",
            "db-1.corp.example",
            "--maintenance-window",
            "18:00Z-22:00Z",
            "--rds-edition",
            "Basic",
            "--api-url",
            api.url());

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode body = JSON.readTree(api.requests.get(0).body());
    assertThat(body.path("engine").path("binding").asText()).isEqualTo("sqlserver");
    assertThat(body.path("engine").path("host").asText()).isEqualTo("sql1.corp.example");
    assertThat(body.path("engine").path("properties").path("backupLocation").asText())
        .isEqualTo("\\\\backup01\\sql");
    assertThat(body.has("engineVersion")).isFalse();
    assertThat(body.has("dataSizeGb")).isFalse();
  }

  @Test
  void updateInstance_patches_andNeedsSomethingToChange() throws Exception {
    api.on(
        "PATCH /instances/db-1",
        200,
        "{\"instanceId\": \"db-1\", \"maintenanceWindow\": \"02:00Z-04:00Z\"}");

    Cli r =
        Cli.run(
            "update-instance",
            "db-1",
            "--maintenance-window",
            "02:00Z-04:00Z",
            "--tag",
            "team=dba",
            "--api-url",
            api.url());
    Cli nothing = Cli.run("update-instance", "db-1", "--api-url", api.url());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(api.requests.get(0).method()).isEqualTo("PATCH");
    assertThat(JSON.readTree(api.requests.get(0).body()))
        .isEqualTo(
            JSON.readTree(
                "{\"maintenanceWindow\": \"02:00Z-04:00Z\", \"tags\": {\"team\": \"dba\"}}"));
    assertThat(nothing.exitCode()).isEqualTo(SqlupCli.USER_ERROR);
    assertThat(api.requests).hasSize(1);
  }

  @Test
  void deleteInstance_refusedWhileUpgrading_printsTheCode() {
    api.on(
        "DELETE /instances/db-1",
        409,
        "{\"code\": \"UpgradeInProgress\", \"message\": \"task up-1 holds it\", \"taskId\": \"up-1\"}");

    Cli r = Cli.run("delete-instance", "db-1", "--api-url", api.url());

    assertThat(r.exitCode()).isEqualTo(SqlupCli.FAILED);
    assertThat(r.err()).contains("UpgradeInProgress");
  }

  @Test
  void hosts_list_return_delete() {
    api.on(
        "GET /target-hosts",
        200,
        "{\"hosts\": [{\"hostId\": \"sql22-a\", \"host\": \"sql22-a.db\", \"port\": 1433, "
            + "\"pool\": \"2022|Standard|mssql.x4.large\", \"status\": \"DIRTY\"}]}");
    api.on(
        "POST /target-hosts/sql22-a/return",
        200,
        "{\"hostId\": \"sql22-a\", \"status\": \"AVAILABLE\"}");
    api.on("DELETE /target-hosts/sql22-a", 200, "{\"hostId\": \"sql22-a\", \"deleted\": true}");

    Cli list = Cli.run("hosts", "--api-url", api.url());
    Cli back = Cli.run("hosts", "--return", "sql22-a", "--api-url", api.url());
    Cli gone = Cli.run("hosts", "--delete", "sql22-a", "--api-url", api.url());

    assertThat(list.out())
        .contains("sql22-a  sql22-a.db  1433  2022|Standard|mssql.x4.large  DIRTY");
    assertThat(back.out()).isEqualTo("sql22-a is AVAILABLE\n");
    assertThat(gone.out()).isEqualTo("deleted sql22-a\n");
  }
}
