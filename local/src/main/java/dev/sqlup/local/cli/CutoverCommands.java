package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.runtime.UserException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Client commands around the switchover (issue 13): follow a task ({@code watch}), approve it
 * ({@code approve}: {@code POST /tasks/{id}/switchover}), move its switch or change its guards
 * ({@code reschedule}: {@code PATCH /tasks/{id}}), and the pieces {@code upgrade} shares with them.
 */
final class CutoverCommands {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CutoverCommands() {}

  /** The CLI's switch-time words (and the API's own names) as the API's value. */
  static String apiSwitchTime(String word) {
    return switch (word) {
      case "immediately", "Immediate" -> "Immediate";
      case "maintenance-window", "MaintenanceWindow" -> "MaintenanceWindow";
      case "scheduled", "ScheduledTime" -> "ScheduledTime";
      case "on-approval", "OnApproval" -> "OnApproval";
      default ->
          throw new UserException(
              "--switch-time must be immediately, maintenance-window, scheduled or "
                  + "on-approval, not "
                  + word);
    };
  }

  /** The cutover guard overrides of {@code upgrade} and {@code reschedule}. */
  static final class GuardOptions {
    @Option(
        names = "--max-log-lag-mb",
        description = "cutover guard: hold the switch while more log than this is unshipped")
    Integer maxLogLagMb;

    @Option(
        names = "--max-open-transaction-minutes",
        description =
            "cutover guard: hold the switch while a source transaction is open longer than this")
    Integer maxOpenTransactionMinutes;

    @Option(
        names = "--max-downtime-seconds",
        description = "cutover guard: hold the switch while the estimated downtime is longer")
    Integer maxDowntimeSeconds;

    @Option(
        names = "--guard-recheck-seconds",
        description = "how often a holding guard is checked again")
    Integer recheckSeconds;

    boolean any() {
      return maxLogLagMb != null
          || maxOpenTransactionMinutes != null
          || maxDowntimeSeconds != null
          || recheckSeconds != null;
    }

    void put(ObjectNode body) {
      if (!any()) {
        return;
      }
      ObjectNode g = body.putObject("cutoverGuards");
      if (maxLogLagMb != null) {
        g.put("maxLogLagMb", maxLogLagMb);
      }
      if (maxOpenTransactionMinutes != null) {
        g.put("maxOpenTransactionMinutes", maxOpenTransactionMinutes);
      }
      if (maxDowntimeSeconds != null) {
        g.put("maxDowntimeSeconds", maxDowntimeSeconds);
      }
      if (recheckSeconds != null) {
        g.put("recheckSeconds", recheckSeconds);
      }
    }
  }

  /**
   * A dry run: prechecks, warnings, the estimate per phase in hours and minutes and the expected
   * downtime; exit 1 (with the failed prechecks' codes on stderr) when the upgrade would be
   * refused.
   */
  static int printDryRun(PrintWriter out, PrintWriter err, JsonNode response, boolean json) {
    boolean upgradable = response.path("upgradable").asBoolean(false);
    if (json) {
      out.println(TableRenderer.json(response));
    } else {
      out.println("prechecks:");
      List<JsonNode> checks = new ArrayList<>();
      response.path("prechecks").forEach(checks::add);
      out.print(TableRenderer.table(checks, List.of("name", "result", "code", "message")));
      List<String> warnings = new ArrayList<>();
      response
          .path("prechecks")
          .forEach(
              c -> {
                if ("WARNING".equals(c.path("result").asText())) {
                  warnings.add(c.path("code").asText() + ": " + c.path("message").asText());
                }
              });
      out.println();
      out.println("warnings:" + (warnings.isEmpty() ? " none" : ""));
      warnings.forEach(w -> out.println("  " + w));
      JsonNode estimate = response.path("estimate");
      out.println();
      out.println(
          "estimate (guide speeds"
              + (estimate.path("fullBackupSkipped").asBoolean()
                  ? "; recent full backup reused"
                  : "")
              + "):");
      List<JsonNode> rows = new ArrayList<>();
      estimate
          .path("phases")
          .fields()
          .forEachRemaining(
              e -> {
                ObjectNode row = JSON.createObjectNode();
                row.put("phase", e.getKey());
                row.put("duration", hm(e.getValue().asLong()));
                rows.add(row);
              });
      out.print(TableRenderer.table(rows, List.of("phase", "duration")));
      out.println("total: " + hm(estimate.path("totalSeconds").asLong()));
      if (response.has("expectedDowntimeSeconds")) {
        out.println(
            "expected downtime: "
                + response.get("expectedDowntimeSeconds").asLong()
                + " s (writes stop -> endpoint resolves to the new instance)");
      }
      out.println("upgradable: " + upgradable);
    }
    if (!upgradable) {
      List<String> failed = new ArrayList<>();
      response
          .path("prechecks")
          .forEach(
              c -> {
                if ("FAILED".equals(c.path("result").asText())) {
                  failed.add(c.path("code").asText());
                }
              });
      err.println("sqlup: PrecheckFailed: " + String.join(", ", failed));
      err.flush();
      return SqlupCli.FAILED;
    }
    return 0;
  }

  static String hm(long seconds) {
    long minutes = (seconds + 59) / 60;
    return String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
  }

  /**
   * Follows a task until it ends, one progress line per phase on {@code err}. A failed poll (API
   * unreachable, 5xx, throttled) is retried with backoff — doubling from the poll interval up to
   * one minute — so a restart of the API or a network blip does not end the watch; {@code
   * maxFailures} failed polls in a row do. 4xx answers other than 429 end it at once (the task does
   * not exist).
   */
  static final class TaskFollower {
    static final int MAX_FAILED_POLLS = 30;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private final ApiClient client;
    private final PrintWriter err;
    private final Duration interval;
    private final int maxFailures;

    TaskFollower(ApiClient client, PrintWriter err, Duration interval, int maxFailures) {
      this.client = client;
      this.err = err;
      this.interval = interval;
      this.maxFailures = maxFailures;
    }

    private void pollFailed(String reason, Duration wait, int failures) {
      err.println(
          "sqlup: poll failed ("
              + reason
              + "); retrying in "
              + wait.toSeconds()
              + " s ("
              + failures
              + "/"
              + maxFailures
              + ")");
    }

    /** The task once it ended; null when the polls kept failing (said on {@code err}). */
    JsonNode follow(String taskId) {
      ProgressPrinter progress = new ProgressPrinter(err, Clock.systemUTC());
      int failures = 0;
      Duration wait = interval;
      while (true) {
        JsonNode task = null;
        try {
          task = client.get(ApiPaths.task(taskId));
          failures = 0;
          wait = interval;
        } catch (ApiClient.ApiException e) {
          if (e.status() / 100 == 4 && e.status() != 429) {
            throw e;
          }
          failures++;
          pollFailed(e.code() + ": " + e.getMessage(), wait, failures);
        } catch (UserException e) {
          failures++;
          pollFailed(e.getMessage(), wait, failures);
        }
        if (task != null) {
          progress.update(task);
          if (ClientCommands.TERMINAL.contains(task.path("status").asText())) {
            progress.finish();
            return task;
          }
        } else if (failures >= maxFailures) {
          progress.finish();
          err.println(
              "sqlup: gave up after "
                  + failures
                  + " failed polls in a row; `sqlup watch "
                  + taskId
                  + "` re-attaches");
          err.flush();
          return null;
        }
        err.flush();
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
        if (task == null) {
          wait =
              wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
        }
      }
    }
  }

  @Command(
      name = "watch",
      mixinStandardHelpOptions = true,
      description =
          "Re-attaches to an upgrade task and follows it until it ends; failed polls are retried with backoff.")
  static final class Watch extends ClientCommands.ClientCommand {
    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @Option(
        names = "--poll-interval",
        defaultValue = "PT2S",
        description = "ISO-8601 duration between polls (default: ${DEFAULT-VALUE})")
    Duration pollInterval;

    @Option(
        names = "--max-failed-polls",
        defaultValue = "30",
        description = "failed polls in a row before giving up (default: ${DEFAULT-VALUE})")
    int maxFailedPolls;

    @Override
    int run(ApiClient client, PrintWriter out) {
      JsonNode task =
          new TaskFollower(client, spec.commandLine().getErr(), pollInterval, maxFailedPolls)
              .follow(taskId);
      if (task == null) {
        return SqlupCli.FAILED;
      }
      printTask(out, task);
      return ClientCommands.SUCCESS.contains(task.path("status").asText()) ? 0 : SqlupCli.FAILED;
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description =
          "Switches a waiting upgrade now (approves an on-approval task): POST /tasks/{taskId}/switchover.")
  static final class Approve extends ClientCommands.ClientCommand {
    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @Override
    int run(ApiClient client, PrintWriter out) {
      printTask(out, client.post(ApiPaths.switchover(taskId)));
      return 0;
    }
  }

  @Command(
      name = "reschedule",
      mixinStandardHelpOptions = true,
      description =
          "Moves a waiting upgrade's switch (window, scheduled time, approval, now) and/or changes its "
              + "cutover guards: PATCH /tasks/{taskId}.")
  static final class Reschedule extends ClientCommands.ClientCommand {
    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @Option(
        names = "--switch-time",
        description =
            "immediately, maintenance-window, scheduled (with --switch-at) or on-approval")
    String switchTime;

    @Option(names = "--switch-at", description = "with --switch-time scheduled: ISO-8601 UTC")
    String switchAt;

    @Mixin GuardOptions guards;

    @Override
    int run(ApiClient client, PrintWriter out) {
      if (switchTime == null && !guards.any()) {
        throw new UserException(
            "give --switch-time (with --switch-at for scheduled) and/or a guard option");
      }
      ObjectNode body = JSON.createObjectNode();
      if (switchTime != null) {
        body.put("switchTime", apiSwitchTime(switchTime));
      }
      if (switchAt != null) {
        body.put("switchAt", switchAt);
      }
      guards.put(body);
      printTask(out, client.patch(ApiPaths.task(taskId), body));
      return 0;
    }
  }
}
