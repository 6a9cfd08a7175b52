package dev.sqlup.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.sqlup.config.Services;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.testing.TestJson;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;

/**
 * template.yaml: valid SAM, tables equal to {@link TableDefinitions}, every route IAM-protected and
 * wired to a real handler.
 */
class TemplateTest {
  private static final Path ROOT = Dynalite.projectRoot();

  /**
   * Loads YAML turning short-form intrinsics ({@code !Ref x}) into their long form ({@code {"Ref":
   * x}}).
   */
  static JsonNode loadTemplate() throws Exception {
    class Intrinsics extends SafeConstructor {
      Intrinsics() {
        super(new LoaderOptions());
        for (String fn :
            List.of(
                "Ref",
                "GetAtt",
                "Sub",
                "Join",
                "Select",
                "Split",
                "If",
                "Equals",
                "Not",
                "And",
                "Or",
                "FindInMap",
                "GetAZs",
                "ImportValue",
                "Base64",
                "Cidr",
                "Condition")) {
          String name = fn.equals("Ref") || fn.equals("Condition") ? fn : "Fn::" + fn;
          yamlConstructors.put(
              new Tag("!" + fn),
              new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                  Object value;
                  if (node instanceof ScalarNode s) {
                    String text = constructScalar(s);
                    value = fn.equals("GetAtt") ? List.of(text.split("\\.", 2)) : text;
                  } else if (node instanceof SequenceNode q) {
                    value = constructSequence(q);
                  } else {
                    value = constructMapping((MappingNode) node);
                  }
                  return Map.of(name, value);
                }
              });
        }
      }
    }
    try (InputStream in = Files.newInputStream(ROOT.resolve("template.yaml"))) {
      Object yaml = new Yaml(new Intrinsics()).load(in);
      return TestJson.MAPPER.valueToTree(yaml);
    }
  }

  @Test
  void template_isValidAgainstTheSamSchema() throws Exception {
    JsonNode template = loadTemplate();
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(ROOT.resolve("schemas/sam.schema.json"))) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }

    Set<ValidationMessage> errors = schema.validate(template);

    assertThat(errors).isEmpty();
    // and the check can fail: an unknown function property is reported
    JsonNode broken = template.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            broken.at("/Resources/GetTaskFunction/Properties"))
        .put("Handlr", "x");
    assertThat(schema.validate(broken)).isNotEmpty();
  }

  @Test
  void tables_matchTableDefinitions() throws Exception {
    JsonNode resources = loadTemplate().get("Resources");

    assertSameTable(resources.get("InstancesTable"), TableDefinitions.instances("x"));
    assertSameTable(resources.get("UpgradeTasksTable"), TableDefinitions.tasks("x"));
    assertSameTable(
        resources.get("FleetTable"),
        dev.sqlup.dataplane.simulated.FleetTableDefinition.createTableRequest("x"));
    assertSameTable(resources.get("CampaignsTable"), TableDefinitions.campaigns("x"));
  }

  private static void assertSameTable(JsonNode table, CreateTableRequest expected) {
    JsonNode p = table.get("Properties");
    assertThat(table.get("Type").asText()).isEqualTo("AWS::DynamoDB::Table");
    assertThat(p.get("BillingMode").asText()).isEqualTo(expected.billingModeAsString());
    Set<String> attributes = new HashSet<>();
    p.get("AttributeDefinitions")
        .forEach(
            a ->
                attributes.add(
                    a.get("AttributeName").asText() + ":" + a.get("AttributeType").asText()));
    assertThat(attributes)
        .containsExactlyInAnyOrderElementsOf(
            expected.attributeDefinitions().stream()
                .map(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                .toList());
    assertThat(keys(p.get("KeySchema")))
        .isEqualTo(
            expected.keySchema().stream()
                .map(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .toList());
    List<String> gsis = new ArrayList<>();
    if (p.has("GlobalSecondaryIndexes")) {
      p.get("GlobalSecondaryIndexes")
          .forEach(
              g ->
                  gsis.add(
                      g.get("IndexName").asText()
                          + keys(g.get("KeySchema"))
                          + g.at("/Projection/ProjectionType").asText()));
    }
    assertThat(gsis)
        .containsExactlyInAnyOrderElementsOf(
            expected.globalSecondaryIndexes().stream()
                .map(
                    (GlobalSecondaryIndex g) ->
                        g.indexName()
                            + g.keySchema().stream()
                                .map(k -> k.attributeName() + ":" + k.keyTypeAsString())
                                .toList()
                            + g.projection().projectionTypeAsString())
                .toList());
  }

  private static List<String> keys(JsonNode keySchema) {
    List<String> out = new ArrayList<>();
    keySchema.forEach(
        k -> out.add(k.get("AttributeName").asText() + ":" + k.get("KeyType").asText()));
    return out;
  }

  @Test
  void everyRoute_isIamAuthorised_andServedByAHandlerWithBothConstructors() throws Exception {
    JsonNode resources = loadTemplate().get("Resources");
    assertThat(resources.at("/SqlupApi/Properties/Auth/DefaultAuthorizer").asText())
        .isEqualTo("AWS_IAM");
    Set<String> routes = new HashSet<>();
    for (var it = resources.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
        continue;
      }
      JsonNode props = e.getValue().get("Properties");
      for (JsonNode event : props.path("Events")) {
        if (!event.path("Type").asText().equals("Api")) {
          continue;
        }
        JsonNode api = event.get("Properties");
        assertThat(api.at("/RestApiId/Ref").asText()).as(e.getKey()).isEqualTo("SqlupApi");
        assertThat(api.has("Auth"))
            .as(e.getKey() + " must not override the IAM authorizer")
            .isFalse();
        routes.add(api.get("Method").asText().toUpperCase() + " " + api.get("Path").asText());
        String handler = props.get("Handler").asText();
        assertThat(handler).endsWith("::handleRequest");
        Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
        assertThat(RequestStreamHandler.class)
            .as(handler + ": the runtime hands API events over as bytes")
            .isAssignableFrom(type);
        assertThat(type.getConstructor()).isNotNull();
        assertThat(type.getConstructor(Services.class)).isNotNull();
      }
    }
    Set<String> fixtureRoutes = new HashSet<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("events"))) {
      for (Path f : files.toList()) {
        JsonNode event = TestJson.MAPPER.readTree(f.toFile());
        if (!event.has("httpMethod")) {
          continue; // a workflow or schedule event, not a route's
        }
        fixtureRoutes.add(event.get("httpMethod").asText() + " " + event.get("resource").asText());
      }
    }
    assertThat(routes).hasSize(21).isEqualTo(fixtureRoutes);
  }

  @Test
  void globals_setTheEnvironmentTheHandlersRead() throws Exception {
    JsonNode variables = loadTemplate().at("/Globals/Function/Environment/Variables");

    assertThat(variables.at("/INSTANCES_TABLE/Ref").asText()).isEqualTo("InstancesTable");
    assertThat(variables.at("/TASKS_TABLE/Ref").asText()).isEqualTo("UpgradeTasksTable");
    assertThat(variables.at("/FLEET_TABLE/Ref").asText()).isEqualTo("FleetTable");
    assertThat(variables.at("/EVENT_BUS_NAME/Ref").asText()).isEqualTo("UpgradeEventBus");
    assertThat(loadTemplate().at("/Globals/Function/SnapStart/ApplyOn").asText())
        .isEqualTo("PublishedVersions");
  }
}
