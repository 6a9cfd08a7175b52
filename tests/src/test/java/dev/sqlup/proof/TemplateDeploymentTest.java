package dev.sqlup.proof;

import static dev.sqlup.proof.CfnTemplate.list;
import static dev.sqlup.proof.CfnTemplate.map;
import static dev.sqlup.proof.CfnTemplate.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.runtime.LocalEndpoints;
import dev.sqlup.testing.Dynalite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * template.yaml as a deployable stack (issue 12 item 4, issue 13 items 5-6): AWS's cfn-lint
 * (informational checks included) reports nothing, AWS's SAM translator transforms it with and
 * without the VPC parameters, the deployed default is the real data plane, every table keeps its
 * data, and the observability and notification resources are wired. The tools are the ones
 * preinstalled in the image's Python (docs: /work/shared/ENVIRONMENT-NOTES.md); a missing tool
 * fails with an install hint.
 */
class TemplateDeploymentTest {
  static final Path ROOT = Dynalite.projectRoot();
  static final Path TEMPLATE = ROOT.resolve("template.yaml");
  static final ObjectMapper JSON = new ObjectMapper();
  static final CfnTemplate CFN = CfnTemplate.load(TEMPLATE);
  static final Map<String, String> VPC =
      Map.of(
          "VpcSubnetIds",
          "subnet-0a1,subnet-0b2",
          "VpcId",
          "vpc-0c3",
          "VpcRouteTableIds",
          "rtb-0d4");

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(List<String> command, String installHint) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
    pb.environment().putIfAbsent("AWS_DEFAULT_REGION", "us-east-1");
    try {
      Path out = Files.createTempFile("sqlup-tool", ".out");
      Path err = Files.createTempFile("sqlup-tool", ".err");
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(command.get(0) + " did not finish in 180 s");
      }
      Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      if (r.exit() != 0
          && (r.err().contains("No module named") || r.err().contains("command not found"))) {
        fail(
            command.get(0)
                + " cannot run here ("
                + r.err().strip()
                + "). Install it: "
                + installHint);
      }
      return r;
    } catch (IOException e) {
      fail(
          command.get(0)
              + " is not installed ("
              + e.getMessage()
              + "). Install it: "
              + installHint);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Run cfnLint(Path template) {
    return run(
        List.of("cfn-lint", "--include-checks", "I", "--", template.toString()),
        "pip install cfn-lint==1.51.0 (AWS's cfn-lint for Python, not the npm package of that name)");
  }

  static JsonNode transform(Map<String, String> parameters) throws IOException {
    Run r =
        run(
            List.of(
                "python3",
                ROOT.resolve("tests/src/test/resources/sam/transform.py").toString(),
                TEMPLATE.toString(),
                JSON.writeValueAsString(parameters)),
            "pip install aws-sam-translator==1.110.0");
    assertThat(r.exit()).as("SAM translator errors:\n" + r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void cfnLint_includingInformationalChecks_reportsNothing() {
    Run r = cfnLint(TEMPLATE);
    assertThat(r.out() + r.err()).as("cfn-lint findings").isBlank();
    assertThat(r.exit()).isZero();
  }

  @Test
  void cfnLint_reportsATableThatWouldBeDeletedWithTheStack() throws IOException {
    Path bad = dir.resolve("template.yaml");
    Files.writeString(
        bad,
        """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Table:
            Type: AWS::DynamoDB::Table
            Properties:
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
              KeySchema: [{AttributeName: pk, KeyType: HASH}]
        """,
        StandardCharsets.UTF_8);
    Run r = cfnLint(bad);
    assertThat(r.exit()).isNotZero();
    assertThat(r.out()).contains("I3011");
  }

  @Test
  void
      samTranslator_transformsTheTemplate_withAndWithoutVpc_andEveryFunctionGetsTheVpcConfigCondition()
          throws IOException {
    for (Map<String, String> parameters :
        List.of(
            Map.<String, String>of(),
            VPC,
            Map.of(
                "VpcSubnetIds",
                "subnet-0a1",
                "VpcId",
                "vpc-0c3",
                "VpcSecurityGroupIds",
                "sg-0e5",
                "VpcEndpoints",
                "false",
                "DataPlane",
                "simulated",
                "NotificationEmail",
                "dba@example.com",
                "LogRetentionDays",
                "90"))) {
      JsonNode out = transform(parameters);
      List<String> functions = new ArrayList<>();
      out.path("Resources")
          .fields()
          .forEachRemaining(
              e -> {
                JsonNode p = e.getValue().path("Properties");
                switch (e.getValue().path("Type").asText()) {
                  case "AWS::Lambda::Function" -> {
                    functions.add(e.getKey());
                    assertThat(p.at("/VpcConfig/Fn::If/0").asText())
                        .as(e.getKey() + " VpcConfig")
                        .isEqualTo("InVpc");
                    assertThat(p.at("/VpcConfig/Fn::If/1/SubnetIds/Ref").asText())
                        .isEqualTo("VpcSubnetIds");
                    assertThat(p.at("/VpcConfig/Fn::If/2/Ref").asText()).isEqualTo("AWS::NoValue");
                    assertThat(p.at("/TracingConfig/Mode").asText())
                        .as(e.getKey() + " tracing")
                        .isEqualTo("Active");
                    assertThat(p.at("/LoggingConfig/LogGroup/Ref").asText())
                        .isEqualTo("FunctionLogGroup");
                    assertThat(p.at("/Environment/Variables/DATA_PLANE/Ref").asText())
                        .isEqualTo("DataPlane");
                  }
                  case "AWS::StepFunctions::StateMachine" -> {
                    assertThat(p.at("/TracingConfiguration/Enabled").asBoolean()).isTrue();
                    assertThat(
                            p.at(
                                    "/LoggingConfiguration/Destinations/0/CloudWatchLogsLogGroup/LogGroupArn/Fn::GetAtt/0")
                                .asText())
                        .isEqualTo("StateMachineLogGroup");
                  }
                  default -> {}
                }
              });
      assertThat(functions).hasSizeGreaterThanOrEqualTo(23);
    }
  }

  @Test
  void vpc_endpointsForEveryServiceTheFunctionsCall_behindTheirConditions() {
    Map<String, String> services = new java.util.TreeMap<>();
    CFN.resourcesOfType("AWS::EC2::VPCEndpoint")
        .forEach(
            (id, r) -> {
              String service = map(properties(r).get("ServiceName")).get("Fn::Sub").toString();
              services.put(
                  service.substring(service.lastIndexOf('.') + 1),
                  r.get("Condition") + "/" + properties(r).get("VpcEndpointType"));
            });
    assertThat(services)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "dynamodb", "CreateDynamoDbGatewayEndpoint/Gateway",
                "states", "CreateVpcEndpoints/Interface",
                "events", "CreateVpcEndpoints/Interface",
                "secretsmanager", "CreateVpcEndpoints/Interface",
                "logs", "CreateVpcEndpoints/Interface",
                "monitoring", "CreateVpcEndpoints/Interface"));
    Map<String, Object> conditions = map(CFN.root().get("Conditions"));
    assertThat(conditions.get("InVpc").toString()).contains("VpcSubnetIds");
    assertThat(conditions.get("CreateVpcEndpoints").toString()).contains("InVpc", "VpcEndpoints");
    assertThat(CFN.resources().get("FunctionSecurityGroup").get("Condition"))
        .isEqualTo("CreateFunctionSecurityGroup");
    assertThat(map(map(CFN.root().get("Parameters")).get("VpcSubnetIds")).get("Default"))
        .isEqualTo("");
  }

  @Test
  void deployedDefault_isTheRealDataPlane_andOnlyTheLocalRuntimeAsksForTheSimulatedFleet() {
    Map<String, Object> parameter = map(map(CFN.root().get("Parameters")).get("DataPlane"));
    assertThat(parameter.get("Default")).isEqualTo("sqlserver");
    assertThat(list(parameter.get("AllowedValues"))).containsExactly("sqlserver", "simulated");
    Map<String, Object> variables =
        map(map(CFN.functionGlobals().get("Environment")).get("Variables"));
    assertThat(map(variables.get("DATA_PLANE")).get("Ref")).isEqualTo("DataPlane");
    CFN.resourcesOfType("AWS::Serverless::Function")
        .forEach(
            (id, fn) ->
                assertThat(map(map(properties(fn).get("Environment")).get("Variables")))
                    .as(id)
                    .doesNotContainKey("DATA_PLANE"));
    assertThat(LocalEndpoints.overrides("http://127.0.0.1:1", null, null))
        .containsEntry("DATA_PLANE", "simulated");
  }

  @Test
  void everyTable_isRetained_protectedFromDeletion_andRecoverableToAPointInTime() {
    Map<String, Map<String, Object>> tables = CFN.resourcesOfType("AWS::DynamoDB::Table");
    assertThat(tables).hasSizeGreaterThanOrEqualTo(5);
    tables.forEach(
        (id, t) -> {
          assertThat(t.get("DeletionPolicy")).as(id).isEqualTo("Retain");
          assertThat(t.get("UpdateReplacePolicy")).as(id).isEqualTo("Retain");
          assertThat(properties(t).get("DeletionProtectionEnabled")).as(id).isEqualTo(true);
          assertThat(
                  map(properties(t).get("PointInTimeRecoverySpecification"))
                      .get("PointInTimeRecoveryEnabled"))
              .as(id)
              .isEqualTo(true);
        });
  }

  @Test
  void
      alarms_coverExecutions_everyFunctionsErrorsAndThrottles_andTasksOverEstimate_andNotifyTheTopic() {
    Map<String, Map<String, Object>> alarms = CFN.resourcesOfType("AWS::CloudWatch::Alarm");
    Set<String> metrics = new HashSet<>();
    Map<String, Set<String>> functionsByMetric =
        Map.of("Errors", new HashSet<>(), "Throttles", new HashSet<>());
    alarms.forEach(
        (id, a) -> {
          Map<String, Object> p = properties(a);
          assertThat(list(p.get("AlarmActions")).toString()).as(id).contains("NotificationTopic");
          if (p.containsKey("MetricName")) {
            metrics.add(p.get("MetricName").toString());
          }
          for (Object q : list(p.get("Metrics"))) {
            Map<String, Object> metric = map(map(map(q).get("MetricStat")).get("Metric"));
            if (metric.isEmpty()) {
              continue;
            }
            String name = metric.get("MetricName").toString();
            for (Object d : list(metric.get("Dimensions"))) {
              functionsByMetric.get(name).add(map(map(d).get("Value")).get("Ref").toString());
            }
          }
          assertThat(list(p.get("Metrics")).size())
              .as(id + ": metric math alarms take at most 10 metrics")
              .isLessThanOrEqualTo(11);
        });
    assertThat(metrics).contains("ExecutionsFailed", "ExecutionsTimedOut", "TasksOverEstimate");
    Set<String> functions = CFN.resourcesOfType("AWS::Serverless::Function").keySet();
    assertThat(functionsByMetric.get("Errors"))
        .as("functions whose errors alarm")
        .containsExactlyInAnyOrderElementsOf(functions);
    assertThat(functionsByMetric.get("Throttles"))
        .as("functions whose throttles alarm")
        .containsExactlyInAnyOrderElementsOf(functions);
  }

  @Test
  void notifications_failuresApprovalsAndSuccesses_reachTheTopic_whichAllowsEventBridge() {
    Map<String, String> rules = new java.util.TreeMap<>();
    CFN.resourcesOfType("AWS::Events::Rule")
        .forEach(
            (id, r) -> {
              Map<String, Object> p = properties(r);
              assertThat(map(p.get("EventBusName")).get("Ref")).isEqualTo("UpgradeEventBus");
              assertThat(map(map(list(p.get("Targets")).get(0)).get("Arn")).get("Ref"))
                  .isEqualTo("NotificationTopic");
              rules.put(id, list(map(p.get("EventPattern")).get("detail-type")).toString());
            });
    assertThat(String.join(" ", rules.values()))
        .contains(
            "UpgradeFailed",
            "UpgradeSucceeded",
            "UpgradeWaitingForApproval",
            "UpgradeCutoverGuardHolding",
            "UpgradeSwitchRescheduled");
    Map<String, Object> policy =
        map(properties(CFN.resources().get("NotificationTopicPolicy")).get("PolicyDocument"));
    String statements = list(policy.get("Statement")).toString();
    assertThat(statements).contains("events.amazonaws.com", "sns:Publish");
    for (String rule : rules.keySet()) {
      assertThat(statements).as("the topic policy names " + rule).contains(rule);
    }
    assertThat(CFN.resources().get("NotificationEmailSubscription").get("Condition"))
        .isEqualTo("HasNotificationEmail");
    // Encrypted with a key EventBridge and CloudWatch may use: with aws/sns their messages would be
    // dropped.
    assertThat(
            map(properties(CFN.resources().get("NotificationTopic")).get("KmsMasterKeyId"))
                .get("Ref"))
        .isEqualTo("NotificationKey");
    assertThat(properties(CFN.resources().get("NotificationKey")).get("KeyPolicy").toString())
        .contains(
            "events.amazonaws.com",
            "cloudwatch.amazonaws.com",
            "kms:GenerateDataKey*",
            "kms:Decrypt");
    for (String type :
        rules.values().stream()
            .flatMap(
                v ->
                    Pattern.compile("Upgrade\\w+")
                        .matcher(v)
                        .results()
                        .map(java.util.regex.MatchResult::group))
            .toList()) {
      assertThat(ROOT.resolve("schemas/events/" + type + ".json")).as("schema of " + type).exists();
    }
  }

  @Test
  void logsHaveRetention_andTheDashboardBodyIsJsonWithItsFourViews() throws IOException {
    CFN.resourcesOfType("AWS::Logs::LogGroup")
        .forEach(
            (id, g) ->
                assertThat(map(properties(g).get("RetentionInDays")).get("Ref"))
                    .as(id)
                    .isEqualTo("LogRetentionDays"));
    assertThat(CFN.resourcesOfType("AWS::Logs::LogGroup"))
        .containsKeys("FunctionLogGroup", "StateMachineLogGroup");
    String body =
        map(properties(CFN.resources().get("OperationsDashboard")).get("DashboardBody"))
            .get("Fn::Sub")
            .toString();
    JsonNode dashboard = JSON.readTree(body.replaceAll("\\$\\{[^}]+}", "x"));
    String titles = dashboard.findValuesAsText("title").toString();
    assertThat(titles).contains("Active upgrades", "Phase durations", "Failures", "Downtime");
  }
}
