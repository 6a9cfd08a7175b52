package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.runtime.InProcessLambda;
import dev.sqlup.local.runtime.LocalServer;
import dev.sqlup.local.runtime.UserException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sqlup demo campaign --instances N}: registers N sample instances (sizes 10 GB–1 TB,
 * windows at every hour of the day, engine versions 2016/2017/2019) through the API, plans and
 * starts a campaign to 2022 (canary, then larger waves, each switch in its instance's own window),
 * approves the wave after the canary, follows it in virtual time, and ends with one line the issue
 * fixes: succeeded, failed, not started, the most upgrades that ran at once against the limit, and
 * switches outside their window (both measured from the task records, not from the campaign's own
 * counters).
 */
@Command(
    name = "campaign",
    mixinStandardHelpOptions = true,
    description = "Registers N sample instances and runs a fleet campaign on them in virtual time.")
final class DemoCampaignCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-11-24T08:00:00Z");
  private static final String[] VERSIONS = {"2016", "2016", "2016", "2017", "2019"};
  private static final int[] SIZES_GB = {10, 40, 120, 300, 600, 1000};
  private static final int MAX_FAILED_LOOKS = 5;

  @Spec CommandSpec spec;

  @Option(
      names = "--instances",
      defaultValue = "50",
      description = "how many sample instances (default: ${DEFAULT-VALUE})")
  int instances;

  @Option(
      names = "--max-concurrency",
      defaultValue = "50",
      description = "upgrades at once in the large waves (default: ${DEFAULT-VALUE})")
  int maxConcurrency;

  @Option(
      names = {"-t", "--template"},
      defaultValue = "template.yaml",
      description = "SAM template (default: ${DEFAULT-VALUE})")
  Path template;

  @Option(names = "--verbose", description = "also print the local stack's log on stderr")
  boolean verbose;

  @Override
  public Integer call() {
    if (instances < 1 || instances > 1000) {
      throw new UserException(
          "--instances must be from 1 to 1000 (a campaign's record is one DynamoDB item: about"
              + " 1,000 instances, docs/campaigns.md)");
    }
    PrintWriter out = spec.commandLine().getOut();
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
      ApiClient api =
          new ApiClient(
              java.net.URI.create(server.api().url()), Map.of(), server.stepFunctions().clock());
      for (int i = 0; i < instances; i++) {
        api.post("/instances", sample(i));
      }
      out.printf(
          "registered %d sample instances (simulated data plane, virtual time)%n", instances);
      ObjectNode request = request();
      request.put("dryRun", true);
      JsonNode plan = api.post("/campaigns", request);
      out.printf(
          "plan: %d upgradable, %d refused, expected end %s%n",
          plan.path("upgradable").asInt(),
          plan.path("refused").asInt(),
          plan.path("expectedEnd").asText());
      request.remove("dryRun");
      String id = api.post("/campaigns", request).path("campaignId").asText();
      JsonNode campaign = followApproving(api, id, out);
      CampaignCommands.printWaves(out, campaign);
      out.printf("%.1f s of real time%n", (System.nanoTime() - began) / 1e9);
      out.println(summary(api, campaign));
      out.flush();
      return campaign.path("status").asText().equals("Succeeded") ? 0 : 1;
    } catch (ApiClient.ApiException e) {
      out.flush();
      err.printf(
          "sqlup demo campaign: the API answered %d %s: %s%n",
          e.status(), e.code(), e.getMessage());
      return 1;
    }
  }

  /**
   * Sample i: a size, a two-hour window starting at hour i mod 24, a version; every fifth has log
   * traffic.
   */
  static ObjectNode sample(int i) {
    String id = String.format("rm-fleet-%04d", i);
    int gb = SIZES_GB[i % SIZES_GB.length];
    ObjectNode body = JSON.createObjectNode();
    body.put("instanceId", id);
    body.put("engineVersion", VERSIONS[i % VERSIONS.length]);
    body.put("sqlEdition", "Standard");
    body.put("rdsEdition", "HighAvailability");
    body.put("instanceType", "mssql.x4.large");
    body.put("dataSizeGb", gb);
    int hour = (i * 7) % 24;
    body.put("maintenanceWindow", String.format("%02d:00Z-%02d:00Z", hour, (hour + 2) % 24));
    body.put("endpoint", id + ".sqlup.internal");
    body.put("vip", "10.1." + (i / 250) + "." + (i % 250 + 1));
    body.putObject("tags").put("fleet", "demo");
    ObjectNode simulation = body.putObject("simulation");
    simulation
        .putArray("databases")
        .addObject()
        .put("name", "app")
        .put("sizeGb", gb)
        .put("recoveryModel", "FULL");
    simulation.put("logGbPerHour", i % 5 == 0 ? 2.0 : 0.2);
    return body;
  }

  private ObjectNode request() {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", "demo-fleet-to-2022");
    body.putObject("selection").putObject("tags").put("fleet", "demo");
    body.putObject("target").put("engineVersion", "2022");
    var waves = body.putArray("waves");
    waves
        .addObject()
        .put("name", "canary")
        .put("size", "1%")
        .put("maxConcurrency", 5)
        .put("toleratedFailures", 0)
        .put("bakeSeconds", 3600)
        .put("approvalRequired", true);
    waves
        .addObject()
        .put("name", "early")
        .put("size", "10%")
        .put("maxConcurrency", maxConcurrency)
        .put("toleratedFailures", "5%")
        .put("bakeSeconds", 3600);
    waves
        .addObject()
        .put("name", "rest")
        .put("maxConcurrency", maxConcurrency)
        .put("toleratedFailures", "5%");
    body.put("switchPolicy", "OwnMaintenanceWindow");
    return body;
  }

  /**
   * Follows the campaign; approves each wave that waits for approval (the demo's operator says
   * yes).
   */
  private static JsonNode followApproving(ApiClient api, String id, PrintWriter out) {
    String last = "";
    int failedLooks = 0;
    while (true) {
      JsonNode c;
      try {
        c = api.get(CampaignCommands.path(id));
        failedLooks = 0;
      } catch (ApiClient.ApiException e) {
        // A 5xx (the API's 30 s integration timeout while the fleet keeps the local stack busy)
        // is a failed look, not a failed campaign: look again, backing off, a few times.
        if (e.status() < 500 || ++failedLooks > MAX_FAILED_LOOKS) {
          throw e;
        }
        out.printf("(GET campaign answered %d; looking again)%n", e.status());
        sleep(1000L << failedLooks);
        continue;
      }
      String line = CampaignCommands.progressLine(c);
      if (!line.equals(last)) {
        out.println(line);
        out.flush();
        last = line;
      }
      if (CampaignCommands.FINAL.contains(c.path("status").asText())) {
        return c;
      }
      if (c.path("approvalPending").asBoolean()
          && c.path("status").asText().equals("WaitingForApproval")) {
        out.println("approving the next wave (POST /campaigns/" + id + "/actions approve)");
        api.post(
            CampaignCommands.path(id) + "/actions",
            JSON.createObjectNode().put("action", "approve"));
      }
      if (!sleep(1000)) { // each look reads the task of every running upgrade
        return c;
      }
    }
  }

  private static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The closing line, measured on the task records: concurrency is the most tasks alive at one
   * instant (created → last update of a finished task), per wave against that wave's limit; a
   * switch is outside its window when the task's {@code switch} step started outside the instance's
   * maintenance window.
   */
  static String summary(ApiClient api, JsonNode campaign) {
    int n = campaign.path("instances").size();
    JsonNode counts = campaign.path("counts");
    int s = counts.path("succeeded").asInt();
    int f = counts.path("failed").asInt();
    int h = n - s - f;
    Map<String, JsonNode[]> read = readTasksAndInstances(api, campaign);
    int maxConcurrent = 0;
    int limit = 0;
    int outside = 0;
    for (JsonNode wave : campaign.path("waves")) {
      limit = Math.max(limit, wave.path("maxConcurrency").asInt());
      List<Instant[]> spans = new ArrayList<>();
      for (JsonNode i : campaign.path("instances")) {
        if (i.path("wave").asInt(-1) != wave.path("index").asInt() || !i.hasNonNull("taskId")) {
          continue;
        }
        JsonNode task = read.get(i.path("taskId").asText())[0];
        JsonNode instance = read.get(i.path("taskId").asText())[1];
        spans.add(
            new Instant[] {
              Instant.parse(task.path("createdAt").asText()),
              Instant.parse(task.path("updatedAt").asText())
            });
        for (JsonNode step : task.path("steps")) {
          if (step.path("name").asText().equals("switch")
              && step.hasNonNull("startedAt")
              && !inWindow(
                  instance.path("maintenanceWindow").asText(),
                  Instant.parse(step.path("startedAt").asText()))) {
            outside++;
          }
        }
      }
      maxConcurrent = Math.max(maxConcurrent, peak(spans));
    }
    return String.format(
        "campaign %s: %d instances, %d succeeded, %d failed, %d not started, max concurrent %d "
            + "(limit %d), %d switches outside their window",
        campaign.path("campaignId").asText(), n, s, f, h, maxConcurrent, limit, outside);
  }

  /**
   * Every started instance's task and instance record, by task id, read through the API a few at a
   * time (the local stack runs 8 invocations at once): a thousand pairs one after the other took
   * over a minute.
   */
  private static Map<String, JsonNode[]> readTasksAndInstances(ApiClient api, JsonNode campaign) {
    Map<String, JsonNode[]> read = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      List<java.util.concurrent.Future<?>> reads = new ArrayList<>();
      for (JsonNode i : campaign.path("instances")) {
        if (!i.hasNonNull("taskId")) {
          continue;
        }
        String taskId = i.path("taskId").asText();
        String instanceId = i.path("instanceId").asText();
        reads.add(
            pool.submit(
                () ->
                    read.put(
                        taskId,
                        new JsonNode[] {
                          api.get("/tasks/" + taskId), api.get("/instances/" + instanceId)
                        })));
      }
      for (java.util.concurrent.Future<?> r : reads) {
        r.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the tasks", e);
    } finally {
      pool.shutdownNow();
    }
    return read;
  }

  static int peak(List<Instant[]> spans) {
    List<Object[]> events = new ArrayList<>();
    for (Instant[] span : spans) {
      events.add(new Object[] {span[0], 1});
      events.add(new Object[] {span[1], -1});
    }
    // Ends before starts at the same instant: a slot freed and taken at once is not two upgrades.
    events.sort(
        Comparator.<Object[], Instant>comparing(e -> (Instant) e[0])
            .thenComparing(e -> (Integer) e[1]));
    int now = 0;
    int peak = 0;
    for (Object[] e : events) {
      now += (Integer) e[1];
      peak = Math.max(peak, now);
    }
    return peak;
  }

  static boolean inWindow(String window, Instant t) {
    String[] parts = window.replace("Z", "").split("-");
    LocalTime start = LocalTime.parse(parts[0]);
    LocalTime end = LocalTime.parse(parts[1]);
    LocalTime at = t.atOffset(ZoneOffset.UTC).toLocalTime();
    return start.isBefore(end)
        ? !at.isBefore(start) && at.isBefore(end)
        : !at.isBefore(start) || at.isBefore(end);
  }
}
