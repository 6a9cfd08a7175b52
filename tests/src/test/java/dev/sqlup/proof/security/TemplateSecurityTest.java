package dev.sqlup.proof.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.proof.CfnTemplate;
import dev.sqlup.testing.Dynalite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 §5, as tests on template.yaml: every API route requires AWS_IAM; no IAM statement allows
 * {@code *} actions on {@code *} resources (justified exceptions are listed here with their
 * reason). The rules are first shown to catch hand-written bad templates, then applied to the real
 * one.
 */
class TemplateSecurityTest {
  /** Statements allowed to use '*' for both action and resource, with the reason. None so far. */
  static final Map<String, String> JUSTIFIED_WILDCARDS = Map.of();

  @TempDir Path dir;

  @Test
  void realTemplate_everyApiRouteRequiresIam() {
    CfnTemplate template = realTemplate();
    assertThat(
            template.resourcesOfType("AWS::Serverless::Function").values().stream()
                .anyMatch(
                    fn ->
                        CfnTemplate.map(CfnTemplate.properties(fn).get("Events")).values().stream()
                            .anyMatch(e -> "Api".equals(CfnTemplate.map(e).get("Type")))))
        .as("the template has API routes")
        .isTrue();
    List<String> problems = TemplateSecurity.routesWithoutIam(template);
    long routes =
        template.resourcesOfType("AWS::Serverless::Function").values().stream()
            .flatMap(
                fn -> CfnTemplate.map(CfnTemplate.properties(fn).get("Events")).values().stream())
            .filter(e -> "Api".equals(CfnTemplate.map(e).get("Type")))
            .count();
    List<TemplateSecurity.Statement> statements = TemplateSecurity.statements(template);
    String summary =
        "template security: "
            + routes
            + " API routes, "
            + problems.size()
            + " without AWS_IAM; "
            + statements.size()
            + " explicit IAM statements, "
            + statements.stream()
                .filter(TemplateSecurity.Statement::wildcardActionAndResource)
                .count()
            + " with '*' action on '*' resource, "
            + statements.stream()
                .filter(TemplateSecurity.Statement::wildcardResource)
                .map(st -> st.where() + " " + st.actions())
                .toList()
            + " on '*' resources; justified exceptions: "
            + (JUSTIFIED_WILDCARDS.isEmpty() ? "none" : JUSTIFIED_WILDCARDS);
    System.out.println(summary);
    dev.sqlup.proof.Docs.write(
        "RELIABILITY.md",
        "## Security: template.yaml",
        "## Security: template.yaml\n\n"
            + "Command: `mvn -B -o -pl tests -am verify -Dtest=TemplateSecurityTest -Dsurefire.failIfNoSpecifiedTests=false "
            + "-Dproof.docs=true` (runs in every `mvn verify`).\n\nResult: "
            + summary
            + "\n");
    assertThat(problems).isEmpty();
  }

  @Test
  void realTemplate_noStatementAllowsEveryActionOnEveryResource() {
    List<TemplateSecurity.Statement> broad =
        TemplateSecurity.statements(realTemplate()).stream()
            .filter(TemplateSecurity.Statement::wildcardActionAndResource)
            .filter(s -> JUSTIFIED_WILDCARDS.keySet().stream().noneMatch(s.where()::startsWith))
            .toList();
    assertThat(broad).isEmpty();
  }

  /**
   * Actions with no resource-level permissions, the only ones allowed on '*': X-Ray segments and
   * sampling, CloudWatch Logs delivery for the state machine's logging, PutMetricData (limited by
   * namespace instead), and the task-token callbacks (Step Functions developer guide,
   * "service-level permissions": SendTask* act on a token, not on a state machine or execution
   * ARN).
   */
  static final java.util.Set<String> ACTIONS_WITHOUT_RESOURCES =
      java.util.Set.of(
          "xray:PutTraceSegments",
          "xray:PutTelemetryRecords",
          "xray:GetSamplingRules",
          "xray:GetSamplingTargets",
          "logs:CreateLogDelivery",
          "logs:GetLogDelivery",
          "logs:UpdateLogDelivery",
          "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries",
          "logs:PutResourcePolicy",
          "logs:DescribeResourcePolicies",
          "logs:DescribeLogGroups",
          "cloudwatch:PutMetricData",
          "states:SendTaskSuccess",
          "states:SendTaskFailure",
          "states:SendTaskHeartbeat");

  @Test
  void realTemplate_wildcardResources_onlyForActionsThatHaveNoResourceLevelPermissions() {
    List<String> broad =
        TemplateSecurity.statements(realTemplate()).stream()
            .filter(TemplateSecurity.Statement::wildcardResource)
            .filter(s -> !ACTIONS_WITHOUT_RESOURCES.containsAll(s.actions()))
            .map(s -> s.where() + " " + s.actions())
            .toList();
    assertThat(broad).isEmpty();
    assertThat(
            TemplateSecurity.statements(realTemplate()).stream()
                .filter(TemplateSecurity.Statement::wildcardResource))
        .as("the state machine's tracing/logging and the sweeper's metrics need '*'")
        .isNotEmpty();
  }

  @Test
  void routeRule_catchesMissingOrOverriddenIam() throws IOException {
    CfnTemplate bad =
        yaml(
            """
        Resources:
          OpenApi:
            Type: AWS::Serverless::Api
            Properties: {StageName: v1}
          SecureApi:
            Type: AWS::Serverless::Api
            Properties: {StageName: v1, Auth: {DefaultAuthorizer: AWS_IAM}}
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.B::handleRequest
              Events:
                Implicit: {Type: Api, Properties: {Path: /a, Method: get}}
                Overridden: {Type: Api, Properties: {RestApiId: !Ref SecureApi, Path: /b, Method: get, Auth: {Authorizer: NONE}}}
                Fine: {Type: Api, Properties: {RestApiId: !Ref SecureApi, Path: /c, Method: get}}
        """);
    assertThat(TemplateSecurity.routesWithoutIam(bad))
        .containsExactlyInAnyOrder(
            "OpenApi: DefaultAuthorizer is null, not AWS_IAM",
            "Fn.Implicit (get /a): implicit API without an AWS_IAM default authorizer",
            "Fn.Overridden (get /b): Authorizer NONE");
  }

  @Test
  void statementRule_catchesWildcards_inRolesInlinePoliciesAndPolicyTemplates() throws IOException {
    CfnTemplate bad =
        yaml(
            """
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: '*'}, Action: 'sts:AssumeRole'}]}
              ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
              Policies:
                - PolicyName: all
                  PolicyDocument: {Statement: [{Effect: Allow, Action: '*', Resource: '*'}]}
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.B::handleRequest
              Policies:
                - Statement: [{Effect: Allow, Action: ['dynamodb:*', '*'], Resource: ['*']}]
                - Statement: [{Effect: Allow, Action: 'xray:PutTraceSegments', Resource: '*'}]
                - LambdaInvokePolicy: {FunctionName: '*'}
                - DynamoDBCrudPolicy: {TableName: !Ref Table}
        """);
    assertThat(
            TemplateSecurity.statements(bad).stream()
                .filter(TemplateSecurity.Statement::wildcardActionAndResource)
                .map(TemplateSecurity.Statement::where))
        .containsExactlyInAnyOrder(
            "Role/arn:aws:iam::aws:policy/AdministratorAccess",
            "Role/all#1",
            "Fn#1",
            "Fn/LambdaInvokePolicy");
  }

  private CfnTemplate yaml(String text) throws IOException {
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, text);
    return CfnTemplate.load(file);
  }

  static CfnTemplate realTemplate() {
    Path file = CfnTemplate.defaultPath(Dynalite.projectRoot());
    return CfnTemplate.load(file);
  }
}
