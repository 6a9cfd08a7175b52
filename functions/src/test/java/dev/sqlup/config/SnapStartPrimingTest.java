package dev.sqlup.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.sun.net.httpserver.HttpServer;
import dev.sqlup.dataplane.sqlserver.OperationJournal;
import dev.sqlup.dataplane.sqlserver.TargetHostPool;
import dev.sqlup.store.TableDefinitions;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.testing.DynaliteExtension;
import dev.sqlup.testing.TestJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The SnapStart priming of every handler of template.yaml, run as Lambda's runtime runs it before
 * the snapshot ({@code beforeCheckpoint}), against a store holding a registered instance, a
 * submitted upgrade past its precheck and target creation, and a registered target host: every step
 * answers as expected and no table changes. (This JVM has no CRaC implementation, so the hook is
 * called directly; what it buys after a restore can only be measured on Lambda.)
 */
@ExtendWith(DynaliteExtension.class)
class SnapStartPrimingTest {
  private static final Path ROOT = Dynalite.projectRoot();

  private HttpServer stepFunctions;
  private final List<String> stepFunctionsCalls = new CopyOnWriteArrayList<>();

  @BeforeEach
  void stepFunctionsEndpoint() throws IOException {
    // Answers like Step Functions for an execution that was never started (the sweeper's priming
    // asks).
    stepFunctions =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stepFunctions.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          stepFunctionsCalls.add(
              String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")));
          byte[] body =
              "{\"__type\":\"ExecutionDoesNotExist\",\"message\":\"Execution Does Not Exist\"}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
          exchange.sendResponseHeaders(400, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    stepFunctions.start();
  }

  @AfterEach
  void stop() {
    stepFunctions.stop(0);
  }

  @Test
  void everyHandlersPriming_runsAllItsSteps_andChangesNoTable(DynamoDbClient dynamo)
      throws Exception {
    // GIVEN the template's tables with an instance, an upgrade past its target creation and a
    // target host
    Map<String, String> tables = createTables(dynamo);
    Map<String, String> env = new LinkedHashMap<>(tables);
    env.put(
        Services.UPGRADE_STATE_MACHINE_ARN,
        "arn:aws:states:us-east-1:123456789012:stateMachine:UpgradeStateMachine");
    env.put("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:" + stepFunctions.getAddress().getPort());
    env.put("AWS_REGION", "us-east-1");
    env.put(DataPlaneMode.VARIABLE, "simulated");
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    Services services =
        new Services(env, Clock.systemUTC())
            .withDynamoDb(dynamo)
            .withLauncher((taskId, input) -> {});
    seed(services);
    Map<String, List<Map<String, AttributeValue>>> before = snapshot(dynamo, tables);
    for (String seeded :
        List.of(
            Services.INSTANCES_TABLE,
            Services.TASKS_TABLE,
            Services.FLEET_TABLE,
            "TARGET_HOST_POOL_TABLE")) {
      assertThat(before.get(tables.get(seeded))).as(seeded).isNotEmpty();
    }

    // WHEN each handler's priming runs as before a snapshot
    List<String> handlers = templateHandlers();
    assertThat(handlers)
        .hasSize(
            countOf(
                Files.readString(ROOT.resolve("template.yaml")),
                "Type: AWS::Serverless::Function"));
    List<String> primed = new ArrayList<>();
    for (String handlerClass : handlers) {
      Object handler =
          Class.forName(handlerClass).getConstructor(Services.class).newInstance(services);
      assertThat(handler).as(handlerClass).isInstanceOf(SnapStartPriming.Primed.class);
      SnapStartPriming priming = ((SnapStartPriming.Primed) handler).priming();
      assertThat(priming.runs())
          .as("constructed for tests and the local runtime, never primed")
          .isZero();
      priming.beforeCheckpoint(null);

      // THEN every step answered as expected
      assertThat(priming.runs()).isEqualTo(1);
      assertThat(priming.steps()).as(handlerClass).isNotEmpty();
      assertThat(priming.failures()).as(handlerClass).isEmpty();
      primed.add(priming.name() + " " + priming.steps());
    }

    // AND no table changed; the sweeper asked Step Functions for an execution that does not exist
    assertThat(snapshot(dynamo, tables)).isEqualTo(before);
    assertThat(stepFunctionsCalls).containsExactly("AWSStepFunctions.DescribeExecution");
    assertThat(primed).hasSize(handlers.size());
  }

  @Test
  void register_outsideACracJvm_neverRunsTheSteps() {
    AtomicBoolean ran = new AtomicBoolean();
    SnapStartPriming priming =
        new SnapStartPriming("test").step("flag", () -> ran.set(true)).register();

    assertThat(priming.runs()).isZero();
    assertThat(ran).isFalse();
  }

  @Test
  void aFailingStep_isReportedAndSkipped_andTheNextStepsStillRun() {
    AtomicBoolean second = new AtomicBoolean();
    SnapStartPriming priming =
        new SnapStartPriming("test")
            .step(
                "first",
                () -> {
                  throw new IllegalStateException("boom");
                })
            .step("second", () -> second.set(true));

    priming.beforeCheckpoint(null);

    assertThat(priming.failures()).containsExactly("first: java.lang.IllegalStateException: boom");
    assertThat(second).isTrue();
  }

  /** Every table a handler reads, named per test: env variable → table name. */
  private static Map<String, String> createTables(DynamoDbClient dynamo) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> tables = new LinkedHashMap<>();
    tables.put(Services.INSTANCES_TABLE, "Instances-" + suffix);
    tables.put(Services.TASKS_TABLE, "UpgradeTasks-" + suffix);
    tables.put(Services.FLEET_TABLE, "Fleet-" + suffix);
    tables.put("TARGET_HOST_POOL_TABLE", "TargetHostPool-" + suffix);
    tables.put("SQLSERVER_OPERATIONS_TABLE", "SqlServerOperations-" + suffix);
    TableDefinitions.createAll(
        dynamo,
        List.of(
            TableDefinitions.instances(tables.get(Services.INSTANCES_TABLE)),
            TableDefinitions.tasks(tables.get(Services.TASKS_TABLE)),
            dev.sqlup.dataplane.simulated.FleetTableDefinition.createTableRequest(
                tables.get(Services.FLEET_TABLE))));
    TargetHostPool.createTable(dynamo, tables.get("TARGET_HOST_POOL_TABLE"));
    OperationJournal.createTable(dynamo, tables.get("SQLSERVER_OPERATIONS_TABLE"));
    tables.put(CampaignServices.CAMPAIGNS_TABLE, "Campaigns-" + suffix);
    TableDefinitions.createAll(
        dynamo, List.of(TableDefinitions.campaigns(tables.get(CampaignServices.CAMPAIGNS_TABLE))));
    return tables;
  }

  /**
   * The events of events/ through the real handlers: register, submit, precheck, create target, a
   * host.
   */
  private static void seed(Services services) throws Exception {
    assertThat(api(new dev.sqlup.api.RegisterInstanceHandler(services), "register-instance.json"))
        .isEqualTo(201);
    assertThat(api(new dev.sqlup.api.SubmitUpgradeHandler(services), "submit-upgrade.json"))
        .isEqualTo(202);
    assertThat(
            api(new dev.sqlup.api.RegisterTargetHostHandler(services), "register-target-host.json"))
        .isEqualTo(201);
    String state =
        phase(
            new dev.sqlup.workflow.PrecheckHandler(services),
            Files.readString(ROOT.resolve("events/workflow-precheck.json")));
    phase(new dev.sqlup.workflow.CreateTargetHandler(services), state);
  }

  /**
   * The raw event through the API handler's Lambda entry point (a stream handler); the response's
   * status.
   */
  private static int api(RequestStreamHandler handler, String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(Files.readAllBytes(ROOT.resolve("events").resolve(event))),
        out,
        null);
    return TestJson.MAPPER.readTree(out.toByteArray()).get("statusCode").asInt();
  }

  private static String phase(RequestStreamHandler handler, String input) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, List<Map<String, AttributeValue>>> snapshot(
      DynamoDbClient dynamo, Map<String, String> tables) {
    Map<String, List<Map<String, AttributeValue>>> items = new LinkedHashMap<>();
    for (String table : tables.values()) {
      List<Map<String, AttributeValue>> all = new ArrayList<>();
      dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(all::add);
      all.sort((a, b) -> a.toString().compareTo(b.toString()));
      items.put(table, all);
    }
    return items;
  }

  private static int countOf(String text, String what) {
    return text.split(Pattern.quote(what), -1).length - 1;
  }

  /** The handler classes of template.yaml's functions. */
  private static List<String> templateHandlers() throws IOException {
    Matcher m =
        Pattern.compile("(?m)^\\s+Handler:\\s+([\\w.]+)::handleRequest\\s*$")
            .matcher(Files.readString(ROOT.resolve("template.yaml")));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
