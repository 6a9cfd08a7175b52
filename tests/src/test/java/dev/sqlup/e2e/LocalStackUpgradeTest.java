package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.runtime.LocalDynamoDb;
import dev.sqlup.local.runtime.SamEventBus;
import dev.sqlup.local.runtime.SamFunction;
import dev.sqlup.local.runtime.SamStateMachine;
import dev.sqlup.local.runtime.SamTemplate;
import dev.sqlup.local.runtime.TemplateResolver;
import dev.sqlup.testing.Dynalite;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The upgrade end to end in LocalStack (needs Docker; {@code mvn -B -Plocalstack verify}): the
 * shaded jar deployed as one Lambda function per template function (java21, the template's
 * environment with LocalStack's names and ARNs), the template's tables in LocalStack's DynamoDB,
 * its event bus in LocalStack's EventBridge with a rule copying every upgrade event to an SQS
 * queue, and statemachine/upgrade.asl.json (DefinitionSubstitutions resolved to the LocalStack
 * ARNs) in LocalStack's Step Functions. Requests go in as API Gateway proxy events through Lambda
 * Invoke (events/ samples).
 *
 * <p>Deployed functions run on the real clock and the simulated fleet keeps the guide's speeds, so
 * the successful upgrade takes real minutes (target creation alone is 12); the refused one ends in
 * seconds. Not run on the development machine (no Docker there): written against LocalStack 4 and
 * Testcontainers 2.0.5 documentation, compiled by every build.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class LocalStackUpgradeTest {
  private static final Path ROOT = Dynalite.projectRoot();
  private static final Path JAR = ROOT.resolve("functions/target/sqlup-functions.jar");

  /**
   * LocalStack's default account; the local resolver's ARNs use {@link TemplateResolver#ACCOUNT}.
   */
  private static final String ACCOUNT = "000000000000";

  /**
   * How Lambda containers reach LocalStack (its DNS answers this name with the LocalStack
   * container).
   */
  private static final String ENDPOINT_FROM_LAMBDA = "http://localhost.localstack.cloud:4566";

  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
          .withServices(
              "dynamodb", "stepfunctions", "events", "lambda", "sqs", "iam", "sts", "logs")
          .withEnv("LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT", "120");

  private static final SamTemplate TEMPLATE = SamTemplate.load(ROOT.resolve("template.yaml"));
  private static DynamoDbClient dynamo;
  private static SfnClient sfn;
  private static LambdaClient lambda;
  private static SqsClient sqs;
  private static String queueUrl;
  private static String stateMachineArn;

  @BeforeAll
  static void deploy() throws IOException {
    assumeTrue(!TEMPLATE.stateMachines().isEmpty(), "template.yaml has no state machine yet");
    assumeTrue(
        Files.exists(JAR),
        JAR + " is missing: run `mvn -B -Plocalstack verify` (the package phase builds it)");
    URI endpoint = LOCALSTACK.getEndpoint();
    var credentials =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
    Region region = Region.of(LOCALSTACK.getRegion());
    dynamo =
        DynamoDbClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    sfn =
        SfnClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    lambda =
        LambdaClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(3)))
            .build();
    sqs =
        SqsClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();

    LocalDynamoDb.createTables(dynamo, TEMPLATE.tables());

    queueUrl = sqs.createQueue(b -> b.queueName("sqlup-upgrade-events")).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(
                b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    try (EventBridgeClient events =
        EventBridgeClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      for (SamEventBus bus : TEMPLATE.eventBuses()) {
        events.createEventBus(b -> b.name(bus.name()));
        events.putRule(
            b ->
                b.name("sqlup-upgrade-events")
                    .eventBusName(bus.name())
                    .eventPattern("{\"source\":[\"dev.sqlup.upgrade\"]}"));
        events.putTargets(
            b ->
                b.rule("sqlup-upgrade-events")
                    .eventBusName(bus.name())
                    .targets(t -> t.id("queue").arn(queueArn)));
      }
    }

    SdkBytes code = SdkBytes.fromByteArray(Files.readAllBytes(JAR));
    TemplateResolver resolver = TEMPLATE.resolver();
    for (SamFunction f : TEMPLATE.functions()) {
      Map<String, String> env = new LinkedHashMap<>();
      resolver.environment(f).forEach((k, v) -> env.put(k, inLocalStack(v)));
      env.put("AWS_ENDPOINT_URL_DYNAMODB", ENDPOINT_FROM_LAMBDA);
      env.put("AWS_ENDPOINT_URL_SFN", ENDPOINT_FROM_LAMBDA);
      env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", ENDPOINT_FROM_LAMBDA);
      lambda.createFunction(
          b ->
              b.functionName(f.functionName())
                  .runtime(Runtime.JAVA21)
                  .handler(f.handler())
                  .role("arn:aws:iam::" + ACCOUNT + ":role/sqlup-" + f.logicalId())
                  .code(c -> c.zipFile(code))
                  .timeout(f.timeoutSeconds())
                  .memorySize(f.memorySize())
                  .environment(e -> e.variables(env)));
    }
    for (SamFunction f : TEMPLATE.functions()) {
      lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(f.functionName()));
    }

    SamStateMachine machine = TEMPLATE.stateMachines().get(0);
    String definition = Files.readString(machine.definitionPath(), StandardCharsets.UTF_8);
    for (Map.Entry<String, String> s : resolver.substitutions(machine).entrySet()) {
      definition = definition.replace("${" + s.getKey() + "}", inLocalStack(s.getValue()));
    }
    String resolved = definition;
    stateMachineArn =
        sfn.createStateMachine(
                b ->
                    b.name(machine.name())
                        .definition(resolved)
                        .roleArn("arn:aws:iam::" + ACCOUNT + ":role/sqlup-" + machine.logicalId())
                        .type(StateMachineType.STANDARD))
            .stateMachineArn();
    // the submit function's UPGRADE_STATE_MACHINE_ARN names the machine just created
    assertThat(inLocalStack(TemplateResolver.stateMachineArn(machine.name())))
        .isEqualTo(stateMachineArn);
  }

  @Test
  void anUpgradeTheDataPlaneRefuses_isCompensated_andAnnouncedOnTheEventBus() throws Exception {
    String instanceId = "ls-refused-1";
    ObjectNode instance = instance(instanceId, 5);
    ((ObjectNode) instance.path("simulation"))
        .set(
            "faults",
            Http.JSON.readTree("{\"failOperation\":\"CREATE_TARGET\",\"mode\":\"reject\"}"));
    assertThat(
            api("RegisterInstanceFunction", "register-instance.json", null, instance)
                .path("statusCode")
                .asInt())
        .isEqualTo(201);
    String taskId = submit(instanceId, "refused-1");

    DescribeExecutionResponse execution = awaitEnd(taskId, Duration.ofMinutes(5));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).isEqualTo("UpgradeFailed");
    JsonNode task = body(api("GetTaskFunction", "get-task.json", Map.of("taskId", taskId), null));
    assertThat(task.path("status").asText()).isEqualTo("Failed");
    assertThat(task.path("failureReason").asText()).contains("CREATE_TARGET");
    JsonNode after =
        body(
            api(
                "GetInstanceFunction",
                "get-instance.json",
                Map.of("instanceId", instanceId),
                null));
    assertThat(after.path("status").asText()).isEqualTo("Running");
    assertThat(after.path("engineVersion").asText()).isEqualTo("2019");
    assertThat(upgradeEvents(taskId, 2)).containsSubsequence("UpgradeStarted", "UpgradeFailed");
  }

  @Test
  void anUpgrade_runsToSucceeded_inLocalStack() throws Exception {
    String instanceId = "ls-small-1";
    assertThat(
            api("RegisterInstanceFunction", "register-instance.json", null, instance(instanceId, 1))
                .path("statusCode")
                .asInt())
        .isEqualTo(201);
    String taskId = submit(instanceId, "small-1");

    // real time: target creation (12 min), backup/restore of 1 GB, log rounds, DNS switch
    DescribeExecutionResponse execution = awaitEnd(taskId, Duration.ofMinutes(45));
    assertThat(execution.status()).as(execution.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(tableName("UpgradeTasksTable"))
                        .key(Map.of("taskId", AttributeValue.fromS(taskId))))
            .item();
    assertThat(item.get("status").s()).isEqualTo("Succeeded");
    JsonNode after =
        body(
            api(
                "GetInstanceFunction",
                "get-instance.json",
                Map.of("instanceId", instanceId),
                null));
    assertThat(after.path("engineVersion").asText()).isEqualTo("2022");
    assertThat(upgradeEvents(taskId, 3)).startsWith("UpgradeStarted").endsWith("UpgradeSucceeded");
  }

  private static String submit(String instanceId, String clientToken) throws IOException {
    ObjectNode request = (ObjectNode) Http.JSON.readTree(sampleBody("submit-upgrade.json"));
    request.put("clientToken", clientToken);
    JsonNode accepted =
        api(
            "SubmitUpgradeFunction",
            "submit-upgrade.json",
            Map.of("instanceId", instanceId),
            request);
    assertThat(accepted.path("statusCode").asInt()).as(accepted.toString()).isEqualTo(202);
    return body(accepted).path("taskId").asText();
  }

  private static DescribeExecutionResponse awaitEnd(String taskId, Duration timeout)
      throws InterruptedException {
    String executionArn = stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + taskId;
    long deadline = System.nanoTime() + timeout.toNanos();
    DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(executionArn));
    while (execution.status() == ExecutionStatus.RUNNING && System.nanoTime() < deadline) {
      Thread.sleep(2_000);
      execution = sfn.describeExecution(b -> b.executionArn(executionArn));
    }
    return execution;
  }

  /** The DetailTypes of the events of one task that reached the queue, in arrival order. */
  private static List<String> upgradeEvents(String taskId, int atLeast)
      throws IOException, InterruptedException {
    List<String> types = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (types.size() < atLeast && System.nanoTime() < deadline) {
      for (Message m :
          sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(2))
              .messages()) {
        JsonNode event = Http.JSON.readTree(m.body());
        if (event.path("detail").path("taskId").asText().equals(taskId)) {
          types.add(event.path("detail-type").asText());
        }
      }
    }
    return types;
  }

  /** Invokes a route's function with the events/ sample, its path parameters and body replaced. */
  private static JsonNode api(
      String function, String sample, Map<String, String> pathParameters, JsonNode body)
      throws IOException {
    ObjectNode event =
        (ObjectNode) Http.JSON.readTree(ROOT.resolve("events").resolve(sample).toFile());
    String path = event.path("resource").asText();
    if (pathParameters != null) {
      ObjectNode params = Http.JSON.createObjectNode();
      for (Map.Entry<String, String> p : pathParameters.entrySet()) {
        params.put(p.getKey(), p.getValue());
        path = path.replace("{" + p.getKey() + "}", p.getValue());
      }
      event.set("pathParameters", params);
    }
    event.put("path", path);
    if (body != null) {
      event.put("body", Http.JSON.writeValueAsString(body));
    }
    SdkBytes payload = SdkBytes.fromUtf8String(Http.JSON.writeValueAsString(event));
    InvokeResponse response = lambda.invoke(b -> b.functionName(function).payload(payload));
    assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
    return Http.JSON.readTree(response.payload().asUtf8String());
  }

  private static JsonNode body(JsonNode proxyResponse) throws IOException {
    return Http.JSON.readTree(proxyResponse.path("body").asText());
  }

  private static String sampleBody(String sample) throws IOException {
    return Http.JSON
        .readTree(ROOT.resolve("events").resolve(sample).toFile())
        .path("body")
        .asText();
  }

  /** The guide's kind of instance with one database of {@code sizeGb}, simulated. */
  private static ObjectNode instance(String instanceId, int sizeGb) throws IOException {
    ObjectNode body = (ObjectNode) Http.JSON.readTree(sampleBody("register-instance.json"));
    body.put("instanceId", instanceId);
    body.put("endpoint", instanceId + ".sqlup.internal");
    body.put("dataSizeGb", sizeGb);
    body.set(
        "simulation",
        Http.JSON.readTree(
            "{\"databases\":[{\"name\":\"sales\",\"sizeGb\":"
                + sizeGb
                + ",\"recoveryModel\":\"FULL\"}],\"logGbPerHour\":0.5}"));
    return body;
  }

  private static String inLocalStack(String value) {
    return value.replace(":" + TemplateResolver.ACCOUNT + ":", ":" + ACCOUNT + ":");
  }

  private static String tableName(String logicalId) {
    return TEMPLATE.tables().stream()
        .filter(t -> t.logicalId().equals(logicalId))
        .findFirst()
        .orElseThrow()
        .tableName();
  }
}
