package dev.sqlup.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.HttpDynamoDbEndpoint;
import dev.sqlup.local.asl.LocalStepFunctions;
import dev.sqlup.local.asl.LocalStepFunctionsBuilder;
import dev.sqlup.local.asl.http.StepFunctionsHttpServer;
import dev.sqlup.local.asl.model.HistoryEvent;
import dev.sqlup.local.asl.model.HistoryListener;
import dev.sqlup.local.console.ConsoleAssets;
import dev.sqlup.local.console.ExecutionPathRoute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What {@code sqlup serve} (and {@code demo}) runs: DynamoDB (dynalite, or an external endpoint)
 * with the template's tables, the embedded ASL engine with the template's state machines and the
 * Step Functions API, the REST API and the schedules — all on loopback, with the template's
 * functions in-process on the engine's clock; stopped in reverse order by {@link #close()}.
 */
public final class LocalServer implements AutoCloseable {

  /**
   * @param projectRoot holds {@code node_modules/dynalite}
   * @param clockMode {@code real}, {@code scaled:N} or {@code virtual} (time jumps to the next
   *     timer whenever every execution waits)
   * @param virtualStart where virtual time starts (null: now)
   * @param externalDynamoDb use this endpoint instead of starting dynalite (null: start dynalite)
   * @param dataDir persistent data (null: in memory)
   * @param servicesClass the handlers' services type ({@link InProcessLambda#SERVICES_CLASS})
   * @param lambdaConcurrency how many function invocations run at once ({@link
   *     InProcessLambda#concurrencyLimit()})
   */
  public record Config(
      Path template,
      Path projectRoot,
      int apiPort,
      int dynamoDbPort,
      int stepFunctionsPort,
      String clockMode,
      Instant virtualStart,
      Path dataDir,
      URI externalDynamoDb,
      String servicesClass,
      int lambdaConcurrency) {

    /** With the default Lambda concurrency ({@link InProcessLambda#defaultConcurrency()}). */
    public Config(
        Path template,
        Path projectRoot,
        int apiPort,
        int dynamoDbPort,
        int stepFunctionsPort,
        String clockMode,
        Instant virtualStart,
        Path dataDir,
        URI externalDynamoDb,
        String servicesClass) {
      this(
          template,
          projectRoot,
          apiPort,
          dynamoDbPort,
          stepFunctionsPort,
          clockMode,
          virtualStart,
          dataDir,
          externalDynamoDb,
          servicesClass,
          InProcessLambda.defaultConcurrency());
    }
  }

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final List<HistoryListener> historyListeners = new CopyOnWriteArrayList<>();
  private URI dynamoDbEndpoint;
  private LocalStepFunctions engine;
  private StepFunctionsHttpServer stepFunctionsApi;
  private Map<String, String> stateMachines;
  private InProcessLambda lambda;
  private ApiGatewayEmulator api;
  private ScheduleRunner schedules;
  private LocalDynamoDb dynalite;

  private LocalServer() {}

  /** Starts everything; on failure, stops what had started and rethrows. */
  public static LocalServer start(Config config, Consumer<String> log) {
    // The handlers' SDK clients (url-connection) keep at most http.maxConnections idle connections
    // per host (JDK default 5); with more invocations at once than that, every extra call opened a
    // new connection to dynalite or the engine. Read once by the JDK, so set before the first call.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "256");
    }
    LocalServer server = new LocalServer();
    try {
      server.startAll(config, log);
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void startAll(Config config, Consumer<String> log) {
    if (config.lambdaConcurrency() < 1) {
      throw new UserException(
          "--lambda-concurrency must be at least 1, not " + config.lambdaConcurrency());
    }
    LocalStepFunctionsBuilder engineBuilder = engineBuilder(config);
    SamTemplate template = SamTemplate.load(config.template());
    if (config.externalDynamoDb() != null) {
      dynamoDbEndpoint = config.externalDynamoDb();
      log.accept("DynamoDB: external " + dynamoDbEndpoint);
    } else {
      dynalite =
          LocalDynamoDb.start(config.projectRoot(), config.dynamoDbPort(), config.dataDir(), log);
      started.push(dynalite);
      dynamoDbEndpoint = dynalite.endpoint();
      log.accept(
          "DynamoDB: dynalite "
              + dynamoDbEndpoint
              + " (pid "
              + dynalite.pid()
              + ", "
              + (config.dataDir() == null
                  ? "in memory"
                  : "data in " + config.dataDir().resolve("dynamodb"))
              + ")");
    }
    try (DynamoDbClient client = LocalDynamoDb.client(dynamoDbEndpoint)) {
      var created = LocalDynamoDb.createTables(client, template.tables());
      log.accept(
          "tables: "
              + template.tables().stream().map(SamTable::tableName).toList()
              + (created.isEmpty() ? " (all existed)" : " (created " + created + ")"));
    }

    TemplateFunctionInvoker functions = new TemplateFunctionInvoker(template);
    engine =
        engineBuilder
            .taskInvoker(functions)
            .dynamoDb(HttpDynamoDbEndpoint.fromEnvironment(dynamoDbEndpoint, "us-east-1"))
            .eventsListener(
                (executionArn, entries) ->
                    entries.forEach(
                        entry -> {
                          events.add(entry);
                          log.accept(
                              "event "
                                  + entry.path("DetailType").asText()
                                  + " on "
                                  + entry.path("EventBusName").asText()
                                  + " from "
                                  + executionArn.substring(executionArn.lastIndexOf(':') + 1));
                        }))
            .historyListener(
                (executionArn, event) -> {
                  logTransition(log, executionArn, event);
                  historyListeners.forEach(l -> l.onEvent(executionArn, event));
                })
            .build();
    started.push(engine);
    stepFunctionsApi =
        new StepFunctionsHttpServer(
            engine, config.stepFunctionsPort(), entry -> log.accept(entry.line()), engine.clock());
    try {
      stepFunctionsApi.start();
    } catch (java.net.BindException e) {
      throw new UserException(
          "port "
              + config.stepFunctionsPort()
              + " is in use: stop what is using it or pass --sfn-port <port>");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Step Functions API", e);
    }
    started.push(stepFunctionsApi);

    lambda =
        new InProcessLambda(
            template,
            LocalEndpoints.overrides(
                dynamoDbEndpoint.toString(), stepFunctionsApi.endpoint().toString(), null),
            engine.clock(),
            log,
            config.servicesClass(),
            Thread.currentThread().getContextClassLoader(),
            config.lambdaConcurrency());
    started.push(lambda);
    functions.bind(lambda);
    stateMachines = LocalStateMachines.register(template, engine);
    log.accept(
        "Step Functions API: "
            + stepFunctionsApi.endpoint()
            + " (clock "
            + config.clockMode()
            + ", "
            + (config.dataDir() == null
                ? "in memory"
                : "executions in " + config.dataDir().resolve("stepfunctions"))
            + ", state machines "
            + stateMachines.keySet()
            + ")");
    log.accept(
        "functions: "
            + template.functions().size()
            + " in-process, at most "
            + lambda.concurrencyLimit()
            + " invocations at once (--lambda-concurrency); more wait for a slot");

    api = new ApiGatewayEmulator(lambda, config.apiPort(), engine.clock(), log);
    started.push(api);
    api.addLocalRoute(new ConsoleAssets(LocalServer.class.getClassLoader()));
    api.addLocalRoute(new ExecutionPathRoute(engine, stateMachines));
    log.accept("REST API: " + api.url() + " (" + api.routes().size() + " routes)");
    for (ApiRoute r : api.routes()) {
      log.accept("  " + r.method() + " " + r.resource() + " -> " + r.functionLogicalId());
    }
    log.accept(
        "web console: "
            + consoleUrl()
            + (new ConsoleAssets(LocalServer.class.getClassLoader()).available()
                ? ""
                : " (not in this build: built with -Dconsole.skip)"));

    schedules = new ScheduleRunner(lambda, engine.clock().instant(), log);
    schedules.startTicking(engine.clock(), Duration.ofSeconds(1));
    started.push(schedules);
    Object next = schedules.nextDue();
    log.accept("schedules: " + (next == null ? "none" : "next at " + next));
  }

  /**
   * One line per state entered and per execution start/end: {@code sfn up-1 > CreateTarget (virtual
   * time)}.
   */
  private static void logTransition(Consumer<String> log, String executionArn, HistoryEvent event) {
    String execution = executionArn.substring(executionArn.lastIndexOf(':') + 1);
    if (event.type().endsWith("StateEntered")) {
      log.accept(
          "sfn "
              + execution
              + " > "
              + event.details().path("name").asText()
              + " at "
              + event.timestamp());
    } else if (event.type().startsWith("Execution")) {
      log.accept("sfn " + execution + " " + event.type() + " at " + event.timestamp());
    }
  }

  /** Checked before anything starts, so a bad --clock changes nothing. */
  private static LocalStepFunctionsBuilder engineBuilder(Config config) {
    LocalStepFunctionsBuilder builder = LocalStepFunctions.builder();
    try {
      builder.clockMode(config.clockMode());
      // Callbacks (a campaign's approval) are answered through the API by people, in real time.
      builder.holdCallbackTimeouts(true);
    } catch (IllegalArgumentException e) {
      throw new UserException(
          "--clock must be real, virtual or scaled:N (e.g. scaled:60), not " + config.clockMode());
    }
    if (config.virtualStart() != null) {
      builder.virtualStart(config.virtualStart());
    }
    if (config.dataDir() != null) {
      builder.directory(config.dataDir().resolve("stepfunctions"));
    }
    return builder;
  }

  /**
   * Also tell {@code listener} of every history event from now on (the demo draws progress with
   * it).
   */
  public void addHistoryListener(HistoryListener listener) {
    historyListeners.add(listener);
  }

  /** The embedded Step Functions. */
  public LocalStepFunctions stepFunctions() {
    return engine;
  }

  /** The Step Functions API endpoint (AWS JSON 1.0). */
  public URI stepFunctionsEndpoint() {
    return stepFunctionsApi.endpoint();
  }

  /** The template's state machines: logical id → ARN. */
  public Map<String, String> stateMachines() {
    return stateMachines;
  }

  /**
   * Every event the state machines put on an event bus ({@code events:putEvents} entries), in
   * order.
   */
  public List<JsonNode> events() {
    return List.copyOf(events);
  }

  /** The template's functions, in-process. */
  public InProcessLambda lambda() {
    return lambda;
  }

  public URI dynamoDbEndpoint() {
    return dynamoDbEndpoint;
  }

  /** Where {@code serve} hosts the web console, beside the API. */
  public String consoleUrl() {
    return api.url() + ConsoleAssets.PREFIX;
  }

  public ApiGatewayEmulator api() {
    return api;
  }

  public ScheduleRunner schedules() {
    return schedules;
  }

  /** The dynalite process, or null with an external DynamoDB. */
  public LocalDynamoDb dynalite() {
    return dynalite;
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        // keep stopping the rest: nothing started may be left running
      }
    }
  }
}
