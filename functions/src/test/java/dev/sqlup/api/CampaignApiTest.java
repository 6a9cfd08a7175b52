package dev.sqlup.api;

import static dev.sqlup.domain.campaign.CampaignFixtures.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.api.CampaignWorld.Response;
import dev.sqlup.domain.campaign.CampaignStatus;
import dev.sqlup.testing.DynaliteExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The /campaigns routes on dynalite with the real handlers (issue 15). */
@ExtendWith(DynaliteExtension.class)
class CampaignApiTest {
  static final String CREATE =
      """
      {"name": "sql2016-eol", "selection": {"engineVersion": "2016", "tags": {"env": "prod"}},
       "target": {"engineVersion": "2022"},
       "waves": [{"name": "canary", "size": "10%%", "maxConcurrency": 1, "toleratedFailures": 0,
                  "bakeSeconds": 3600, "approvalRequired": true},
                 {"name": "rest", "maxConcurrency": 5, "toleratedFailures": "20%%"}]%s}""";

  private final CampaignWorld world;

  CampaignApiTest(DynamoDbClient dynamo) {
    this.world = new CampaignWorld(dynamo);
  }

  @BeforeEach
  void fleet() {
    world.register(
        instance("rm-a", 100, "01:00Z-03:00Z"),
        instance("rm-b", 200, "04:00Z-06:00Z"),
        instance("rm-c", 300, "22:00Z-23:00Z"),
        instance("rm-2019", "2019", 100, "01:00Z-03:00Z", Map.of("env", "prod")));
  }

  private Response create(String extra) {
    return world.send("POST", "/campaigns", Map.of(), CREATE.formatted(extra));
  }

  @Test
  void dryRun_returnsThePlan_andWritesNothing() {
    List<?> before = world.snapshot();
    Response r = create(", \"dryRun\": true");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("selected").asInt()).isEqualTo(3);
    assertThat(r.body().at("/waves/0/size").asInt()).isEqualTo(1);
    assertThat(r.body().at("/waves/1/size").asInt()).isEqualTo(2);
    assertThat(r.body().at("/instances/0/prechecks").size()).isPositive();
    assertThat(r.body().at("/instances/0/estimate/totalSeconds").asLong()).isPositive();
    assertThat(r.body().at("/instances/0/switchWindow/start").asText())
        .isEqualTo("2026-03-03T01:00:00.000Z");
    assertThat(r.body().get("expectedEnd").asText()).isNotEmpty();
    assertThat(world.snapshot()).isEqualTo(before);
    assertThat(world.control.started).isEmpty();
  }

  @Test
  void create_storesTheCampaign_startsItsExecution_andGetShowsWavesInstancesAndEta() {
    Response r = create("");
    assertThat(r.status()).as(r.body().toString()).isEqualTo(202);
    String id = r.body().get("campaignId").asText();
    assertThat(world.control.started)
        .containsExactly(id + " {\"campaignId\":\"" + id + "\",\"wave\":0}");

    Response got = world.send("GET", "/campaigns/{campaignId}", Map.of("campaignId", id), null);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body().get("status").asText()).isEqualTo("Running");
    assertThat(got.body().get("waves")).hasSize(2);
    assertThat(got.body().at("/waves/0/counts/planned").asInt()).isEqualTo(1);
    assertThat(got.body().get("instances")).hasSize(3);
    assertThat(got.body().get("eta").asText()).isNotEmpty();
    Response list = world.send("GET", "/campaigns", Map.of(), null);
    assertThat(list.body().at("/campaigns/0/campaignId").asText()).isEqualTo(id);
  }

  @Test
  void create_withTheSameClientToken_isTheSameCampaign_andAnotherRequestWithItConflicts() {
    String a = create(", \"clientToken\": \"t-1\"").body().get("campaignId").asText();
    assertThat(create(", \"clientToken\": \"t-1\"").body().get("campaignId").asText()).isEqualTo(a);
    Response other =
        world.send(
            "POST",
            "/campaigns",
            Map.of(),
            CREATE.formatted(", \"clientToken\": \"t-1\"").replace("sql2016-eol", "other"));
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.body().get("code").asText()).isEqualTo("IdempotencyConflict");
  }

  @Test
  void aFailedStart_haltsTheCampaign_andAnswers503() {
    world.control.failStarts = true;
    Response r = create("");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.body().get("code").asText()).isEqualTo("WorkflowStartFailed");
    String id = r.body().get("campaignId").asText();
    assertThat(world.campaigns.get(id).status()).isEqualTo(CampaignStatus.Halted);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown field | {\"name\":\"x\",\"bogus\":1} | InvalidParameter | bogus",
        "no selection | {\"name\":\"x\",\"target\":{\"engineVersion\":\"2022\"},\"waves\":[{}]} | InvalidParameter | selection",
        "empty selection | {\"name\":\"x\",\"selection\":{},\"target\":{\"engineVersion\":\"2022\"},\"waves\":[{}]} | InvalidParameter | selection",
        "unknown version | {\"name\":\"x\",\"selection\":{\"engineVersion\":\"2015\"},\"target\":{\"engineVersion\":\"2022\"},\"waves\":[{}]} | InvalidParameter | selection.engineVersion",
        "percent over 100 | {\"name\":\"x\",\"selection\":{\"engineVersion\":\"2016\"},\"target\":{\"engineVersion\":\"2022\"},\"waves\":[{\"size\":\"150%\"},{}]} | InvalidParameter | waves[0].size",
        "size as text | {\"name\":\"x\",\"selection\":{\"engineVersion\":\"2016\"},\"target\":{\"engineVersion\":\"2022\"},\"waves\":[{\"size\":\"5\"},{}]} | InvalidParameter | waves[0].size",
        "first wave without size | {\"name\":\"x\",\"selection\":{\"engineVersion\":\"2016\"},\"target\":{\"engineVersion\":\"2022\"},\"waves\":[{},{}]} | InvalidParameter | waves[0].size",
        "no waves | {\"name\":\"x\",\"selection\":{\"engineVersion\":\"2016\"},\"target\":{\"engineVersion\":\"2022\"},\"waves\":[]} | InvalidParameter | waves",
        "concurrency 0 | {\"name\":\"x\",\"selection\":{\"engineVersion\":\"2016\"},\"target\":{\"engineVersion\":\"2022\"},\"waves\":[{\"maxConcurrency\":0}]} | InvalidParameter | waves[0].maxConcurrency",
        "unknown id | {\"name\":\"x\",\"selection\":{\"instanceIds\":[\"rm-a\",\"rm-zz\"]},\"target\":{\"engineVersion\":\"2022\"},\"waves\":[{}]} | InvalidParameter | selection.instanceIds",
        "unknown switch policy | {\"name\":\"x\",\"selection\":{\"engineVersion\":\"2016\"},\"target\":{\"engineVersion\":\"2022\"},\"waves\":[{}],\"switchPolicy\":\"Later\"} | InvalidParameter | switchPolicy",
        "downgrade for all | {\"name\":\"x\",\"selection\":{\"engineVersion\":\"2016\"},\"target\":{\"engineVersion\":\"2012\"},\"waves\":[{}]} | NoUpgradableInstances | selection",
      })
  void badInput_getsAStableCode_andChangesNothing(
      String why, String body, String code, String field) {
    List<?> before = world.snapshot();
    Response r = world.send("POST", "/campaigns", Map.of(), body);
    assertThat(r.body().get("code").asText()).as(r.body().toString()).isEqualTo(code);
    assertThat(r.body().get("field").asText()).isEqualTo(field);
    assertThat(world.snapshot()).isEqualTo(before);
    assertThat(world.control.started).isEmpty();
  }

  @Test
  void actions_pauseResumeApproveHalt_eachOnlyFromTheStatusesThatAllowIt() {
    String id = create("").body().get("campaignId").asText();

    assertThat(world.action(id, "pause").body().get("status").asText()).isEqualTo("Paused");
    Response again = world.action(id, "pause");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().get("code").asText()).isEqualTo("IncorrectCampaignState");
    assertThat(world.action(id, "resume").body().get("status").asText()).isEqualTo("Running");
    assertThat(world.action(id, "approve").body().get("code").asText())
        .isEqualTo("NoApprovalPending");

    // WHEN the machine reaches the approval step (its Lambda stores the task token)
    world.campaigns.awaitApproval(id, "token-1");
    assertThat(world.action(id, "approve").body().get("status").asText()).isEqualTo("Running");
    assertThat(world.control.approved).containsExactly("token-1");
    assertThat(world.campaigns.get(id).approvalToken()).isNull();

    world.campaigns.awaitApproval(id, "token-2");
    Response halted = world.action(id, "halt");
    assertThat(halted.body().get("status").asText()).isEqualTo("Halted");
    assertThat(world.control.refused).containsExactly("token-2 CampaignHalted");
    assertThat(world.action(id, "resume").body().get("code").asText())
        .isEqualTo("IncorrectCampaignState");
    assertThat(world.action(id, "halt").status()).isEqualTo(409);
  }

  @Test
  void actions_badInputAndUnknownCampaign() {
    String id = create("").body().get("campaignId").asText();
    Response bad =
        world.send(
            "POST",
            "/campaigns/{campaignId}/actions",
            Map.of("campaignId", id),
            "{\"action\":\"stop\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("field").asText()).isEqualTo("action");
    Response missing = world.action("cp-missing", "pause");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().get("code").asText()).isEqualTo("CampaignNotFound");
    assertThat(
            world
                .send("GET", "/campaigns/{campaignId}", Map.of("campaignId", "cp-missing"), null)
                .status())
        .isEqualTo(404);
  }
}
