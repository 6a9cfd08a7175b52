package dev.sqlup.workflow.campaign;

import static dev.sqlup.domain.campaign.CampaignFixtures.instance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.sqlup.api.CampaignWorld;
import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.campaign.Amount;
import dev.sqlup.domain.campaign.Campaign;
import dev.sqlup.domain.campaign.CampaignPlanner;
import dev.sqlup.domain.campaign.CampaignSpec;
import dev.sqlup.domain.campaign.Selection;
import dev.sqlup.domain.campaign.SwitchPolicy;
import dev.sqlup.domain.campaign.TargetRule;
import dev.sqlup.domain.campaign.WaveSpec;
import dev.sqlup.json.Json;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.testing.DynaliteExtension;
import dev.sqlup.testing.TestJson;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The four campaign events' {@code detail}, as the campaign machine builds them from its steps'
 * output, match schemas/events/&lt;DetailType&gt;.json (JSON Schema 2020-12), and the machine's
 * Announce states send exactly those detail types (issue 15).
 */
@ExtendWith(DynaliteExtension.class)
class CampaignEventSchemasTest {
  private static final Path ROOT = Dynalite.projectRoot();
  private final CampaignWorld world;

  CampaignEventSchemasTest(DynamoDbClient dynamo) {
    this.world = new CampaignWorld(dynamo);
  }

  private static JsonSchema schema(String detailType) throws Exception {
    try (InputStream in =
        Files.newInputStream(ROOT.resolve("schemas/events/" + detailType + ".json"))) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }

  private static JsonNode tree(Object step) throws Exception {
    return TestJson.MAPPER.readTree(Json.write(step));
  }

  @Test
  void detailsOfAHaltedCampaign_andOfASucceededOne_matchTheirSchemas() throws Exception {
    world.register(instance("rm-a", 100, "01:00Z-03:00Z"), instance("rm-b", 100, "02:00Z-04:00Z"));
    List<String> problems = new ArrayList<>();
    for (String id : List.of("cp-halt", "cp-ok")) {
      CampaignSpec spec =
          new CampaignSpec(
              id,
              new Selection(List.of(), Map.of(), "2016"),
              new TargetRule("2022", null, null, Map.of()),
              List.of(
                  new WaveSpec("canary", Amount.count(1), 1, Amount.count(0), 60, true),
                  new WaveSpec("rest", null, 5, Amount.percent(10), 0, false)),
              SwitchPolicy.OwnMaintenanceWindow);
      world.campaigns.create(
          Campaign.fromPlan(
              id,
              spec,
              new CampaignPlanner(Catalogue.standard())
                  .plan(
                      spec,
                      world.services.instances().list(10, null).items(),
                      world.clock.instant()),
              world.clock.instant()));
    }
    var steps = new CampaignWaves(world.campaigns, world.services.tasks(), world.clock);
    var launches =
        new CampaignLaunches(
            world.campaigns,
            world.services.instances(),
            world.services.tasks(),
            Catalogue.standard(),
            world.clock);

    // cp-halt: the canary's upgrade is recorded without a finished task (its execution was
    // stopped): budget spent
    CampaignStep started = steps.startWave(CampaignStep.of("cp-halt", 0));
    ObjectNode waveStarted =
        TestJson.MAPPER
            .createObjectNode()
            .put("campaignId", started.campaignId())
            .put("wave", started.wave())
            .put("waveName", started.waveName())
            .put("size", started.items().size())
            .put("maxConcurrency", started.maxConcurrency());
    problems.addAll(
        schema("CampaignWaveStarted").validate(waveStarted).stream()
            .map(Object::toString)
            .toList());
    CampaignStep launched =
        launches.launch(
            CampaignStep.of("cp-halt", 0).forInstance("rm-a", null, null, null, null, null));
    steps.record(
        new CampaignStep(
            "cp-halt",
            0,
            null,
            "rm-a",
            launched.taskId(),
            "Start",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Map.of("Error", "States.Aborted", "Cause", "stopped")));
    JsonNode haltedWave = tree(steps.endWave(CampaignStep.of("cp-halt", 0)));
    problems.addAll(
        schema("CampaignWaveCompleted").validate(haltedWave).stream()
            .map(Object::toString)
            .toList());
    JsonNode halted = tree(steps.finish(CampaignStep.of("cp-halt", 0)));
    problems.addAll(
        schema("CampaignHalted").validate(halted).stream().map(Object::toString).toList());
    assertThat(halted.get("status").asText()).isEqualTo("Halted");

    // cp-ok: both waves end with nothing failed
    world
        .services
        .instances()
        .releaseUpgradeLock("rm-a", launched.taskId(), dev.sqlup.domain.InstanceStatus.Running);
    JsonNode next = tree(steps.endWave(CampaignStep.of("cp-ok", 0)));
    problems.addAll(
        schema("CampaignWaveCompleted").validate(next).stream().map(Object::toString).toList());
    assertThat(next.get("action").asText()).isEqualTo("Next");
    JsonNode succeeded = tree(steps.finish(CampaignStep.of("cp-ok", 1)));
    problems.addAll(
        schema("CampaignSucceeded").validate(succeeded).stream().map(Object::toString).toList());

    assertThat(problems).isEmpty();
    // and the schemas can fail: a halted campaign's detail is not a succeeded one's
    assertThat(schema("CampaignSucceeded").validate(halted)).isNotEmpty();
  }

  @Test
  void theMachineAnnouncesExactlyTheFourDetailTypes_eachWithASchema() throws Exception {
    JsonNode machine =
        TestJson.MAPPER.readTree(ROOT.resolve("statemachine/campaign.asl.json").toFile());
    List<String> types = new ArrayList<>();
    machine
        .get("States")
        .forEach(
            state ->
                state
                    .at("/Parameters/Entries")
                    .forEach(
                        e -> {
                          types.add(e.get("DetailType").asText());
                          assertThat(e.get("Source").asText()).isEqualTo("dev.sqlup.campaign");
                        }));
    assertThat(types)
        .containsExactlyInAnyOrder(
            "CampaignWaveStarted", "CampaignWaveCompleted", "CampaignHalted", "CampaignSucceeded");
    for (String type : types) {
      assertThat(ROOT.resolve("schemas/events/" + type + ".json")).exists();
    }
    JsonNode started = machine.at("/States/AnnounceWaveStarted/Parameters/Entries/0/Detail");
    List<String> keys = new ArrayList<>();
    started.fieldNames().forEachRemaining(k -> keys.add(k.replace(".$", "")));
    List<String> required = new ArrayList<>();
    TestJson.MAPPER
        .readTree(ROOT.resolve("schemas/events/CampaignWaveStarted.json").toFile())
        .get("required")
        .forEach(r -> required.add(r.asText()));
    assertThat(keys).containsExactlyInAnyOrderElementsOf(required);
  }
}
