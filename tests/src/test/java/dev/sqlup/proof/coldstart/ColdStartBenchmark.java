package dev.sqlup.proof.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.runtime.LocalEndpoints;
import dev.sqlup.local.runtime.LocalStateMachines;
import dev.sqlup.local.runtime.SamFunction;
import dev.sqlup.local.runtime.SamTemplate;
import dev.sqlup.local.runtime.TemplateResolver;
import dev.sqlup.proof.BenchmarkLines;
import dev.sqlup.store.TableDefinitions;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.workflow.Sweeper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold start of every function of template.yaml against the baseline (a fresh JVM that builds a
 * DynamoDB client and does one GetItem): each run is a fresh JVM with only the shaded jar and
 * {@link ColdStartProbe} on the class path, which builds the handler with its no-arg constructor
 * (the Lambda runtime's path) and invokes it once, against dynalite; median of N runs, with the
 * default JIT and with {@code -XX:TieredStopAtLevel=1}, in one interleaved run.
 *
 * <p>Every invocation does its real work on real state: before each fresh JVM a {@link
 * ColdStartWorld} makes the state it needs through the real handlers (instances registered and
 * upgrades submitted through the API, the upgrade run on the embedded Step Functions engine until
 * the state machine invokes the measured function, whose captured input is the event the fresh JVM
 * gets), with virtual time chosen so the invocation happens when the state machine would make it.
 * Step Functions is the engine's HTTP API.
 *
 * <p>Run: {@code bench/cold-start.sh [runs]} (the Maven profile {@code coldstart} of this module in
 * the reactor with functions and local, its JSON lines recorded by bench/record.mjs into
 * bench/results/cold-start.json and the "Cold start" block of docs/BENCHMARKS.md). It prints the
 * per-function tables as Markdown too, for reading. {@code
 * -Dbench.coldstart.only=PrecheckFunction,SweeperFunction} (a system property of this class's JVM)
 * measures only those functions and prints no figures line, so nothing is recorded.
 */
public final class ColdStartBenchmark {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<List<String>> JIT_MODES =
      List.of(List.of(), List.of("-XX:TieredStopAtLevel=1"));
  private static final String EXAMPLE_TASK =
      "up-example-task"; // the task of events/get-task.json, cancel-task.json

  /** How long after the state machine's Wait ended the measured phase is invoked, at least. */
  private static final Duration LATE = Duration.ofSeconds(3);

  private static final DateTimeFormatter HH_MM =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  /** The state a function's invocation needs, made before its fresh JVM starts. */
  enum Seeding {
    /** Fresh tables (POST /instances, POST /target-hosts). */
    NOTHING("fresh tables"),
    /** The guide's instance registered (events/register-instance.json). */
    REGISTERED("instance registered"),
    /** Registered, upgrade submitted as {@code up-example-task}, run until its restores started. */
    TASK_RUNNING("upgrade " + EXAMPLE_TASK + " running (restores under way)"),
    /** The state machine's input to this function in an upgrade of the guide's instance. */
    PHASE("upgrade run until the state machine invokes it"),
    /**
     * An upgrade whose execution ended while it was running, and an instance with a planned
     * upgrade.
     */
    SWEEP("an execution ended mid-upgrade; an instance tagged " + Sweeper.PLANNED_TAG);

    final String description;

    Seeding(String description) {
      this.description = description;
    }
  }

  /** Upgrades of the guide's instance that reach different phases. */
  enum Scenario {
    IMMEDIATE("switchTime Immediate"),
    MAINTENANCE_WINDOW("switchTime MaintenanceWindow, window opening 12 h after the start"),
    FULL_BACKUP_FAILS("the full backup fails (simulated permanent fault)");

    final String description;

    Scenario(String description) {
      this.description = description;
    }
  }

  record Target(SamFunction function, Path event, Seeding seeding) {
    String name() {
      return function.logicalId();
    }
  }

  record Sample(
      double wallMs,
      double initMs,
      double eventMs,
      double invokeMs,
      int classes,
      String outcome,
      double lateSeconds,
      Map<String, Integer> classesBySource) {}

  /** Where loaded classes come from, in the order the report lists them. */
  static final List<String> CLASS_SOURCES =
      List.of(
          "AWS SDK",
          "Jackson",
          "sqlup",
          "Lambda events, CRaC, other jar",
          "JDK (CDS archive)",
          "JDK (not archived)",
          "JVM-generated (lambdas, proxies)");

  /** Where a phase function is reached: its scenario and how long after the upgrade's start. */
  record Reach(Scenario scenario, Duration after) {}

  private final Path root;
  private final SamTemplate template;
  private final DynamoDbClient dynamo;
  private final Map<String, Reach> reaches = new HashMap<>();
  private final Map<String, String> scenarioOf = new LinkedHashMap<>();
  private final Map<String, String> notMeasured = new LinkedHashMap<>();

  ColdStartBenchmark(Path root, SamTemplate template, DynamoDbClient dynamo) {
    this.root = root;
    this.template = template;
    this.dynamo = dynamo;
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path root = Dynalite.projectRoot();
    Path jar = root.resolve("functions/target/sqlup-functions.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build it with mvn -pl functions package");
    }
    Path probeDir =
        Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String classPath = jar + File.pathSeparator + probeDir;
    SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
    try (DynamoDbClient dynamo = Dynalite.client()) {
      ColdStartBenchmark bench = new ColdStartBenchmark(root, template, dynamo);
      List<Target> targets = bench.targets();
      String only = System.getProperty("bench.coldstart.only", "");
      if (!only.isBlank()) {
        // For iterating on a few functions: the report is printed, not written to the docs.
        List<String> names = List.of(only.split(","));
        targets = targets.stream().filter(t -> names.contains(t.name())).toList();
      }
      String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      String loadBefore = loadAverage();
      Map<String, Map<String, List<Sample>>> samples = bench.measure(targets, classPath, runs);
      String conditions =
          "run "
              + started
              + " – "
              + Instant.now().truncatedTo(ChronoUnit.SECONDS)
              + ", load average "
              + loadBefore
              + " at the start, "
              + loadAverage()
              + " at the end";
      System.out.println(bench.report(samples, targets, runs, Files.size(jar), conditions));
      bench.printJsonLines(samples, targets, runs, Files.size(jar), only.isBlank());
    }
  }

  /** Every function of template.yaml, with its event from events/ and the state it needs. */
  List<Target> targets() throws IOException {
    Map<String, Path> eventsByRoute = new HashMap<>();
    Map<String, Path> dryRunEventsByRoute = new HashMap<>();
    try (Stream<Path> s = Files.list(root.resolve("events"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode e = MAPPER.readTree(f.toFile());
        if (e.hasNonNull("resource") && e.hasNonNull("httpMethod")) {
          // A dry run only when the route has no other event (POST /campaigns).
          (f.getFileName().toString().contains("dry-run") ? dryRunEventsByRoute : eventsByRoute)
              .putIfAbsent(e.get("httpMethod").asText() + " " + e.get("resource").asText(), f);
        }
      }
    }
    // ColdStartWorld runs upgrades (the template's first state machine); a phase of another machine
    // (the campaign's) would need a world that runs campaigns: listed as not measured.
    String definitions = LocalStateMachines.definition(template, template.stateMachines().get(0));
    String otherDefinitions =
        String.join(
            "\n",
            template.stateMachines().stream()
                .skip(1)
                .map(m -> LocalStateMachines.definition(template, m))
                .toList());
    List<Target> out = new ArrayList<>();
    for (SamFunction fn : template.functions()) {
      Path event = null;
      Seeding seeding;
      if (!fn.apiEvents().isEmpty()) {
        SamFunction.ApiEvent api = fn.apiEvents().get(0);
        String route = api.method().toUpperCase() + " " + api.path();
        event = eventsByRoute.getOrDefault(route, dryRunEventsByRoute.get(route));
        boolean creates = api.method().equalsIgnoreCase("post") && !api.path().contains("{");
        seeding =
            creates
                ? Seeding.NOTHING
                : api.path().startsWith("/instances/{instanceId}/tasks")
                        || api.path().startsWith("/tasks/")
                    ? Seeding.TASK_RUNNING
                    : Seeding.REGISTERED;
      } else if (definitions.contains(TemplateResolver.functionArn(fn.functionName()))) {
        seeding = Seeding.PHASE;
      } else if (!fn.scheduleEvents().isEmpty()) {
        seeding = Seeding.SWEEP;
      } else if (otherDefinitions.contains(TemplateResolver.functionArn(fn.functionName()))) {
        notMeasured(fn, "a state of the campaign state machine: ColdStartWorld runs upgrades only");
        continue;
      } else {
        notMeasured(fn, "no API route, schedule or state");
        continue;
      }
      for (String name :
          List.of(
              kebab(fn.logicalId()),
              "workflow-" + kebab(fn.logicalId()),
              kebab(fn.logicalId()) + "-scheduled")) {
        Path byName = root.resolve("events/" + name + ".json");
        if (event == null && Files.exists(byName)) {
          event = byName;
        }
      }
      if (event == null) {
        notMeasured(fn, "no event in events/ for its route");
        continue;
      }
      out.add(new Target(fn, event, seeding));
    }
    return out;
  }

  private void notMeasured(SamFunction fn, String why) {
    System.out.println("cold start: " + fn.logicalId() + " not measured: " + why);
    notMeasured.put(fn.logicalId(), why);
  }

  private static String kebab(String logicalId) {
    return logicalId
        .replaceAll("Function$", "")
        .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .toLowerCase();
  }

  Map<String, Map<String, List<Sample>>> measure(List<Target> targets, String classPath, int runs)
      throws Exception {
    for (Target t : targets) {
      if (t.seeding() == Seeding.PHASE) {
        reach(t.name());
      }
    }
    String baselineTable = "Baseline-cold";
    TableDefinitions.createAll(dynamo, List.of(TableDefinitions.instances(baselineTable)));
    Map<String, Map<String, List<Sample>>> samples = new LinkedHashMap<>();
    try {
      for (int round = 0; round < runs; round++) {
        for (List<String> jit : JIT_MODES) {
          String mode = jit.isEmpty() ? "default" : "C1";
          Map<String, List<Sample>> byTarget =
              samples.computeIfAbsent(mode, k -> new LinkedHashMap<>());
          Map<String, String> baseEnv =
              new LinkedHashMap<>(
                  LocalEndpoints.overrides(Dynalite.endpoint().toString(), null, null));
          byTarget
              .computeIfAbsent("baseline", k -> new ArrayList<>())
              .add(run(classPath, jit, baseEnv, List.of("baseline", baselineTable), null, false));
          for (Target t : targets) {
            byTarget
                .computeIfAbsent(t.name(), k -> new ArrayList<>())
                .add(measureOne(t, classPath, jit, false));
          }
          System.out.println(
              "cold start: round " + (round + 1) + "/" + runs + " " + mode + " done");
        }
      }
      // One more JVM per function (C1, not timed) logging every class it loads, to see what
      // dominates.
      List<String> logged = List.of("-XX:TieredStopAtLevel=1");
      Map<String, List<Sample>> byTarget =
          samples.computeIfAbsent("classes", k -> new LinkedHashMap<>());
      Map<String, String> baseEnv =
          LocalEndpoints.overrides(Dynalite.endpoint().toString(), null, null);
      byTarget.put(
          "baseline",
          List.of(run(classPath, logged, baseEnv, List.of("baseline", baselineTable), null, true)));
      for (Target t : targets) {
        byTarget.put(t.name(), List.of(measureOne(t, classPath, logged, true)));
      }
    } finally {
      dynamo.deleteTable(b -> b.tableName(baselineTable));
    }
    return samples;
  }

  private Sample measureOne(Target t, String classPath, List<String> jit, boolean logClasses)
      throws Exception {
    Instant now = Instant.now();
    Reach reach = t.seeding() == Seeding.PHASE ? reaches.get(t.name()) : null;
    Scenario scenario = reach != null ? reach.scenario() : Scenario.IMMEDIATE;
    // The measured invocation happens LATE or up to a minute more after the state machine would
    // make it
    // (virtual time starts on a whole minute, so maintenance windows fall on the same offsets).
    Instant start =
        reach != null
            ? now.minus(reach.after()).minus(LATE).truncatedTo(ChronoUnit.MINUTES)
            : now.truncatedTo(ChronoUnit.MINUTES);
    String capture =
        switch (t.seeding()) {
          case TASK_RUNNING -> "RestoreFullFunction";
          case PHASE -> t.name();
          case SWEEP -> "FullBackupFunction";
          default -> null;
        };
    try (ColdStartWorld world = new ColdStartWorld(root, template, dynamo, start, capture)) {
      Path event = t.event();
      Instant invokedAt = null;
      switch (t.seeding()) {
        case NOTHING -> {}
        case REGISTERED -> world.register(b -> b);
        case TASK_RUNNING -> {
          world.register(b -> b);
          world.submitAs(EXAMPLE_TASK, b -> b);
          world.awaitCapture();
        }
        case PHASE -> {
          start(world, scenario, start);
          JsonNode input = world.awaitCapture();
          if (input == null) {
            throw new IllegalStateException(scenario + " no longer reaches " + t.name());
          }
          invokedAt = world.capturedAt();
          event = Files.createTempFile("cold-" + t.name() + "-", ".json");
          Files.write(event, ColdStartWorld.bytes(input));
        }
        case SWEEP -> {
          start(world, Scenario.IMMEDIATE, start);
          world.awaitCapture();
          world.register(
              b ->
                  b.put("instanceId", "rm-planned-1")
                      .put("endpoint", "rm-planned-1.sqlup.internal")
                      .set(
                          "tags",
                          MAPPER
                              .createObjectNode()
                              .put(
                                  Sweeper.PLANNED_TAG,
                                  Instant.now()
                                      .plus(Duration.ofHours(12))
                                      .truncatedTo(ChronoUnit.SECONDS)
                                      .toString())));
        }
        default -> throw new IllegalStateException(t.seeding().name());
      }
      world.freeze();
      Map<String, String> env = new LinkedHashMap<>(world.environment(t.name()));
      if (jit.isEmpty()) {
        // The template's JAVA_TOOL_OPTIONS (-XX:TieredStopAtLevel=1, as Lambda runs it) would
        // otherwise put the
        // function, but not the baseline, in C1 mode: the default-JIT column runs both without it.
        env.remove("JAVA_TOOL_OPTIONS");
      }
      Sample s =
          run(
              classPath,
              jit,
              env,
              List.of("handler", t.function().handlerClass(), event.toString()),
              invokedAt,
              logClasses);
      if (t.seeding() == Seeding.PHASE) {
        Files.deleteIfExists(event);
      }
      return s;
    }
  }

  /** Registers the guide's instance and submits its upgrade as the scenario has it. */
  private static void start(ColdStartWorld world, Scenario scenario, Instant start)
      throws IOException {
    switch (scenario) {
      case IMMEDIATE -> {
        world.register(b -> b);
        world.submit(b -> b);
      }
      case MAINTENANCE_WINDOW -> {
        Instant opens = start.plus(Duration.ofHours(12));
        world.register(
            b ->
                b.put(
                    "maintenanceWindow",
                    HH_MM.format(opens)
                        + "Z-"
                        + HH_MM.format(opens.plus(Duration.ofHours(4)))
                        + "Z"));
        world.submit(b -> b.put("switchTime", "MaintenanceWindow"));
      }
      case FULL_BACKUP_FAILS -> {
        world.register(
            b -> {
              ((ObjectNode) b.get("simulation"))
                  .set(
                      "faults",
                      MAPPER
                          .createObjectNode()
                          .put("failOperation", "FULL_BACKUP")
                          .put("mode", "permanent"));
              return b;
            });
        world.submit(b -> b);
      }
      default -> throw new IllegalStateException(scenario.name());
    }
  }

  /**
   * Finds the first scenario whose upgrade invokes the function, and when (calibration, once per
   * function).
   */
  private void reach(String function) throws Exception {
    for (Scenario scenario : Scenario.values()) {
      Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
      try (ColdStartWorld world = new ColdStartWorld(root, template, dynamo, start, function)) {
        start(world, scenario, start);
        if (world.awaitCapture() != null) {
          reaches.put(function, new Reach(scenario, Duration.between(start, world.capturedAt())));
          scenarioOf.put(
              function,
              scenario.description
                  + ", invoked "
                  + human(Duration.between(start, world.capturedAt()))
                  + " after the submission");
          return;
        }
      }
    }
    throw new IllegalStateException("no scenario's upgrade invokes " + function);
  }

  private static String human(Duration d) {
    return d.toHours() > 0
        ? d.toHours() + " h " + d.toMinutesPart() + " min"
        : d.toMinutes() > 0
            ? d.toMinutes() + " min " + d.toSecondsPart() + " s"
            : d.toSeconds() + " s";
  }

  private static Sample run(
      String classPath,
      List<String> jit,
      Map<String, String> env,
      List<String> args,
      Instant invokedAt,
      boolean logClasses)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.addAll(jit);
    Path classLog = logClasses ? Files.createTempFile("cold-classes-", ".log") : null;
    if (classLog != null) {
      command.add("-Xlog:class+load=info:file=" + classLog);
    }
    command.add("-cp");
    command.add(classPath);
    command.add(ColdStartProbe.class.getName());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().putAll(env);
    double late =
        invokedAt == null
            ? Double.NaN
            : Duration.between(invokedAt, Instant.now()).toMillis() / 1000.0;
    long start = System.nanoTime();
    Process p = pb.start();
    double wall = Double.NaN;
    String found = null;
    StringBuilder all = new StringBuilder();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.equals(ColdStartProbe.DONE)) {
          wall = (System.nanoTime() - start) / 1e6;
        } else if (line.startsWith("COLDSTART ")) {
          found = line.substring("COLDSTART ".length());
        }
        all.append(line).append('\n');
      }
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    if (found == null || Double.isNaN(wall)) {
      throw new IllegalStateException(
          "probe " + args + " printed no result (exit " + p.exitValue() + "):\n" + all);
    }
    JsonNode r = MAPPER.readTree(found);
    Map<String, Integer> bySource = classLog == null ? Map.of() : classesBySource(classLog);
    String keep = System.getProperty("bench.coldstart.classLogs", "");
    if (classLog != null && !keep.isBlank()) {
      // -Dbench.coldstart.classLogs=DIR keeps each function's class-load log (DIR/<first
      // argument>-<class>.log).
      Path dir = Files.createDirectories(Path.of(keep));
      Files.copy(
          classLog,
          dir.resolve(args.get(0) + "-" + args.get(1).replaceAll(".*\\.", "") + ".log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    if (classLog != null) {
      Files.deleteIfExists(classLog);
    }
    return new Sample(
        wall,
        r.get("initMs").asDouble(),
        r.get("eventMs").asDouble(),
        r.get("invokeMs").asDouble(),
        r.get("classes").asInt(),
        r.get("outcome").asText(),
        late,
        bySource);
  }

  /** Counts the classes of an {@code -Xlog:class+load} file by where they come from. */
  static Map<String, Integer> classesBySource(Path log) throws IOException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    CLASS_SOURCES.forEach(k -> counts.put(k, 0));
    for (String line : Files.readAllLines(log)) {
      int at = line.indexOf("] ");
      int source = line.indexOf(" source: ");
      if (at < 0 || source < 0) {
        continue;
      }
      String name = line.substring(at + 2, source);
      String from = line.substring(source + " source: ".length());
      if (name.startsWith("dev.sqlup.proof.")) {
        continue; // the probe itself
      }
      String kind;
      if (from.startsWith("shared objects file")) {
        kind = "JDK (CDS archive)";
      } else if (from.startsWith("jrt:")) {
        kind = "JDK (not archived)";
      } else if (!from.startsWith("file:")) {
        kind = "JVM-generated (lambdas, proxies)";
      } else if (name.startsWith("software.amazon.awssdk.")) {
        kind = "AWS SDK";
      } else if (name.startsWith("com.fasterxml.jackson.")) {
        kind = "Jackson";
      } else if (name.startsWith("dev.sqlup.")) {
        kind = "sqlup";
      } else {
        kind = "Lambda events, CRaC, other jar";
      }
      counts.merge(kind, 1, Integer::sum);
    }
    return counts;
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double median(
      List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
    return median(samples.stream().map(s -> f.applyAsDouble(s)).toList());
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " / " + parts[1] + " / " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * One {@code run} line per function (medians of both JIT modes, the class counts, what it did)
   * and, for a full run, the {@code figures} line that docs/BENCHMARKS.md shows.
   */
  private void printJsonLines(
      Map<String, Map<String, List<Sample>>> samples,
      List<Target> targets,
      int runs,
      long jarBytes,
      boolean withFigures) {
    Map<String, List<Sample>> def = samples.get("default");
    Map<String, List<Sample>> c1 = samples.get("C1");
    Map<String, List<Sample>> logged = samples.getOrDefault("classes", Map.of());
    double baseDef = median(def.get("baseline"), Sample::wallMs);
    double baseC1 = median(c1.get("baseline"), Sample::wallMs);
    List<String> names = new ArrayList<>(List.of("baseline"));
    targets.forEach(t -> names.add(t.name()));
    Map<String, Double> ratioDef = new LinkedHashMap<>();
    Map<String, Double> ratioC1 = new LinkedHashMap<>();
    for (String name : names) {
      Target t = targets.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
      double d = median(def.get(name), Sample::wallMs);
      double c = median(c1.get(name), Sample::wallMs);
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("function", name);
      if (t != null) {
        run.put("handler", t.function().handlerClass());
        run.put("event", t.event().getFileName().toString());
        run.put(
            "state", t.seeding() == Seeding.PHASE ? scenarioOf.get(name) : t.seeding().description);
        ratioDef.put(name, d / baseDef);
        ratioC1.put(name, c / baseC1);
      }
      run.put("runs", runs);
      run.put("defaultJitMs", Math.round(d));
      run.put("defaultJitRatio", round2(d / baseDef));
      run.put("c1Ms", Math.round(c));
      run.put("c1Ratio", round2(c / baseC1));
      run.put("c1InitMs", Math.round(median(c1.get(name), Sample::initMs)));
      run.put("c1EventMs", Math.round(median(c1.get(name), Sample::eventMs)));
      run.put("c1InvokeMs", Math.round(median(c1.get(name), Sample::invokeMs)));
      if (logged.containsKey(name)) {
        run.put("classesBySource", logged.get(name).get(0).classesBySource());
      }
      run.put("outcome", c1.get(name).get(c1.get(name).size() - 1).outcome());
      BenchmarkLines.run("cold-start", run);
    }
    notMeasured.forEach(
        (name, why) ->
            BenchmarkLines.run("cold-start", Map.of("function", name, "notMeasured", why)));
    if (!withFigures) {
      return;
    }
    Map<String, Number> figures = new LinkedHashMap<>();
    figures.put("functions in template.yaml", targets.size() + notMeasured.size());
    figures.put("functions measured", targets.size());
    figures.put("fresh JVMs per figure (median of)", runs);
    figures.put("shaded jar (MB)", round2(jarBytes / 1e6));
    figures.put("baseline, C1 (ms)", Math.round(baseC1));
    figures.put("baseline, default JIT (ms)", Math.round(baseDef));
    figures.put("lowest ratio, C1", round2(min(ratioC1)));
    figures.put("highest ratio, C1", round2(max(ratioC1)));
    figures.put("functions within 1.5x, C1", within(ratioC1));
    figures.put("lowest ratio, default JIT", round2(min(ratioDef)));
    figures.put("highest ratio, default JIT", round2(max(ratioDef)));
    figures.put("functions within 1.5x, default JIT", within(ratioDef));
    ratioC1.forEach((name, r) -> figures.put(name + ", C1 ratio", round2(r)));
    BenchmarkLines.figures("cold-start", figures);
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static double min(Map<String, Double> ratios) {
    return ratios.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
  }

  private static double max(Map<String, Double> ratios) {
    return ratios.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  private static long within(Map<String, Double> ratios) {
    return ratios.values().stream().filter(r -> r <= 1.5).count();
  }

  private String report(
      Map<String, Map<String, List<Sample>>> samples,
      List<Target> targets,
      int runs,
      long jarBytes,
      String conditions) {
    Map<String, List<Sample>> def = samples.get("default");
    Map<String, List<Sample>> c1 = samples.get("C1");
    double baseDef = median(def.get("baseline"), Sample::wallMs);
    double baseC1 = median(c1.get("baseline"), Sample::wallMs);
    StringBuilder md = new StringBuilder();
    md.append(
        "## Cold start (tables for reading; the figures are in bench/results/cold-start.json)\n\n");
    md.append(
        String.format(
            "Shaded jar `functions/target/sqlup-functions.jar`: %.2f MB (%d bytes; goal ≤ 20 MB).%n%n",
            jarBytes / 1e6, jarBytes));
    md.append(
            "A classic (non-SnapStart) cold start: this machine has no CRaC JVM, so the SnapStart priming hooks "
                + "never run here and their effect is not measured. Each figure is the median of ")
        .append(runs)
        .append(
            " fresh JVMs (`java -cp sqlup-functions.jar:probe`), wall time from process start to the end of "
                + "the first invocation, against dynalite on loopback; both JIT modes interleaved in one run (")
        .append(conditions)
        .append(
            "; 2 shared cores). Baseline: a fresh JVM that builds a DynamoDbClient (url-connection) and does one "
                + "GetItem. Function: the handler's no-arg constructor (the Lambda runtime's path) and one invocation with "
                + "the event's bytes (every handler is a `RequestStreamHandler`, so the runtime deserialises nothing). "
                + "**C1**: both JVMs with `-XX:TieredStopAtLevel=1`, what template.yaml gives every function "
                + "(`JAVA_TOOL_OPTIONS`) and Lambda's java21 default: the deployed configuration. **Default JIT**: both "
                + "without it (the template's `JAVA_TOOL_OPTIONS` removed from the function's environment). Ratio = "
                + "function / baseline in the same JIT mode (goal ≤ 1.5). State: made before each JVM starts through the real handlers; a phase "
                + "function gets the input the state machine gave it in an upgrade run on the embedded engine until then "
                + "(its event file in `events/` is the same payload from an earlier run).\n\n");
    md.append(
        "| function | event · state | default JIT ms | ratio | C1 ms | ratio | C1: init ms | event ms | invoke ms "
            + "| classes | what the invocation did (C1, last run) |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    md.append(
        row(
            "baseline (DynamoDbClient + GetItem)",
            "-",
            def.get("baseline"),
            c1.get("baseline"),
            baseDef,
            baseC1));
    int withinDef = 0;
    int withinC1 = 0;
    double minDef = Double.MAX_VALUE;
    double maxDef = 0;
    double minC1 = Double.MAX_VALUE;
    double maxC1 = 0;
    for (Target t : targets) {
      String state =
          t.seeding() == Seeding.PHASE ? scenarioOf.get(t.name()) : t.seeding().description;
      md.append(
          row(
              t.name() + " (`" + t.function().handlerClass() + "`)",
              t.event().getFileName() + " · " + state,
              def.get(t.name()),
              c1.get(t.name()),
              baseDef,
              baseC1));
      double rd = median(def.get(t.name()), Sample::wallMs) / baseDef;
      double rc = median(c1.get(t.name()), Sample::wallMs) / baseC1;
      withinDef += rd <= 1.5 ? 1 : 0;
      withinC1 += rc <= 1.5 ? 1 : 0;
      minDef = Math.min(minDef, rd);
      maxDef = Math.max(maxDef, rd);
      minC1 = Math.min(minC1, rc);
      maxC1 = Math.max(maxC1, rc);
    }
    List<Double> lates =
        targets.stream()
            .filter(t -> t.seeding() == Seeding.PHASE)
            .flatMap(t -> c1.get(t.name()).stream().map(Sample::lateSeconds))
            .toList();
    if (!lates.isEmpty()) {
      md.append(
          String.format(
              "%nPhase functions were invoked %.0f–%.0f s after the state machine would have invoked "
                  + "them (the world's virtual time starts on a whole minute).%n",
              lates.stream().mapToDouble(d -> d).min().orElse(0),
              lates.stream().mapToDouble(d -> d).max().orElse(0)));
    }
    Map<String, List<Sample>> logged = samples.get("classes");
    if (logged != null) {
      md.append(
          "\nClasses loaded by the end of the first invocation, by where they come from (one more JVM per "
              + "function, C1, `-Xlog:class+load`; the JDK's CDS archive holds only JDK classes, which load cheaply):\n\n");
      md.append("| function | ")
          .append(String.join(" | ", CLASS_SOURCES))
          .append(" | total | beyond the baseline |\n");
      md.append("|---|").append("---:|".repeat(CLASS_SOURCES.size() + 2)).append("\n");
      Map<String, Integer> base = logged.get("baseline").get(0).classesBySource();
      int baseTotal = base.values().stream().mapToInt(Integer::intValue).sum();
      List<String> rows = new ArrayList<>();
      rows.add("baseline");
      targets.forEach(t -> rows.add(t.name()));
      for (String row : rows) {
        Map<String, Integer> c = logged.get(row).get(0).classesBySource();
        int total = c.values().stream().mapToInt(Integer::intValue).sum();
        md.append("| ").append(row).append(" | ");
        CLASS_SOURCES.forEach(k -> md.append(c.get(k)).append(" | "));
        md.append(total)
            .append(" | ")
            .append(row.equals("baseline") ? "-" : String.format("%+d", total - baseTotal))
            .append(" |\n");
      }
    }
    String summary =
        String.format(
            "cold start: %d functions, baseline %.0f ms (default) / %.0f ms (C1); ratio "
                + "%.2f–%.2f (default), %.2f–%.2f (C1); within 1.5x: %d/%d (default), %d/%d (C1); jar %.2f MB",
            targets.size(),
            baseDef,
            baseC1,
            minDef,
            maxDef,
            minC1,
            maxC1,
            withinDef,
            targets.size(),
            withinC1,
            targets.size(),
            jarBytes / 1e6);
    md.append("\nSummary: ").append(summary).append("\n");
    System.out.println(summary);
    return md.toString();
  }

  private static String row(
      String name, String event, List<Sample> def, List<Sample> c1, double baseDef, double baseC1) {
    double d = median(def, Sample::wallMs);
    double c = median(c1, Sample::wallMs);
    Sample last = c1.get(c1.size() - 1);
    return String.format(
        "| %s | %s | %.0f | %.2f | %.0f | %.2f | %.0f | %.0f | %.0f | %d | %s |%n",
        name,
        event,
        d,
        d / baseDef,
        c,
        c / baseC1,
        median(c1, Sample::initMs),
        median(c1, Sample::eventMs),
        median(c1, Sample::invokeMs),
        last.classes(),
        last.outcome().replace("|", "/"));
  }
}
