package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.runtime.InProcessLambda;
import dev.sqlup.local.runtime.LocalServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sqlup demo}: the whole product on one machine. Starts the local stack (dynalite, the
 * embedded ASL engine on virtual time, the REST API), registers a sample fleet through the API,
 * shows upgrade options and the dry-run estimate, runs the guide's worked example upgrade (2019 SE
 * → 2022 SE, 600 GB) with a progress line per phase, then a second one with a recent full backup,
 * and shows the requests the guide's limitations refuse. Everything goes through the same HTTP API
 * a user calls.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    subcommands = DemoCampaignCommand.class,
    description = {
      "Runs the guide's worked example upgrade on the simulated fleet, in virtual time, through the "
          + "local stack (DynamoDB, Step Functions, REST API), and shows progress, timeline, downtime and refusals."
    })
final class DemoCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Virtual time starts here, so the transcript is the same on every run. */
  private static final Instant START = Instant.parse("2026-11-24T08:00:00Z");

  @Spec CommandSpec spec;

  @Option(
      names = {"-t", "--template"},
      defaultValue = "template.yaml",
      description = "SAM template (default: ${DEFAULT-VALUE})")
  Path template;

  @Option(
      names = "--verbose",
      description = "also print the local stack's log (requests, state transitions) on stderr")
  boolean verbose;

  @Option(
      names = "--console",
      description =
          "register the sample fleet, then keep the stack running with the web "
              + "console (opened in a browser when one can be, else printed) until Ctrl-C")
  boolean console;

  @Option(
      names = "--api-port",
      defaultValue = "3000",
      description =
          "with --console: REST API and console port (default: ${DEFAULT-VALUE}; 0 = any free port)")
  int apiPort;

  @Option(
      names = "--clock",
      defaultValue = "scaled:120",
      description =
          "with --console: real, scaled:N or virtual (default: ${DEFAULT-VALUE}, the 6.5 h example in ~3 min)")
  String clock;

  /** Tests stop the console demo after this long instead of waiting for Ctrl-C. */
  @Option(names = "--stop-after", hidden = true)
  Duration stopAfter;

  private PrintWriter out;
  private ApiClient api;

  @Override
  public Integer call() throws InterruptedException {
    if (console) {
      return withConsole();
    }
    out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path root = ServeCommand.projectRoot(template.toAbsolutePath().getParent());
    LocalServer.Config config =
        new LocalServer.Config(
            template, root, 0, 0, 0, "virtual", START, null, null, InProcessLambda.SERVICES_CLASS);
    long began = System.nanoTime();
    try (LocalServer server =
        LocalServer.start(
            config,
            line -> {
              if (verbose) {
                err.println(line);
                err.flush();
              }
            })) {
      api =
          new ApiClient(
              java.net.URI.create(server.api().url()), Map.of(), server.stepFunctions().clock());
      out.printf(
          "sqlup demo: the guide's worked example on the simulated fleet, in virtual time%n");
      out.printf(
          "local stack: DynamoDB %s, Step Functions %s, REST API %s%n%n",
          server.dynamoDbEndpoint(), server.stepFunctionsEndpoint(), server.api().url());

      registerFleet(server);
      showOptions("rm-guide-600g");
      JsonNode dryRun = dryRun("rm-guide-600g");
      String taskId = upgrade(server, "rm-guide-600g", "demo-1", dryRun.path("estimate"));
      new DemoReport(out, api).print(taskId, "rm-guide-600g");
      registerBackedUp(server);
      String second = upgrade(server, "rm-backed-up-600g", "demo-2", null);
      new DemoReport(out, api).print(second, "rm-backed-up-600g");
      refusals();
      out.printf("%ndemo finished in %.1f s of real time%n", (System.nanoTime() - began) / 1e9);
      out.flush();
      return 0;
    } catch (ApiClient.ApiException e) {
      out.flush();
      err.printf("sqlup demo: the API answered %d %s: %s%n", e.status(), e.code(), e.getMessage());
      return 1;
    }
  }

  /** The sample fleet on a running stack, and the console to look at it with, until Ctrl-C. */
  private int withConsole() throws InterruptedException {
    out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path root = ServeCommand.projectRoot(template.toAbsolutePath().getParent());
    LocalServer.Config config =
        new LocalServer.Config(
            template, root, apiPort, 0, 0, clock, null, null, null, InProcessLambda.SERVICES_CLASS);
    LocalServer server =
        LocalServer.start(
            config,
            line -> {
              if (verbose) {
                err.println(line);
                err.flush();
              }
            });
    java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              server.close();
              stopped.countDown();
            },
            "sqlup-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      api =
          new ApiClient(
              java.net.URI.create(server.api().url()), Map.of(), server.stepFunctions().clock());
      out.printf(
          "sqlup demo --console: the sample fleet on the simulated data plane (clock %s)%n%n",
          clock);
      registerFleet(server);
      registerBackedUp(server);
    } catch (ApiClient.ApiException e) {
      err.printf("sqlup demo: the API answered %d %s: %s%n", e.status(), e.code(), e.getMessage());
      Runtime.getRuntime().removeShutdownHook(hook);
      server.close();
      return 1;
    }
    String url = server.consoleUrl();
    out.printf("%nweb console: %s%s%n", url, Browser.open(url) ? " (opened in your browser)" : "");
    out.printf(
        "open rm-guide-600g, click Upgrade Version, dry-run, accept the terms and Confirm; Ctrl-C stops%n");
    out.flush();
    if (stopAfter != null) {
      stopped.await(stopAfter.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      Runtime.getRuntime().removeShutdownHook(hook);
      server.close();
      return 0;
    }
    stopped.await();
    return 0;
  }

  // ------------------------------------------------------------------------------------------
  // fleet

  private void registerFleet(LocalServer server) {
    out.println("1. Sample fleet (POST /instances)");
    List<ObjectNode> fleet = SampleFleet.bodies();
    List<JsonNode> rows = new ArrayList<>();
    for (ObjectNode body : fleet) {
      String note = body.remove("note").asText();
      JsonNode created = api.post("/instances", body);
      ObjectNode row = JSON.createObjectNode();
      row.put("instance", created.path("instanceId").asText());
      row.put("version", created.path("engineVersion").asText());
      row.put("sql", created.path("sqlEdition").asText());
      row.put("rds", created.path("rdsEdition").asText());
      row.put("type", created.path("instanceType").asText());
      row.put("data", created.path("dataSizeGb").asText() + " GB");
      row.put("note", note);
      rows.add(row);
    }
    out.print(
        indent(
            TableRenderer.table(
                rows, List.of("instance", "version", "sql", "rds", "type", "data", "note"))));
    out.println();
  }

  /**
   * The guide's second figure: the same instance with a full backup 3 h old (within 36 h),
   * registered now so the backup's age is right in virtual time. Restoring it needs the log since
   * the backup: 3 h old + 3 h of restore = the guide's 10 GB.
   */
  private void registerBackedUp(LocalServer server) {
    Instant backup = server.stepFunctions().clock().instant().minus(Duration.ofHours(3));
    ObjectNode body =
        instance("rm-backed-up-600g", "", Map.of("lastFullBackupAt", backup.toString()));
    body.remove("note");
    api.post("/instances", body);
    out.printf(
        "5. The guide's second figure: rm-backed-up-600g, the same instance with a full backup taken at %s%n",
        backup);
  }

  private static ObjectNode instance(String id, String note, Map<String, String> simulationExtra) {
    return SampleFleet.guide(id, note, simulationExtra);
  }

  // ------------------------------------------------------------------------------------------
  // options

  private void showOptions(String instanceId) {
    out.printf(
        "2. Upgrade options of %s (GET /instances/%s/upgrade-options)%n", instanceId, instanceId);
    JsonNode options = api.get("/instances/" + instanceId + "/upgrade-options");
    for (JsonNode target : options.path("targets")) {
      List<String> editions = new ArrayList<>();
      for (JsonNode edition : target.path("editions")) {
        editions.add(
            edition.path("sqlEdition").asText()
                + "/"
                + edition.path("rdsEdition").asText()
                + " ("
                + edition.path("instanceTypes").size()
                + " types)");
      }
      out.printf("   %s: %s%n", target.path("engineVersion").asText(), String.join(", ", editions));
    }
    out.printf(
        "   blockers: %s%n%n",
        options.path("blockers").isEmpty() ? "none" : options.path("blockers"));
  }

  private JsonNode dryRun(String instanceId) {
    out.printf(
        "3. Dry run: 2019 SE -> 2022 SE, switch immediately (POST /instances/%s/upgrades, dryRun)%n",
        instanceId);
    ObjectNode request = upgradeRequest(null);
    request.put("dryRun", true);
    JsonNode result = api.post("/instances/" + instanceId + "/upgrades", request);
    for (JsonNode check : result.path("prechecks")) {
      out.printf(
          "   %-8s %s%n",
          check.path("result").asText(),
          check.path("name").asText()
              + (check.hasNonNull("message") ? ": " + check.path("message").asText() : ""));
    }
    JsonNode estimate = result.path("estimate");
    out.printf(
        "   estimate: %s total (%s)%n%n",
        hm(estimate.path("totalSeconds").asLong()), phases(estimate));
    return result;
  }

  private static ObjectNode upgradeRequest(String clientToken) {
    ObjectNode request = JSON.createObjectNode();
    request.put("engineVersion", "2022");
    request.put("sqlEdition", "Standard");
    request.put("rdsEdition", "HighAvailability");
    request.put("instanceType", "mssql.x4.large");
    request.put("switchTime", "Immediate");
    if (clientToken != null) {
      request.put("clientToken", clientToken);
    }
    return request;
  }

  // ------------------------------------------------------------------------------------------
  // upgrade

  /**
   * Submits the upgrade and prints a progress line whenever a phase handler finishes: the demo
   * listens to the execution's history, so the lines follow virtual time exactly, however fast it
   * runs.
   */
  private String upgrade(
      LocalServer server, String instanceId, String token, JsonNode dryRunEstimate) {
    out.printf(
        "%s Upgrade %s (POST /instances/%s/upgrades)%n",
        dryRunEstimate == null ? "  " : "4.", instanceId, instanceId);
    DemoProgress progress = new DemoProgress(out, api);
    server.addHistoryListener(progress::onEvent);
    JsonNode accepted = api.post("/instances/" + instanceId + "/upgrades", upgradeRequest(token));
    String taskId = accepted.path("taskId").asText();
    out.printf(
        "   task %s %s, estimate %s%n",
        taskId,
        accepted.path("status").asText(),
        hm(accepted.path("estimate").path("totalSeconds").asLong()));
    String arn =
        server.stateMachines().values().iterator().next().replace(":stateMachine:", ":execution:")
            + ":"
            + taskId;
    ExecutionInfo execution = server.stepFunctions().awaitExecution(arn, Duration.ofMinutes(2));
    progress.finish();
    out.printf("   execution %s at %s (virtual time)%n", execution.status(), execution.stopDate());
    return taskId;
  }

  // ------------------------------------------------------------------------------------------
  // refusals

  private void refusals() {
    out.println("6. Requests sqlup refuses (each a 4xx with a stable code; nothing changes)");
    List<String[]> cases =
        List.of(
            new String[] {"rm-ad-joined", "2022"},
            new String[] {"rm-serverless", "2022"},
            new String[] {"rm-classic-net", "2022"},
            new String[] {"rm-read-only", "2022"},
            new String[] {"rm-cluster-primary", "2022"},
            new String[] {"rm-guide-600g", "2017"},
            new String[] {"rm-guide-600g", "2022"});
    for (String[] c : cases) {
      ObjectNode request = upgradeRequest(null);
      request.put("engineVersion", c[1]);
      if (c[0].equals("rm-cluster-primary")) {
        request.put("rdsEdition", "Cluster");
        request.put("instanceType", "mssql.x4.xlarge");
      }
      String what =
          c[0]
              + " -> "
              + c[1]
              + (c[0].equals("rm-guide-600g") && c[1].equals("2022") ? " (again)" : "");
      try {
        JsonNode accepted = api.post("/instances/" + c[0] + "/upgrades", request);
        out.printf("   %-28s accepted?! %s%n", what, accepted);
      } catch (ApiClient.ApiException e) {
        out.printf("   %-28s %d %s: %s%n", what, e.status(), e.code(), e.getMessage());
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // format

  private static String phases(JsonNode estimate) {
    List<String> parts = new ArrayList<>();
    estimate
        .path("phases")
        .fields()
        .forEachRemaining(e -> parts.add(e.getKey() + " " + hm(e.getValue().asLong())));
    return String.join(", ", parts);
  }

  static String hm(long seconds) {
    return DemoReport.hm(seconds);
  }

  private static String indent(String text) {
    return DemoReport.indent(text);
  }
}
