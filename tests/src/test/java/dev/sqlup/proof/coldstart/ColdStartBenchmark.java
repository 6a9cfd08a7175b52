package dev.sqlup.proof.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sqlup.api.RegisterInstanceHandler;
import dev.sqlup.config.Services;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.proof.CfnTemplate;
import dev.sqlup.proof.Docs;
import dev.sqlup.store.Json;
import dev.sqlup.store.TableDefinitions;
import dev.sqlup.testing.Dynalite;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold start of every handler of template.yaml against the baseline (a fresh JVM that builds a DynamoDB
 * client and does one GetItem), each in a fresh JVM with only the shaded jar and {@link ColdStartProbe}
 * on the class path, against dynalite; median of N runs, with the default JIT and with
 * {@code -XX:TieredStopAtLevel=1}. Step Functions and EventBridge are a loopback stub answering
 * StartExecution / PutEvents, so the SDK clients are built and used for real.
 *
 * <p>Run: {@code mvn -B -o -Pbench -pl functions,local,tests verify -DskipTests} (writes the
 * "Cold start" section of docs/BENCHMARKS.md).
 */
public final class ColdStartBenchmark {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<List<String>> JIT_MODES = List.of(List.of(), List.of("-XX:TieredStopAtLevel=1"));
  private static final AtomicInteger RUN = new AtomicInteger();

  record Target(String name, String handlerClass, Path event) {}

  record Sample(double wallMs, double initMs, double invokeMs, int classes, String outcome) {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path root = Dynalite.projectRoot();
    Path jar = root.resolve("functions/target/sqlup-functions.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build it with mvn -pl functions package");
    }
    Path probeDir = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String classPath = jar + File.pathSeparator + probeDir;
    List<Target> targets = targets(root);
    DynamoDbClient dynamo = Dynalite.client();
    HttpServer stub = awsStub();
    try {
      Map<String, Map<String, List<Sample>>> samples = new LinkedHashMap<>();
      for (int round = 0; round < runs; round++) {
        for (List<String> jit : JIT_MODES) {
          String mode = jit.isEmpty() ? "default" : "C1";
          Map<String, List<Sample>> byTarget = samples.computeIfAbsent(mode, k -> new LinkedHashMap<>());
          byTarget.computeIfAbsent("baseline", k -> new ArrayList<>())
              .add(run(classPath, jit, env(dynamo, stub, null), List.of("baseline", "BenchBaseline")));
          for (Target t : targets) {
            byTarget.computeIfAbsent(t.name, k -> new ArrayList<>())
                .add(run(classPath, jit, env(dynamo, stub, t), List.of("handler", t.handlerClass, t.event.toString())));
          }
        }
      }
      String report = report(samples, targets, runs, Files.size(jar));
      System.out.println(report);
      Docs.replaceSection(root.resolve("docs/BENCHMARKS.md"), "## Cold start", report);
    } finally {
      stub.stop(0);
      dynamo.close();
    }
  }

  /** The handlers of template.yaml with an event in events/ (API routes matched on resource and method). */
  static List<Target> targets(Path root) throws IOException {
    Path templateFile = System.getProperty("bench.template") != null
        ? Path.of(System.getProperty("bench.template")) : CfnTemplate.defaultPath(root);
    Map<String, Path> eventsByRoute = new HashMap<>();
    List<Path> eventFiles;
    try (Stream<Path> s = Files.list(root.resolve("events"))) {
      eventFiles = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path f : eventFiles) {
      JsonNode e = MAPPER.readTree(f.toFile());
      if (e.hasNonNull("resource") && e.hasNonNull("httpMethod")
          && !f.getFileName().toString().contains("dry-run")) {
        eventsByRoute.putIfAbsent(e.get("httpMethod").asText() + " " + e.get("resource").asText(), f);
      }
    }
    List<Target> out = new ArrayList<>();
    if (!Files.exists(templateFile)) {
      throw new IllegalStateException("template.yaml is missing at " + templateFile);
    }
    CfnTemplate template = CfnTemplate.load(templateFile);
    template.resourcesOfType("AWS::Serverless::Function").forEach((id, fn) -> {
      String handler = CfnTemplate.handlerClass(fn);
      Path event = null;
      for (Object ev : CfnTemplate.map(CfnTemplate.properties(fn).get("Events")).values()) {
        Map<String, Object> e = CfnTemplate.map(ev);
        if ("Api".equals(e.get("Type"))) {
          Map<String, Object> p = CfnTemplate.properties(e);
          event = eventsByRoute.get(p.get("Method").toString().toUpperCase() + " " + p.get("Path"));
        }
      }
      for (String name : List.of(kebab(id), "workflow-" + kebab(id), kebab(id) + "-scheduled")) {
        Path byName = root.resolve("events/" + name + ".json");
        if (event == null && Files.exists(byName)) {
          event = byName;
        }
      }
      if (event == null) {
        System.out.println("cold start: no event in events/ for " + id + " (" + handler + "): not measured");
      } else {
        out.add(new Target(id, handler, event));
      }
    });
    return out;
  }

  private static String kebab(String logicalId) {
    return logicalId.replaceAll("Function$", "").replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }

  /** Fresh tables per run (so every invocation meets the same state), seeded as the events expect. */
  private static Map<String, String> env(DynamoDbClient dynamo, HttpServer stub, Target target) throws IOException {
    int n = RUN.incrementAndGet();
    String instances = "Instances-bench-" + n;
    String tasks = "UpgradeTasks-bench-" + n;
    String fleet = "Fleet-bench-" + n;
    TableDefinitions.createAll(dynamo, List.of(TableDefinitions.instances(instances),
        TableDefinitions.tasks(tasks), TableDefinitions.fleet(fleet)));
    String stubUrl = "http://127.0.0.1:" + stub.getAddress().getPort();
    Map<String, String> env = new LinkedHashMap<>();
    env.put(Services.INSTANCES_TABLE, instances);
    env.put(Services.TASKS_TABLE, tasks);
    env.put(Services.FLEET_TABLE, fleet);
    env.put(Services.EVENT_BUS_NAME, "sqlup-bench");
    env.put(Services.UPGRADE_STATE_MACHINE_ARN, "arn:aws:states:us-east-1:123456789012:stateMachine:UpgradeStateMachine");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("AWS_ENDPOINT_URL_DYNAMODB", Dynalite.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_SFN", stubUrl);
    env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", stubUrl);
    if (target != null) {
      seed(dynamo, env, target);
    } else {
      // The baseline reads a missing item of the instances table.
      env.put("BASELINE_TABLE", instances);
    }
    return env;
  }

  private static void seed(DynamoDbClient dynamo, Map<String, String> env, Target target) throws IOException {
    JsonNode event = MAPPER.readTree(target.event.toFile());
    if ("POST".equals(event.path("httpMethod").asText()) && "/instances".equals(event.path("resource").asText())) {
      return;
    }
    Services services = new Services(env, Clock.systemUTC()).withDynamoDb(dynamo);
    Path register = Dynalite.projectRoot().resolve("events/register-instance.json");
    PojoSerializer<APIGatewayProxyRequestEvent> serializer =
        LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, ColdStartBenchmark.class.getClassLoader());
    try (InputStream in = Files.newInputStream(register)) {
      int status = new RegisterInstanceHandler(services).handleRequest(serializer.fromJson(in), null).getStatusCode();
      if (status != 201) {
        throw new IllegalStateException("seeding the instance failed: " + status);
      }
    }
    if (target.event.getFileName().toString().equals("workflow-precheck.json")) {
      // A phase handler works on the task the submission created and locked: submit it for real.
      try (InputStream in = Files.newInputStream(Dynalite.projectRoot().resolve("events/submit-upgrade.json"))) {
        var submitted = new dev.sqlup.api.SubmitUpgradeHandler(services).handleRequest(serializer.fromJson(in), null);
        String taskId = Json.MAPPER.readTree(submitted.getBody()).path("taskId").asText();
        Path eventFile = Files.createTempFile("precheck-", ".json");
        Files.writeString(eventFile, "{\"taskId\":\"" + taskId + "\",\"instanceId\":\"rm-guide-1\"}");
        env.put("BENCH_EVENT", eventFile.toString());
      }
      return;
    }
    UpgradeTask task = Json.MAPPER.readValue("""
        {"taskId": "up-example-task", "instanceId": "rm-guide-1", "status": "Running",
         "currentStep": "restoreFull", "progress": 40, "remainingSeconds": 7000,
         "source": {"engineVersion": "2019", "sqlEdition": "Standard", "rdsEdition": "HighAvailability",
                    "instanceType": "mssql.x4.large"},
         "target": {"engineVersion": "2022", "sqlEdition": "Standard", "rdsEdition": "HighAvailability",
                    "instanceType": "mssql.x4.large"},
         "switchTime": "Immediate", "createdAt": "2026-03-01T00:00:00.000Z", "requestHash": "x"}
        """, UpgradeTask.class);
    services.tasks().create(task);
  }

  private static Sample run(String classPath, List<String> jit, Map<String, String> env, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.addAll(jit);
    command.add("-cp");
    command.add(classPath);
    command.add(ColdStartProbe.class.getName());
    List<String> probeArgs = new ArrayList<>(args);
    if (args.get(0).equals("baseline")) {
      probeArgs.set(1, env.get("BASELINE_TABLE"));
    } else if (env.containsKey("BENCH_EVENT")) {
      probeArgs.set(2, env.get("BENCH_EVENT"));
    }
    command.addAll(probeArgs);
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    String line;
    double wall = Double.NaN;
    StringBuilder all = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String found = null;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("COLDSTART ")) {
          wall = (System.nanoTime() - start) / 1e6;
          found = line.substring("COLDSTART ".length());
        }
        all.append(line).append('\n');
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      if (found == null) {
        throw new IllegalStateException("probe " + args + " printed no result (exit " + p.exitValue() + "):\n" + all);
      }
      JsonNode r = MAPPER.readTree(found);
      return new Sample(wall, r.get("initMs").asDouble(), r.get("invokeMs").asDouble(), r.get("classes").asInt(),
          r.get("outcome").asText());
    }
  }

  /** A loopback endpoint answering Step Functions StartExecution and EventBridge PutEvents. */
  private static HttpServer awsStub() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      String body = target.endsWith("StartExecution")
          ? "{\"executionArn\":\"arn:aws:states:us-east-1:123456789012:execution:UpgradeStateMachine:x\",\"startDate\":1.7E9}"
          : target.endsWith("PutEvents")
              ? "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"bench\"}]}"
              : "{}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return server;
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String report(Map<String, Map<String, List<Sample>>> samples, List<Target> targets, int runs,
      long jarBytes) {
    StringBuilder md = new StringBuilder();
    md.append("## Cold start\n\n");
    md.append("Command: `mvn -B -o -Pbench -pl functions,local,tests verify -DskipTests` "
        + "(class `dev.sqlup.proof.coldstart.ColdStartBenchmark`, `-Dbench.coldstart.runs=N`).\n\n");
    md.append(String.format("Shaded jar `functions/target/sqlup-functions.jar`: %.2f MB (%d bytes; goal ≤ 20 MB).%n%n",
        jarBytes / 1e6, jarBytes));
    md.append("Each figure is the median of ").append(runs).append(" fresh JVMs (`java -cp sqlup-functions.jar:probe`) "
        + "on this machine (2 shared cores), wall time from process start to the end of the first invocation, "
        + "against dynalite on loopback. Baseline: a fresh JVM that builds a DynamoDbClient (url-connection) "
        + "and does one GetItem. Handler: no-arg constructor (the Lambda runtime's path), then one invocation "
        + "with its event from `events/`. Ratio = handler / baseline in the same JIT mode (goal ≤ 1.5).\n\n");
    md.append("| function | event | default JIT ms | ratio | C1 only ms | ratio | init ms (C1) | invoke ms (C1) | classes | result |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    Map<String, List<Sample>> def = samples.get("default");
    Map<String, List<Sample>> c1 = samples.get("C1");
    double baseDef = median(def.get("baseline").stream().map(Sample::wallMs).toList());
    double baseC1 = median(c1.get("baseline").stream().map(Sample::wallMs).toList());
    md.append(row("baseline (DynamoDbClient + GetItem)", "-", def.get("baseline"), c1.get("baseline"), baseDef, baseC1));
    int over = 0;
    double worst = 0;
    for (Target t : targets) {
      md.append(row(t.name + " (`" + t.handlerClass + "`)", t.event.getFileName().toString(), def.get(t.name),
          c1.get(t.name), baseDef, baseC1));
      double r = Math.max(median(def.get(t.name).stream().map(Sample::wallMs).toList()) / baseDef,
          median(c1.get(t.name).stream().map(Sample::wallMs).toList()) / baseC1);
      worst = Math.max(worst, r);
      if (r > 1.5) {
        over++;
      }
    }
    String summary = String.format("cold start: %d handlers, baseline %.0f ms (default) / %.0f ms (C1), worst ratio %.2f, "
        + "%d over 1.5x, jar %.2f MB", targets.size(), baseDef, baseC1, worst, over, jarBytes / 1e6);
    md.append("\nSummary: ").append(summary).append("\n");
    System.out.println(summary);
    return md.toString();
  }

  private static String row(String name, String event, List<Sample> def, List<Sample> c1, double baseDef, double baseC1) {
    double d = median(def.stream().map(Sample::wallMs).toList());
    double c = median(c1.stream().map(Sample::wallMs).toList());
    return String.format("| %s | %s | %.0f | %.2f | %.0f | %.2f | %.0f | %.0f | %d | %s |%n", name, event, d, d / baseDef,
        c, c / baseC1, median(c1.stream().map(Sample::initMs).toList()),
        median(c1.stream().map(Sample::invokeMs).toList()), c1.get(c1.size() - 1).classes(),
        c1.get(c1.size() - 1).outcome().replace("|", "/"));
  }
}
