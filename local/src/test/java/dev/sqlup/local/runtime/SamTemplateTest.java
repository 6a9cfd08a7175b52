package dev.sqlup.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

class SamTemplateTest {
  private final SamTemplate template = Fixtures.template();

  @Test
  void shortFormTags_becomeLongForm() {
    JsonNode yaml =
        CfnYaml.parse(
            """
        A: !Ref Table
        B: !GetAtt Fn.Arn
        C: !GetAtt [Fn, Arn]
        D: !Sub "x-${AWS::Region}"
        E: !Sub ["${a}", {a: !Ref Stage}]
        F: !Join [",", [a, b]]
        G: !Select [0, !GetAZs ""]
        H: !If [Cond, !Ref AWS::NoValue, x]
        I: !Not [!Equals [a, b]]
        J: !And [!Condition C1, !Or [!Condition C2, !Condition C3]]
        K: !FindInMap [M, k1, k2]
        L: !ImportValue exported
        M: !Split [",", "a,b"]
        N: !Base64 text
        O: !Cidr ["10.0.0.0/16", 4, 8]
        P: 2010-09-09
        """,
            "inline");
    assertThat(yaml.get("A").toString()).isEqualTo("{\"Ref\":\"Table\"}");
    assertThat(yaml.get("B").toString()).isEqualTo("{\"Fn::GetAtt\":[\"Fn\",\"Arn\"]}");
    assertThat(yaml.get("C")).isEqualTo(yaml.get("B"));
    assertThat(yaml.get("D").toString()).isEqualTo("{\"Fn::Sub\":\"x-${AWS::Region}\"}");
    assertThat(yaml.get("E").toString())
        .isEqualTo("{\"Fn::Sub\":[\"${a}\",{\"a\":{\"Ref\":\"Stage\"}}]}");
    assertThat(yaml.get("F").toString()).isEqualTo("{\"Fn::Join\":[\",\",[\"a\",\"b\"]]}");
    assertThat(yaml.get("G").toString()).isEqualTo("{\"Fn::Select\":[0,{\"Fn::GetAZs\":\"\"}]}");
    assertThat(yaml.get("H").toString())
        .isEqualTo("{\"Fn::If\":[\"Cond\",{\"Ref\":\"AWS::NoValue\"},\"x\"]}");
    assertThat(yaml.get("I").toString())
        .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[\"a\",\"b\"]}]}");
    assertThat(yaml.get("J").toString())
        .isEqualTo(
            "{\"Fn::And\":[{\"Condition\":\"C1\"},{\"Fn::Or\":[{\"Condition\":\"C2\"},{\"Condition\":\"C3\"}]}]}");
    assertThat(yaml.get("K").toString()).isEqualTo("{\"Fn::FindInMap\":[\"M\",\"k1\",\"k2\"]}");
    assertThat(yaml.get("L").toString()).isEqualTo("{\"Fn::ImportValue\":\"exported\"}");
    assertThat(yaml.get("M").toString()).isEqualTo("{\"Fn::Split\":[\",\",\"a,b\"]}");
    assertThat(yaml.get("N").toString()).isEqualTo("{\"Fn::Base64\":\"text\"}");
    assertThat(yaml.get("O").toString()).isEqualTo("{\"Fn::Cidr\":[\"10.0.0.0/16\",4,8]}");
    assertThat(yaml.get("P").isTextual()).isTrue();
  }

  @Test
  void functions_mergeGlobals_andReadApiAndScheduleEvents() {
    SamFunction list = template.function("ListInstancesFunction");
    assertThat(list.handlerClass()).isEqualTo("dev.sqlup.local.runtime.handlers.EchoApiHandler");
    assertThat(list.handlerMethod()).isEqualTo("handleRequest");
    assertThat(list.timeoutSeconds()).isEqualTo(2);
    assertThat(list.memorySize()).isEqualTo(1024);
    assertThat(list.codeUri()).isEqualTo("../../functions/target/sqlup-functions.jar");
    assertThat(list.environment()).containsKeys("INSTANCES_TABLE", "TASKS_TABLE", "EVENT_BUS_NAME");
    assertThat(list.apiEvents())
        .extracting(SamFunction.ApiEvent::method, SamFunction.ApiEvent::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("GET", "/instances"),
            org.assertj.core.groups.Tuple.tuple("GET", "/instances/{instanceId}/upgrade-options"),
            org.assertj.core.groups.Tuple.tuple("POST", "/instances/{instanceId}/upgrades"),
            org.assertj.core.groups.Tuple.tuple("ANY", "/files/{proxy+}"));
    assertThat(template.function("FailingFunction").timeoutSeconds()).isEqualTo(1);

    SamFunction sweeper = template.function("SweeperFunction");
    assertThat(sweeper.scheduleEvents())
        .containsExactly(
            new SamFunction.ScheduleEvent("EveryFiveMinutes", "rate(5 minutes)", true, null),
            new SamFunction.ScheduleEvent("Nightly", "cron(0 2 * * ? *)", false, null),
            new SamFunction.ScheduleEvent(
                "WithInput", "rate(1 hour)", true, "{\"sweep\": \"all\"}"));
  }

  @Test
  void environment_resolvesRefGetAttSubIfJoinSelectSplit() {
    Map<String, String> env =
        template.resolver().environment(template.function("GreetingFunction"));
    assertThat(env)
        .containsEntry("INSTANCES_TABLE", "InstancesTable")
        .containsEntry("TASKS_TABLE", "sqlup-local-tasks")
        .containsEntry("EVENT_BUS_NAME", "sqlup-upgrades")
        .containsEntry(
            "UPGRADE_STATE_MACHINE_ARN",
            "arn:aws:states:us-east-1:123456789012:stateMachine:UpgradeStateMachine")
        .containsEntry(
            "GREETING_ARN", "arn:aws:lambda:us-east-1:123456789012:function:GreetingFunction")
        .containsEntry(
            "REGION_TEXT", "region=us-east-1 account=123456789012 table=sqlup-local-tasks")
        .containsEntry("BUS_ARN", "arn:aws:events:us-east-1:123456789012:event-bus/sqlup-upgrades")
        .containsEntry("MODE", "development")
        .containsEntry("JOINED", "a-v1-y");
    template.resolver().withParameter("Stage", "prod");
    assertThat(template.resolver().environment(template.function("GreetingFunction")))
        .containsEntry("MODE", "production");
  }

  @Test
  void tables_becomeCreateTableRequests() {
    assertThat(template.tables())
        .extracting(SamTable::tableName)
        .containsExactly("InstancesTable", "sqlup-local-tasks");
    CreateTableRequest tasks = template.tables().get(1).createTableRequest();
    assertThat(tasks.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(tasks.attributeDefinitions()).hasSize(3);
    assertThat(tasks.keySchema().get(0).attributeName()).isEqualTo("taskId");
    assertThat(tasks.globalSecondaryIndexes())
        .singleElement()
        .satisfies(
            gsi -> {
              assertThat(gsi.indexName()).isEqualTo("byInstance");
              assertThat(gsi.keySchema()).hasSize(2);
              assertThat(gsi.projection().projectionTypeAsString()).isEqualTo("ALL");
            });
  }

  @Test
  void stateMachines_resolveDefinitionUriAndSubstitutions() {
    SamStateMachine machine = template.stateMachines().get(0);
    assertThat(machine.definitionPath())
        .isEqualTo(
            Fixtures.templatePath()
                .getParent()
                .resolve("statemachine/upgrade.asl.json")
                .normalize());
    assertThat(Files.exists(machine.definitionPath())).isTrue();
    assertThat(template.resolver().substitutions(machine))
        .containsEntry(
            "GreetingFunctionArn",
            "arn:aws:lambda:us-east-1:123456789012:function:GreetingFunction")
        .containsEntry("TasksTableName", "sqlup-local-tasks");
    assertThat(template.eventBuses())
        .containsExactly(new SamEventBus("UpgradeEventBus", "sqlup-upgrades"));
  }

  @Test
  void refToAFunctionAlias_isTheArnQualifiedByItsAutoPublishAlias() {
    SamTemplate t =
        SamTemplate.parse(
            """
        Globals:
          Function:
            AutoPublishAlias: live
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.B
          G:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.C
              AutoPublishAlias: blue
          T:
            Type: AWS::DynamoDB::Table
        """,
            Path.of("t.yaml"));
    assertThat(t.resolver().resolveString(CfnYaml.parse("v: !Ref F.Alias", "x").get("v")))
        .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:F:live");
    assertThat(t.resolver().resolveString(CfnYaml.parse("v: !Ref G.Alias", "x").get("v")))
        .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:G:blue");
    assertThatThrownBy(
            () -> t.resolver().resolveString(CfnYaml.parse("v: !Ref T.Alias", "x").get("v")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("not a function with AutoPublishAlias");
  }

  @Test
  void unresolvable_isAClearError() {
    SamTemplate t =
        SamTemplate.parse(
            """
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.B
              Environment:
                Variables:
                  X: !Ref Nowhere
                  Y: !ImportValue shared
        """,
            Path.of("t.yaml"));
    assertThatThrownBy(() -> t.resolver().environment(t.function("F")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("variable X")
        .hasMessageContaining("Nowhere");
    assertThatThrownBy(
            () -> t.resolver().resolve(CfnYaml.parse("v: !ImportValue shared", "x").get("v")))
        .hasMessageContaining("Fn::ImportValue");
  }

  @Test
  void unknownFunction_listsTheKnownOnes() {
    assertThatThrownBy(() -> template.function("Nope"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("no function 'Nope'")
        .hasMessageContaining("ListInstancesFunction, FailingFunction, GreetingFunction");
  }

  @Test
  void missingOrMalformedTemplate_isOneLine(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> SamTemplate.load(dir.resolve("template.yaml")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("not found");
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "Resources:\n  A: [unclosed\n");
    assertThatThrownBy(() -> SamTemplate.load(bad))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("is not valid YAML at line")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    Path noResources = dir.resolve("plain.yaml");
    Files.writeString(noResources, "hello: world\n");
    assertThatThrownBy(() -> SamTemplate.load(noResources))
        .hasMessageContaining("no Resources section");
  }
}
