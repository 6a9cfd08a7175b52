package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sqlup campaign plan|start|status|pause|resume|approve|halt}: fleet campaigns through the
 * API (docs/campaigns.md). plan and start take the request from a file ({@code -f campaign.json},
 * the body of {@code POST /campaigns}) or from options; status prints one row per wave.
 */
@Command(
    name = "campaign",
    mixinStandardHelpOptions = true,
    description =
        "Fleet campaigns: plan, start, follow and steer upgrades of many instances in waves.",
    subcommands = {
      CampaignCommands.Plan.class,
      CampaignCommands.Start.class,
      CampaignCommands.Status.class,
      CampaignCommands.Pause.class,
      CampaignCommands.Resume.class,
      CampaignCommands.Approve.class,
      CampaignCommands.Halt.class
    })
final class CampaignCommands implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> FINAL = Set.of("Halted", "Succeeded");
  static final List<String> WAVE_COLUMNS =
      List.of(
          "wave",
          "name",
          "status",
          "size",
          "limit",
          "tolerated",
          "running",
          "succeeded",
          "failed",
          "skipped",
          "notStarted");
  static final List<String> PLAN_WAVE_COLUMNS =
      List.of(
          "index",
          "name",
          "size",
          "maxConcurrency",
          "toleratedFailures",
          "bakeSeconds",
          "approvalRequired",
          "plannedStart",
          "plannedEnd");
  static final List<String> PLAN_INSTANCE_COLUMNS =
      List.of("instanceId", "wave", "upgradable", "estimate", "switchAt", "plannedEnd", "refusal");

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String path(String campaignId) {
    return "/campaigns/"
        + java.net.URLEncoder.encode(campaignId, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description =
          "Dry run: every selected instance with its prechecks, estimate and switch window; the waves; the expected end.")
  static final class Plan extends ClientCommands.ClientCommand {
    @picocli.CommandLine.Mixin CampaignRequestOptions request;

    @Override
    int run(ApiClient client, PrintWriter out) {
      ObjectNode body = request.body();
      body.put("dryRun", true);
      JsonNode plan = client.post("/campaigns", body);
      if (api.output == ClientCommands.Output.json) {
        printJson(out, plan);
        return 0;
      }
      out.printf(
          "%d selected, %d upgradable, %d refused; expected end %s%n%n",
          plan.path("selected").asInt(),
          plan.path("upgradable").asInt(),
          plan.path("refused").asInt(),
          plan.path("expectedEnd").asText());
      out.print(TableRenderer.table(TableRenderer.elements(plan.get("waves")), PLAN_WAVE_COLUMNS));
      out.println();
      List<JsonNode> rows = new ArrayList<>();
      for (JsonNode i : plan.path("instances")) {
        ObjectNode row = JSON.createObjectNode();
        row.put("instanceId", i.path("instanceId").asText());
        row.set("wave", i.get("wave"));
        row.put("upgradable", i.path("upgradable").asBoolean());
        row.put("estimate", hm(i.at("/estimate/totalSeconds").asLong()));
        row.set("switchAt", i.get("switchAt"));
        row.set("plannedEnd", i.get("plannedEnd"));
        List<String> failed = new ArrayList<>();
        i.path("prechecks")
            .forEach(
                c -> {
                  if (c.path("result").asText().equals("FAILED")) {
                    failed.add(c.path("code").asText());
                  }
                });
        row.put("refusal", String.join(",", failed));
        rows.add(row);
      }
      out.print(TableRenderer.table(rows, PLAN_INSTANCE_COLUMNS));
      return 0;
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Creates the campaign and starts it; with --wait, follows it until it ends.")
  static final class Start extends ClientCommands.ClientCommand {
    @picocli.CommandLine.Mixin CampaignRequestOptions request;

    @Option(
        names = "--client-token",
        description = "idempotency key: the same token starts one campaign")
    String clientToken;

    @Option(
        names = "--wait",
        description = "follow the campaign until it ends (one line per change)")
    boolean await;

    @Option(names = "--poll-interval", hidden = true, defaultValue = "PT2S")
    Duration pollInterval;

    @Override
    int run(ApiClient client, PrintWriter out) {
      ObjectNode body = request.body();
      if (clientToken != null) {
        body.put("clientToken", clientToken);
      }
      JsonNode created = client.post("/campaigns", body);
      String id = created.path("campaignId").asText();
      out.println("campaign " + id + " " + created.path("status").asText());
      if (!await) {
        return 0;
      }
      JsonNode campaign = follow(client, id, out, pollInterval);
      printWaves(out, campaign);
      return campaign.path("status").asText().equals("Succeeded") ? 0 : SqlupCli.FAILED;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Shows a campaign: one row per wave, counts, ETA.")
  static final class Status extends ClientCommands.ClientCommand {
    @Parameters(index = "0", paramLabel = "CAMPAIGN_ID")
    String campaignId;

    @Option(names = "--instances", description = "also one row per instance")
    boolean instances;

    @Override
    int run(ApiClient client, PrintWriter out) {
      JsonNode c = client.get(path(campaignId));
      if (api.output == ClientCommands.Output.json) {
        printJson(out, c);
        return 0;
      }
      out.printf(
          "campaign %s (%s): %s%s, eta %s%n",
          c.path("campaignId").asText(),
          c.path("name").asText(),
          c.path("status").asText(),
          c.path("approvalPending").asBoolean() ? " (approval pending)" : "",
          c.path("eta").isNull() || c.path("eta").isMissingNode() ? "-" : c.path("eta").asText());
      if (c.hasNonNull("haltReason")) {
        out.println("halted: " + c.path("haltReason").asText());
      }
      printWaves(out, c);
      if (instances) {
        out.println();
        out.print(
            TableRenderer.table(
                TableRenderer.elements(c.get("instances")),
                List.of(
                    "instanceId",
                    "wave",
                    "status",
                    "taskId",
                    "progress",
                    "currentStep",
                    "reason")));
      }
      return 0;
    }
  }

  /** The four actions: one POST each. */
  abstract static class Action extends ClientCommands.ClientCommand {
    @Parameters(index = "0", paramLabel = "CAMPAIGN_ID")
    String campaignId;

    abstract String action();

    String reason() {
      return null;
    }

    @Override
    int run(ApiClient client, PrintWriter out) {
      ObjectNode body = JSON.createObjectNode().put("action", action());
      if (reason() != null) {
        body.put("reason", reason());
      }
      JsonNode c = client.post(path(campaignId) + "/actions", body);
      out.println("campaign " + c.path("campaignId").asText() + " " + c.path("status").asText());
      return 0;
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "No new instance starts; running upgrades go on.")
  static final class Pause extends Action {
    @Override
    String action() {
      return "pause";
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Starts instances again after a pause.")
  static final class Resume extends Action {
    @Override
    String action() {
      return "resume";
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approves the next wave.")
  static final class Approve extends Action {
    @Override
    String action() {
      return "approve";
    }
  }

  @Command(
      name = "halt",
      mixinStandardHelpOptions = true,
      description = "Final: nothing new starts; no running upgrade is stopped.")
  static final class Halt extends Action {
    @Option(names = "--reason", description = "why (kept in the campaign)")
    String why;

    @Override
    String action() {
      return "halt";
    }

    @Override
    String reason() {
      return why;
    }
  }

  /**
   * Polls the campaign until it is final, one line whenever its status or a wave's counts change.
   */
  static JsonNode follow(ApiClient client, String id, PrintWriter out, Duration interval) {
    String last = "";
    while (true) {
      JsonNode c = client.get(path(id));
      String line = progressLine(c);
      if (!line.equals(last)) {
        out.println(line);
        out.flush();
        last = line;
      }
      if (FINAL.contains(c.path("status").asText())) {
        return c;
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return c;
      }
    }
  }

  static String progressLine(JsonNode c) {
    JsonNode counts = c.path("counts");
    return String.format(
        "%s wave %d/%d: %d running, %d succeeded, %d failed, %d skipped, %d not started",
        c.path("status").asText(),
        c.path("currentWave").asInt() + 1,
        c.path("waveCount").asInt(),
        counts.path("running").asInt(),
        counts.path("succeeded").asInt(),
        counts.path("failed").asInt(),
        counts.path("skipped").asInt(),
        counts.path("notStarted").asInt() + counts.path("planned").asInt());
  }

  static void printWaves(PrintWriter out, JsonNode campaign) {
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode w : campaign.path("waves")) {
      ObjectNode row = JSON.createObjectNode();
      row.put("wave", w.path("index").asInt());
      row.put("name", w.path("name").asText());
      row.put("status", w.path("status").asText());
      row.put("size", w.path("size").asInt());
      row.put("limit", w.path("maxConcurrency").asInt());
      row.put("tolerated", w.path("toleratedFailures").asText());
      for (String k : List.of("running", "succeeded", "failed", "skipped", "notStarted")) {
        row.put(
            k,
            w.path("counts").path(k).asInt()
                + (k.equals("notStarted") ? w.path("counts").path("planned").asInt() : 0));
      }
      rows.add(row);
    }
    out.print(TableRenderer.table(rows, WAVE_COLUMNS));
  }

  static String hm(long seconds) {
    return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }
}
