package dev.sqlup.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.dataplane.sqlserver.TargetHost;
import dev.sqlup.dataplane.sqlserver.TargetHostPool;
import dev.sqlup.testing.DynaliteExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 12: instances and target hosts can be changed and removed, never under a running upgrade.
 */
@ExtendWith(DynaliteExtension.class)
class InstanceAndHostManagementTest {
  private final ApiFixture api;

  InstanceAndHostManagementTest(DynamoDbClient dynamo) {
    this.api = new ApiFixture(dynamo);
  }

  private ApiFixture.Response patch(String body) {
    return api.send(ApiFixture.withBody("update-instance", body));
  }

  @Test
  void patch_changesWindowTagsAndDescription_only() {
    api.register(Map.of());

    ApiFixture.Response r = api.send("update-instance");

    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    assertThat(r.body().get("maintenanceWindow").asText()).isEqualTo("02:00Z-04:00Z");
    assertThat(r.body().at("/tags/owner").asText()).isEqualTo("dba");
    assertThat(r.body().get("description").asText()).isEqualTo("the guide's worked example");
    assertThat(r.body().get("version").asLong()).isEqualTo(2);
    assertThat(r.body().get("engineVersion").asText()).isEqualTo("2019");
    assertThat(api.send("get-instance").body()).isEqualTo(r.body());
  }

  @Test
  void patch_badInput_is400_andChangesNothing() {
    api.register(Map.of());
    var before = api.snapshot();

    assertThat(patch("{}").status()).isEqualTo(400);
    assertThat(patch("{\"maintenanceWindow\":\"25:00Z-01:00Z\"}").body().get("field").asText())
        .isEqualTo("maintenanceWindow");
    assertThat(patch("{\"engineVersion\":\"2022\"}").status()).isEqualTo(400);
    assertThat(api.snapshot()).isEqualTo(before);
  }

  @Test
  void whileAnUpgradeRuns_windowChangeAndDelete_are409_tagsMayChange() {
    api.register(Map.of());
    assertThat(api.send("submit-upgrade").status()).isEqualTo(202);
    var before = api.snapshot();

    ApiFixture.Response window = patch("{\"maintenanceWindow\":\"02:00Z-04:00Z\"}");
    ApiFixture.Response delete = api.send("delete-instance");

    assertThat(window.status()).isEqualTo(409);
    assertThat(window.code()).isEqualTo("UpgradeInProgress");
    assertThat(delete.status()).isEqualTo(409);
    assertThat(delete.code()).isEqualTo("UpgradeInProgress");
    assertThat(delete.body().get("taskId").asText()).startsWith("up-");
    assertThat(api.snapshot()).isEqualTo(before);
    assertThat(patch("{\"tags\":{\"team\":\"finance\"}}").status()).isEqualTo(200);
  }

  @Test
  void delete_forgetsTheInstance_thenItIs404() {
    api.register(Map.of());

    ApiFixture.Response deleted = api.send("delete-instance");

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(api.send("get-instance").status()).isEqualTo(404);
    assertThat(api.send("delete-instance").code()).isEqualTo("InstanceNotFound");
  }

  @Test
  void targetHosts_listed_dirtyReturnedToThePool_claimedNeverDeleted() {
    api.seedDirtyHost();
    TargetHostPool pool =
        new TargetHostPool(api.dynamo, api.services.env(RegisterTargetHostHandler.TABLE_VARIABLE));

    ApiFixture.Response listed = api.send("list-target-hosts");
    ApiFixture.Response returned = api.send("return-target-host");
    ApiFixture.Response again = api.send("return-target-host");

    assertThat(listed.body().at("/hosts/0/hostId").asText()).isEqualTo("sql22-std-07");
    assertThat(listed.body().at("/hosts/0/status").asText()).isEqualTo("DIRTY");
    assertThat(returned.status()).isEqualTo(200);
    assertThat(returned.body().get("status").asText()).isEqualTo("AVAILABLE");
    assertThat(pool.byId("sql22-std-07").orElseThrow().status()).isEqualTo(TargetHost.AVAILABLE);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("HostNotDirty");

    // claimed by an upgrade: refused, and still there
    pool.claim("2022|Standard|mssql.x4.large", 1433, "up-running");
    ApiFixture.Response inUse = api.send("delete-target-host");
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.code()).isEqualTo("HostInUse");
    assertThat(pool.byId("sql22-std-07")).isPresent();

    pool.markDirty("2022|Standard|mssql.x4.large", "sql22-std-07", "up-running");
    assertThat(api.send("delete-target-host").status()).isEqualTo(200);
    assertThat(pool.byId("sql22-std-07")).isEmpty();
    assertThat(api.send("delete-target-host").code()).isEqualTo("HostNotFound");
  }
}
