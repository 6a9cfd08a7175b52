package dev.sqlup.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code sqlup campaign ...} against a scripted API; the demo's closing-line arithmetic (issue 15).
 */
class CampaignCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CAMPAIGN =
      """
      {"campaignId":"cp-1","name":"eol","status":"Running","currentWave":1,"waveCount":2,"approvalPending":false,
       "eta":"2026-03-03T10:00:00.000Z",
       "counts":{"total":12,"planned":5,"running":3,"succeeded":3,"failed":1,"skipped":0,"notStarted":0},
       "waves":[{"index":0,"name":"canary","status":"Completed","size":2,"maxConcurrency":1,"toleratedFailures":"0",
                 "counts":{"total":2,"planned":0,"running":0,"succeeded":2,"failed":0,"skipped":0,"notStarted":0}},
                {"index":1,"name":"rest","status":"Running","size":10,"maxConcurrency":5,"toleratedFailures":"10%",
                 "counts":{"total":10,"planned":5,"running":3,"succeeded":1,"failed":1,"skipped":0,"notStarted":0}}],
       "instances":[]}""";
  private FakeApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void status_printsOneRowPerWave() {
    api.on("GET /campaigns/cp-1", 200, CAMPAIGN);
    Cli r = Cli.run("campaign", "status", "cp-1", "--api-url", api.url());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("campaign cp-1 (eol): Running, eta 2026-03-03T10:00:00.000Z");
    List<String> lines = r.out().lines().toList();
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).matches("wave\\s+name\\s+status\\s+size\\s+limit.*"));
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches("1\\s+rest\\s+Running\\s+10\\s+5\\s+10%\\s+3\\s+1\\s+1\\s+0\\s+5"));
  }

  @Test
  void plan_fromOptions_postsADryRunWithACanaryAndTheRest() throws Exception {
    api.on(
        "POST /campaigns",
        200,
        """
        {"dryRun":true,"selected":1,"upgradable":1,"refused":0,"expectedEnd":"2026-03-02T16:12:00.000Z",
         "waves":[{"index":0,"name":"canary","size":1}],"instances":[{"instanceId":"rm-a","wave":0,"upgradable":true,
         "estimate":{"totalSeconds":3720},"prechecks":[]}]}""");
    Cli r =
        Cli.run(
            "campaign",
            "plan",
            "--api-url",
            api.url(),
            "--name",
            "eol",
            "--select-version",
            "2016",
            "--target-version",
            "2022",
            "--canary",
            "10%",
            "--tolerate",
            "2",
            "--approval");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode sent = JSON.readTree(api.requests.get(0).body());
    assertThat(sent.get("dryRun").asBoolean()).isTrue();
    assertThat(sent.at("/selection/engineVersion").asText()).isEqualTo("2016");
    assertThat(sent.at("/waves/0/size").asText()).isEqualTo("10%");
    assertThat(sent.at("/waves/0/approvalRequired").asBoolean()).isTrue();
    assertThat(sent.at("/waves/1/toleratedFailures").asInt()).isEqualTo(2);
    assertThat(r.out()).contains("1 selected, 1 upgradable, 0 refused").contains("1h02m");
  }

  @Test
  void actions_postTheAction_andApiErrorsExit1() throws Exception {
    api.on("POST /campaigns/cp-1/actions", 200, "{\"campaignId\":\"cp-1\",\"status\":\"Halted\"}");
    Cli r = Cli.run("campaign", "halt", "cp-1", "--reason", "bad canary", "--api-url", api.url());
    assertThat(r.out()).contains("campaign cp-1 Halted");
    JsonNode sent = JSON.readTree(api.requests.get(0).body());
    assertThat(sent.get("action").asText()).isEqualTo("halt");
    assertThat(sent.get("reason").asText()).isEqualTo("bad canary");
    api.on(
        "POST /campaigns/cp-2/actions",
        409,
        "{\"code\":\"IncorrectCampaignState\",\"message\":\"campaign cp-2 is Halted\"}");
    Cli refused = Cli.run("campaign", "resume", "cp-2", "--api-url", api.url());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("IncorrectCampaignState");
  }

  @Test
  void plan_withoutFileOrOptions_isAUserError() {
    Cli r = Cli.run("campaign", "plan", "--api-url", api.url());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(api.requests).isEmpty();
  }

  @Test
  void demoArithmetic_peakCountsOverlaps_endsBeforeStarts_andWindowsCrossMidnight() {
    Instant t = Instant.parse("2026-03-02T00:00:00Z");
    assertThat(
            DemoCampaignCommand.peak(
                List.of(
                    new Instant[] {t, t.plusSeconds(10)},
                    new Instant[] {t.plusSeconds(10), t.plusSeconds(20)},
                    new Instant[] {t.plusSeconds(5), t.plusSeconds(15)})))
        .isEqualTo(2);
    assertThat(DemoCampaignCommand.inWindow("23:00Z-01:00Z", Instant.parse("2026-03-02T00:30:00Z")))
        .isTrue();
    assertThat(DemoCampaignCommand.inWindow("23:00Z-01:00Z", Instant.parse("2026-03-02T01:00:00Z")))
        .isFalse();
    assertThat(DemoCampaignCommand.inWindow("04:00Z-06:00Z", Instant.parse("2026-03-02T05:59:00Z")))
        .isTrue();
    assertThat(DemoCampaignCommand.sample(7).path("maintenanceWindow").asText())
        .isEqualTo("01:00Z-03:00Z");
  }
}
