package dev.sqlup.local.cli;

import dev.sqlup.local.runtime.InProcessLambda;
import dev.sqlup.local.runtime.LocalServer;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sqlup serve}: the template on loopback until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs template.yaml locally: DynamoDB (dynalite) with the template's tables, the REST API with every "
          + "Api route, every Schedule event, and the Step Functions API with the template's state machines.",
      "Ctrl-C stops everything it started."
    })
final class ServeCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  @Spec CommandSpec spec;

  @Option(
      names = {"-t", "--template"},
      defaultValue = "template.yaml",
      description = "SAM template (default: ${DEFAULT-VALUE})")
  Path template;

  @Option(
      names = "--api-port",
      defaultValue = "${env:SQLUP_API_PORT:-3000}",
      description = "REST API port (default: ${DEFAULT-VALUE})")
  int apiPort;

  @Option(
      names = "--dynamodb-port",
      defaultValue = "${env:SQLUP_DYNAMODB_PORT:-8000}",
      description = "dynalite port (default: ${DEFAULT-VALUE})")
  int dynamoDbPort;

  @Option(
      names = "--sfn-port",
      defaultValue = "${env:SQLUP_SFN_PORT:-8083}",
      description = "Step Functions API port (default: ${DEFAULT-VALUE})")
  int sfnPort;

  @Option(
      names = "--clock",
      defaultValue = "real",
      description =
          "real, scaled:N (time runs N times faster) or virtual (jumps to the next timer when all executions wait)")
  String clock;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "keep data here across runs (default: in memory)")
  Path dataDir;

  @Option(
      names = "--dynamodb-endpoint",
      paramLabel = "URL",
      description = "use this DynamoDB (LocalStack, AWS) instead of starting dynalite")
  URI dynamoDbEndpoint;

  @Option(
      names = "--lambda-concurrency",
      paramLabel = "N",
      description =
          "function invocations running at once, across all functions (default: 4 per CPU, here "
              + "${DEFAULT-VALUE}); more wait for a slot, and a function's Timeout counts from when its handler starts")
  int lambdaConcurrency = InProcessLambda.defaultConcurrency();

  @Option(names = "--services-class", hidden = true, defaultValue = InProcessLambda.SERVICES_CLASS)
  String servicesClass;

  @Option(
      names = "--sample-fleet",
      description =
          "register the demo's simulated sample fleet (rm-guide-600g, the "
              + "guide's worked example, and one instance per limitation) so every client command can be tried")
  boolean sampleFleet;

  /** Tests stop the server after this long instead of waiting for Ctrl-C. */
  @Option(names = "--stop-after", hidden = true)
  Duration stopAfter;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Path root = projectRoot(template.toAbsolutePath().getParent());
    LocalServer.Config config =
        new LocalServer.Config(
            template,
            root,
            apiPort,
            dynamoDbPort,
            sfnPort,
            clock,
            null,
            dataDir,
            dynamoDbEndpoint,
            servicesClass,
            lambdaConcurrency);
    Object lock = new Object();
    LocalServer server =
        LocalServer.start(
            config,
            line -> {
              synchronized (lock) {
                err.println(LocalTime.now().format(TIME) + " " + line);
                err.flush();
              }
            });
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              server.close();
              stopped.countDown();
            },
            "sqlup-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    if (sampleFleet) {
      ApiClient api =
          new ApiClient(
              URI.create(server.api().url()), java.util.Map.of(), server.stepFunctions().clock());
      java.util.List<String> ids = new java.util.ArrayList<>();
      for (com.fasterxml.jackson.databind.node.ObjectNode body : SampleFleet.bodies()) {
        body.remove("note");
        ids.add(api.post("/instances", body).path("instanceId").asText());
      }
      err.println("sqlup serve: registered the simulated sample fleet: " + String.join(", ", ids));
    }
    err.println("sqlup serve: ready on " + server.api().url() + " (Ctrl-C to stop)");
    err.println("sqlup serve: web console on " + server.consoleUrl());
    err.flush();
    if (stopAfter != null) {
      stopped.await(stopAfter.toMillis(), TimeUnit.MILLISECONDS);
      Runtime.getRuntime().removeShutdownHook(hook);
      server.close();
      return 0;
    }
    stopped.await();
    return 0;
  }

  /**
   * The folder with node_modules/dynalite: the template's folder or a parent, else the working
   * directory.
   */
  static Path projectRoot(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("node_modules/dynalite/index.js"))) {
        return dir;
      }
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("node_modules/dynalite/index.js"))) {
        return dir;
      }
    }
    return start == null ? cwd : start;
  }
}
