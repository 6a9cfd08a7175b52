package dev.sqlup.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.SourceInventory;
import dev.sqlup.testing.DynaliteExtension;
import dev.sqlup.testing.TestJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 12: the source is discovered at registration and on {@code POST .../discover}, the
 * inventory is stored and shown, and the estimate and the prechecks read only it.
 */
@ExtendWith(DynaliteExtension.class)
class SourceDiscoveryApiTest {
  private static final double TEN_GB_IN_SIX_HOURS = 10.0 / 6;
  private final ApiFixture api;

  SourceDiscoveryApiTest(DynamoDbClient dynamo) {
    this.api = new ApiFixture(dynamo);
  }

  /**
   * The guide's worked example: one 600 GB database writing 10 GB of log in the 6 h of the copy.
   */
  private static Map<String, Object> guide(Map<String, Object> extra) {
    Map<String, Object> simulation =
        new java.util.HashMap<>(
            Map.of(
                "logGbPerHour",
                TEN_GB_IN_SIX_HOURS,
                "databases",
                List.of(Map.of("name", "sales", "sizeGb", 600, "recoveryModel", "FULL"))));
    simulation.putAll(extra);
    return Map.of("simulation", simulation);
  }

  private ApiFixture.Response dryRun(Map<String, Object> edits) {
    Map<String, Object> dry = new java.util.HashMap<>(edits);
    dry.put("dryRun", true);
    return submit(dry);
  }

  private ApiFixture.Response submit(Map<String, Object> edits) {
    try {
      ObjectNode body =
          (ObjectNode) TestJson.MAPPER.readTree(ApiFixture.event("submit-upgrade").getBody());
      edits.forEach((k, v) -> body.set(k, TestJson.MAPPER.valueToTree(v)));
      return api.send(ApiFixture.withBody("submit-upgrade", body.toString()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private ApiFixture.Response submit() {
    return api.send("submit-upgrade");
  }

  @Test
  void guideExample_estimatesFromTheStoredInventory_6h34_and_3h34() {
    // GIVEN the guide's instance, discovered at registration
    assertThat(api.register(guide(Map.of())).status()).isEqualTo(201);

    // WHEN it is estimated
    JsonNode estimate = dryRun(Map.of()).body().get("estimate");

    // THEN 12 + 180 + 180 + 5 + 5 + 2 + 10 min, from the inventory discovered just now
    assertThat(estimate.get("totalSeconds").asLong())
        .isEqualTo(Duration.ofHours(6).plusMinutes(34).toSeconds());
    assertThat(estimate.get("logGb").asDouble()).isEqualTo(10.0);
    assertThat(estimate.at("/basis/source").asText()).isEqualTo("inventory");
    assertThat(estimate.at("/basis/discoveredAt").asText()).isEqualTo("2026-03-02T10:00:00.000Z");
    assertThat(estimate.at("/basis/ageSeconds").asLong()).isZero();
    assertThat(estimate.at("/basis/simulated").asBoolean()).isTrue();
    assertThat(estimate.at("/basis/dataSizeGb").asDouble()).isEqualTo(600.0);

    // AND with a full backup 3 h old at discovery, 3 h 34 min
    ApiFixture other = api;
    other.clock.set(ApiFixture.T0);
    assertThat(
            other
                .register(
                    Set.of(),
                    Map.of(
                        "instanceId",
                        "rm-backed-up",
                        "simulation",
                        guide(
                                Map.of(
                                    "lastFullBackupAt",
                                    ApiFixture.T0.minus(Duration.ofHours(3)).toString()))
                            .get("simulation")))
                .status())
        .isEqualTo(201);
    JsonNode backedUp =
        other
            .send(ApiFixture.withPath("submit-upgrade-dry-run", "instanceId", "rm-backed-up"))
            .body();
    assertThat(backedUp.at("/estimate/totalSeconds").asLong())
        .isEqualTo(Duration.ofHours(3).plusMinutes(34).toSeconds());
    assertThat(backedUp.at("/estimate/fullBackupSkipped").asBoolean()).isTrue();
    assertThat(backedUp.at("/estimate/basis/lastFullBackupAt").asText())
        .isEqualTo("2026-03-02T07:00:00.000Z");
  }

  @Test
  void estimateChanges_whenTheStoredInventoryChanges() {
    api.register(guide(Map.of()));
    long guide = dryRun(Map.of()).body().at("/estimate/totalSeconds").asLong();
    SourceInventory discovered = api.services.instances().get("rm-guide-1").inventory();

    // a bigger database: +200 GB is +1 h of backup and +1 h of restore, and more log during the
    // copy
    store(
        withDatabase(discovered, 800_000_000_000L, discovered.databases().get(0).lastFullBackup()),
        discovered.logRate());
    long bigger = dryRun(Map.of()).body().at("/estimate/totalSeconds").asLong();
    // a higher log rate: 10 GB/h instead of 1.67 GB/h
    store(discovered.databases(), new SourceInventory.LogRate(10_000_000_000L, "test"));
    JsonNode busier = dryRun(Map.of()).body().get("estimate");
    // a recent backup, then none again
    store(
        withDatabase(
            discovered,
            600_000_000_000L,
            new SourceInventory.FullBackup(
                ApiFixture.T0.minus(Duration.ofHours(1)), 190_000_000_000L, false, true)),
        discovered.logRate());
    long backedUp = dryRun(Map.of()).body().at("/estimate/totalSeconds").asLong();
    store(discovered.databases(), discovered.logRate());
    long noBackup = dryRun(Map.of()).body().at("/estimate/totalSeconds").asLong();

    assertThat(bigger - guide).isGreaterThan(2 * 3600);
    assertThat(busier.get("logGb").asDouble()).isEqualTo(60.0);
    assertThat(busier.get("totalSeconds").asLong()).isGreaterThan(guide);
    assertThat(backedUp).isLessThan(guide - 2 * 3600);
    assertThat(noBackup).isEqualTo(guide);
  }

  private void store(List<SourceInventory.Database> databases, SourceInventory.LogRate rate) {
    SourceInventory old = api.services.instances().get("rm-guide-1").inventory();
    api.services
        .instances()
        .recordInventory(
            "rm-guide-1",
            new SourceInventory(
                old.discoveredAt(), old.simulated(), old.server(), databases, rate));
  }

  private static List<SourceInventory.Database> withDatabase(
      SourceInventory inventory, long dataBytes, SourceInventory.FullBackup backup) {
    SourceInventory.Database d = inventory.databases().get(0);
    return List.of(
        new SourceInventory.Database(
            d.name(),
            dataBytes,
            d.logBytes(),
            d.recoveryModel(),
            d.state(),
            d.compatibilityLevel(),
            d.encrypted(),
            d.tdeCertificate(),
            d.tdeCertificateBackedUp(),
            d.containment(),
            d.published(),
            d.cdcEnabled(),
            d.logReuseWait(),
            d.oldestOpenTransactionSeconds(),
            d.availabilityGroup(),
            backup));
  }

  @Test
  void discover_storesANewSnapshot_andGetInstanceShowsIt() {
    api.register(guide(Map.of()));
    api.clock.set(ApiFixture.T0.plus(Duration.ofHours(2)));

    ApiFixture.Response discovered = api.send("discover-source");
    ApiFixture.Response got = api.send("get-instance");

    assertThat(discovered.status()).isEqualTo(200);
    assertThat(discovered.body().get("simulated").asBoolean()).isTrue();
    assertThat(discovered.body().at("/inventory/discoveredAt").asText())
        .isEqualTo("2026-03-02T12:00:00.000Z");
    assertThat(discovered.body().at("/inventory/databases/0/name").asText()).isEqualTo("sales");
    assertThat(discovered.body().at("/inventory/databases/0/dataBytes").asLong())
        .isEqualTo(600_000_000_000L);
    assertThat(discovered.body().at("/inventory/logRate/bytesPerHour").asLong())
        .isEqualTo(1_666_666_667L);
    assertThat(discovered.body().at("/inventory/server/cpuCount").asInt()).isEqualTo(4);
    assertThat(got.body().get("inventory")).isEqualTo(discovered.body().get("inventory"));
    assertThat(got.body().get("version").asLong()).isEqualTo(2);
    assertThat(dryRun(Map.of()).body().at("/estimate/basis/discoveredAt").asText())
        .isEqualTo("2026-03-02T12:00:00.000Z");
  }

  @Test
  void discover_unknownInstance_is404_andABody_is400_bothChangingNothing() {
    api.register(guide(Map.of()));
    var before = api.snapshot();

    ApiFixture.Response unknown =
        api.send(ApiFixture.withPath("discover-source", "instanceId", "rm-nope"));
    ApiFixture.Response body = api.send(ApiFixture.withBody("discover-source", "{}"));

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("InstanceNotFound");
    assertThat(body.status()).isEqualTo(400);
    assertThat(api.snapshot()).isEqualTo(before);
  }

  @Test
  void selfManagedServer_isRegisteredByAddressAndSecret_factsFromDiscovery() {
    // GIVEN only the address, the secret, the window and the endpoint (recorded SQL Server 2016 SP2
    // Standard)
    ApiFixture.Response r =
        api.register(
            Set.of("engineVersion", "sqlEdition", "instanceType", "dataSizeGb", "simulation"),
            Map.of(
                "engine",
                Map.of(
                    "binding",
                    "sqlserver",
                    "host",
                    "sql16a.corp.example",
                    "secretArn",
                    "arn:aws:secretsmanager:us-east-1:123456789012:secret:sqlup/sql16a-AbCdEf")));

    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    assertThat(r.body().get("engineVersion").asText()).isEqualTo("2016");
    assertThat(r.body().get("sqlEdition").asText()).isEqualTo("Standard");
    // 4 CPUs, 16 GB: the smallest catalogue type with both
    assertThat(r.body().get("instanceType").asText()).isEqualTo("mssql.x4.xlarge");
    assertThat(r.body().get("dataSizeGb").asDouble()).isEqualTo(650.01);
    assertThat(r.body().at("/inventory/simulated").asBoolean()).isFalse();
    assertThat(r.body().at("/inventory/server/productVersion").asText()).isEqualTo("13.0.5888.11");
    assertThat(api.sqlServer.discoveries).isEqualTo(1);
  }

  @Test
  void selfManagedServer_whoseGivenVersionDisagreesWithTheServer_is422_andNothingIsStored() {
    var before = api.snapshot();

    ApiFixture.Response r =
        api.register(
            Set.of("simulation", "dataSizeGb", "instanceType"),
            Map.of(
                "engineVersion",
                "2019",
                "engine",
                Map.of(
                    "binding",
                    "sqlserver",
                    "host",
                    "sql16a.corp.example",
                    "secretArn",
                    "arn:aws:secretsmanager:us-east-1:123456789012:secret:sqlup/sql16a-AbCdEf")));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.code()).isEqualTo("RegistrationMismatch");
    assertThat(r.body().get("field").asText()).isEqualTo("engineVersion");
    assertThat(api.snapshot()).isEqualTo(before);
  }

  @Test
  void realDataPlane_upgradeWithAStaleInventory_isRefused_SourceNotDiscovered_andChangesNothing() {
    api.register(
        Set.of("engineVersion", "sqlEdition", "instanceType", "dataSizeGb", "simulation"),
        Map.of(
            "engine",
            Map.of(
                "binding",
                "sqlserver",
                "host",
                "sql16a.corp.example",
                "secretArn",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:sqlup/sql16a-AbCdEf")));
    api.clock.set(ApiFixture.T0.plus(Duration.ofMinutes(61)));
    var before = api.snapshot();

    Map<String, Object> bigger = Map.of("instanceType", "mssql.x4.xlarge");
    ApiFixture.Response refused = submit(bigger);
    ApiFixture.Response dry = dryRun(bigger);

    assertThat(refused.status()).as(refused.body().toString()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("SourceNotDiscovered");
    assertThat(refused.body().get("message").asText()).contains("61 min old", "/discover");
    assertThat(dry.body().get("upgradable").asBoolean()).isFalse();
    assertThat(checks(dry.body(), "FAILED")).contains("SourceNotDiscovered");
    assertThat(api.snapshot()).isEqualTo(before);
    assertThat(api.launcher.started).isEmpty();

    // WHEN discovered again, the freshness check passes (the recorded server's own facts still
    // fail)
    api.send("discover-source");
    JsonNode fresh = dryRun(bigger).body();
    assertThat(checks(fresh, "FAILED"))
        .doesNotContain("SourceNotDiscovered")
        .contains("RecoveryModelNotFull", "DatabaseNotOnline", "LogReuseBlocked");
    assertThat(checks(fresh, "WARNING")).contains("ReplicationOrCdcPresent", "LongOpenTransaction");
  }

  @Test
  void dryRun_listsEachFactPrecheck_withItsCodeDatabasesAndRemedy_andChangesNothing() {
    // GIVEN a simulated source whose model holds one database per problem
    List<Map<String, Object>> dbs =
        new ArrayList<>(
            List.of(
                Map.of("name", "ok", "sizeGb", 10, "recoveryModel", "FULL"),
                Map.of("name", "simple", "sizeGb", 10, "recoveryModel", "SIMPLE"),
                Map.of(
                    "name", "offline", "sizeGb", 10, "recoveryModel", "FULL", "state", "OFFLINE"),
                Map.of(
                    "name",
                    "tde",
                    "sizeGb",
                    10,
                    "recoveryModel",
                    "FULL",
                    "tdeCertificate",
                    "TDE_Cert"),
                Map.of(
                    "name", "old", "sizeGb", 10, "recoveryModel", "FULL", "compatibilityLevel", 90),
                Map.of(
                    "name",
                    "mirrored",
                    "sizeGb",
                    10,
                    "recoveryModel",
                    "FULL",
                    "logReuseWait",
                    "DATABASE_MIRRORING"),
                Map.of(
                    "name",
                    "ag",
                    "sizeGb",
                    10,
                    "recoveryModel",
                    "FULL",
                    "availabilityGroup",
                    "AG1"),
                Map.of(
                    "name",
                    "pub",
                    "sizeGb",
                    10,
                    "recoveryModel",
                    "FULL",
                    "published",
                    true,
                    "cdc",
                    true),
                Map.of(
                    "name",
                    "busy",
                    "sizeGb",
                    10,
                    "recoveryModel",
                    "FULL",
                    "oldestOpenTransactionMinutes",
                    45)));
    api.register(
        Map.of("dataSizeGb", 90, "simulation", Map.of("logGbPerHour", 0.1, "databases", dbs)));
    var before = api.snapshot();

    JsonNode r = dryRun(Map.of("targetStorageGb", 50)).body();

    assertThat(r.get("upgradable").asBoolean()).isFalse();
    Map<String, String> expectDatabase =
        Map.of(
            "RecoveryModelNotFull",
            "simple",
            "DatabaseNotOnline",
            "offline",
            "TdeCertificateNotUsable",
            "tde",
            "CompatibilityLevelNotSupported",
            "old",
            "LogReuseBlocked",
            "mirrored",
            "AlwaysOnMember",
            "ag",
            "ReplicationOrCdcPresent",
            "pub",
            "LongOpenTransaction",
            "busy");
    for (Map.Entry<String, String> e : expectDatabase.entrySet()) {
      JsonNode check = check(r, e.getKey());
      assertThat(check).as(e.getKey()).isNotNull();
      assertThat(check.get("databases")).as(e.getKey()).hasSize(1);
      assertThat(check.at("/databases/0").asText()).isEqualTo(e.getValue());
      assertThat(check.get("remedy").asText()).as(e.getKey()).isNotBlank();
    }
    assertThat(check(r, "ReplicationOrCdcPresent").get("result").asText()).isEqualTo("WARNING");
    assertThat(check(r, "LongOpenTransaction").get("result").asText()).isEqualTo("WARNING");
    assertThat(check(r, "RecoveryModelNotFull").get("result").asText()).isEqualTo("FAILED");
    assertThat(check(r, "TargetStorageTooSmall").get("result").asText()).isEqualTo("FAILED");
    assertThat(api.snapshot()).isEqualTo(before);
  }

  @Test
  void submit_recordsTheFactWarningsInTheTask() {
    api.register(
        guide(
            Map.of(
                "databases",
                List.of(
                    Map.of(
                        "name", "sales", "sizeGb", 600, "recoveryModel", "FULL", "cdc", true)))));

    ApiFixture.Response r = submit();

    assertThat(r.status()).isEqualTo(202);
    assertThat(r.body().get("warnings").toString()).contains("ReplicationOrCdcPresent");
    String taskId = r.body().get("taskId").asText();
    assertThat(api.services.tasks().get(taskId).warnings()).contains("ReplicationOrCdcPresent");
    Instance instance = api.services.instances().get("rm-guide-1");
    assertThat(instance.inventory()).isNotNull();
  }

  private static JsonNode check(JsonNode dryRun, String code) {
    for (JsonNode c : dryRun.get("prechecks")) {
      if (code.equals(c.path("code").asText())) {
        return c;
      }
    }
    return null;
  }

  private static List<String> checks(JsonNode dryRun, String result) {
    List<String> codes = new ArrayList<>();
    dryRun
        .get("prechecks")
        .forEach(
            c -> {
              if (result.equals(c.path("result").asText())) {
                codes.add(c.path("code").asText());
              }
            });
    return codes;
  }
}
