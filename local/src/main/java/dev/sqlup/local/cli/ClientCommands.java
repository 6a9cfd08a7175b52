package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The API client commands for instances and upgrades, and what every client command shares (API
 * options, error handling, printing). Routes (one place, {@link ApiPaths}) follow the API's spec;
 * {@code --output json} prints the response as is (every field), {@code --output table} the known
 * columns.
 */
final class ClientCommands {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Task statuses after which a task no longer changes (docs/api.md, "Tasks"). */
  static final Set<String> TERMINAL = Set.of("Succeeded", "Failed");

  static final Set<String> SUCCESS = Set.of("Succeeded");

  /** {@code engine.binding} says "simulated" for every instance of the simulated fleet. */
  static final List<String> INSTANCE_COLUMNS =
      List.of(
          "instanceId",
          "engineVersion",
          "sqlEdition",
          "rdsEdition",
          "instanceType",
          "status",
          "engine.binding");

  static final List<String> TASK_COLUMNS =
      List.of(
          "taskId",
          "instanceId",
          "status",
          "currentStep",
          "progress",
          "remainingSeconds",
          "dataPlane");
  static final List<String> TARGET_COLUMNS =
      List.of("engineVersion", "sqlEdition", "rdsEdition", "instanceTypes");

  private ClientCommands() {}

  enum Output {
    json,
    table
  }

  /** Options every client command shares. */
  static final class ApiOptions {
    @Option(
        names = "--api-url",
        defaultValue = "${env:SQLUP_API_URL:-http://127.0.0.1:3000}",
        description =
            "the API: `sqlup serve` (default: ${DEFAULT-VALUE}) or a deployed API Gateway stage URL "
                + "(SigV4-signed when AWS credentials are in the environment)")
    String apiUrl;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "json or table (default: ${DEFAULT-VALUE})")
    Output output;

    ApiClient client() {
      return new ApiClient(URI.create(apiUrl), System.getenv(), Clock.systemUTC());
    }
  }

  /** Shared run: API errors print one line and exit 1. */
  abstract static class ClientCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ApiOptions api;

    abstract int run(ApiClient client, PrintWriter out);

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        return run(api.client(), out);
      } catch (ApiClient.ApiException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(
            "sqlup: "
                + e.code()
                + ": "
                + e.getMessage()
                + (e.requestId() == null ? "" : " (request " + e.requestId() + ")"));
        err.flush();
        return SqlupCli.FAILED;
      } finally {
        out.flush();
      }
    }

    void printJson(PrintWriter out, JsonNode node) {
      out.println(TableRenderer.json(node));
    }

    void printTask(PrintWriter out, JsonNode task) {
      if (api.output == Output.json) {
        printJson(out, task);
      } else {
        TaskPrinter.print(out, task);
      }
    }

    /** A list response: as is in JSON, else its items as a table of {@code columns}. */
    void printList(PrintWriter out, JsonNode response, List<String> columns) {
      if (api.output == Output.json) {
        printJson(out, response);
      } else {
        out.print(TableRenderer.table(TableRenderer.items(response), columns));
      }
    }
  }

  /** Sets {@code name} in a request body when the option was given. */
  static void putIfSet(ObjectNode body, String name, String value) {
    if (value != null) {
      body.put(name, value);
    }
  }

  @Command(
      name = "instances",
      mixinStandardHelpOptions = true,
      description = "Lists the SQL Server instances.")
  static final class Instances extends ClientCommand {
    @Override
    int run(ApiClient client, PrintWriter out) {
      printList(out, client.get(ApiPaths.instances()), INSTANCE_COLUMNS);
      return 0;
    }
  }

  @Command(
      name = "options",
      mixinStandardHelpOptions = true,
      description =
          "Shows the upgrade targets an instance can move to (engine versions, editions, instance types).")
  static final class Options extends ClientCommand {
    @Parameters(index = "0", paramLabel = "INSTANCE_ID")
    String instanceId;

    @Override
    int run(ApiClient client, PrintWriter out) {
      JsonNode response = client.get(ApiPaths.upgradeOptions(instanceId));
      if (api.output == Output.json) {
        printJson(out, response);
        return 0;
      }
      out.print(TableRenderer.keyValues(response, List.of()));
      response
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("targets") && hasEditions(e.getValue())) {
                  out.println();
                  out.println("targets:");
                  out.print(TableRenderer.table(targetRows(e.getValue()), TARGET_COLUMNS));
                } else if (e.getValue().isArray() && e.getValue().size() > 0) {
                  out.println();
                  out.println(e.getKey() + ":");
                  out.print(TableRenderer.listing(TableRenderer.elements(e.getValue()), null));
                }
              });
      return 0;
    }

    /** The API's shape (docs/api.md): targets[].editions[].instanceTypes[]. */
    private static boolean hasEditions(JsonNode targets) {
      if (!targets.isArray() || targets.isEmpty()) {
        return false;
      }
      for (JsonNode t : targets) {
        if (!t.path("editions").isArray()) {
          return false;
        }
      }
      return true;
    }

    /** One row per engine version and edition, with the instance types offered for it. */
    private static List<JsonNode> targetRows(JsonNode targets) {
      List<JsonNode> rows = new ArrayList<>();
      for (JsonNode target : targets) {
        for (JsonNode edition : target.path("editions")) {
          List<String> types = new ArrayList<>();
          edition
              .path("instanceTypes")
              .forEach(t -> types.add(t.isObject() ? t.path("name").asText() : t.asText()));
          ObjectNode row = JSON.createObjectNode();
          row.put("engineVersion", target.path("engineVersion").asText());
          row.put("sqlEdition", edition.path("sqlEdition").asText());
          row.put("rdsEdition", edition.path("rdsEdition").asText());
          row.put("instanceTypes", String.join(", ", types));
          rows.add(row);
        }
      }
      return rows;
    }
  }

  @Command(
      name = "upgrade",
      mixinStandardHelpOptions = true,
      description =
          "Submits an upgrade of an instance; with --wait, shows progress until the task ends.")
  static final class Upgrade extends ClientCommand {
    @Parameters(index = "0", paramLabel = "INSTANCE_ID")
    String instanceId;

    @Option(
        names = "--engine-version",
        description = "target major engine version: 2012, 2014, 2016, 2017, 2019 or 2022")
    String engineVersion;

    @Option(
        names = "--sql-edition",
        description = "target SQL Server edition: Web, Standard or Enterprise")
    String sqlEdition;

    @Option(
        names = "--rds-edition",
        description = "target availability edition: Basic, HighAvailability or Cluster")
    String rdsEdition;

    @Option(
        names = "--instance-type",
        description = "target instance type, e.g. mssql.x4.large (see `sqlup options`)")
    String instanceType;

    @Option(
        names = "--switch-time",
        defaultValue = "immediately",
        description =
            "immediately, maintenance-window, scheduled (with --switch-at) or on-approval "
                + "(then `sqlup approve TASK`) (default: ${DEFAULT-VALUE})")
    String switchTime;

    @Option(
        names = "--switch-at",
        description = "with --switch-time scheduled: ISO-8601 UTC, e.g. 2026-03-02T22:00:00Z")
    String switchAt;

    @Mixin CutoverCommands.GuardOptions guards;

    @Option(names = "--dry-run", description = "run the prechecks and the estimate only")
    boolean dryRun;

    @Option(
        names = "--wait",
        description = "follow the task until it ends (one progress line per phase)")
    boolean await;

    @Option(names = "--poll-interval", hidden = true, defaultValue = "PT2S")
    Duration pollInterval;

    @Override
    int run(ApiClient client, PrintWriter out) {
      String apiSwitchTime = CutoverCommands.apiSwitchTime(switchTime);
      ObjectNode body = JSON.createObjectNode();
      putIfSet(body, "engineVersion", engineVersion);
      putIfSet(body, "sqlEdition", sqlEdition);
      putIfSet(body, "rdsEdition", rdsEdition);
      putIfSet(body, "instanceType", instanceType);
      body.put("switchTime", apiSwitchTime);
      putIfSet(body, "switchAt", switchAt);
      guards.put(body);
      body.put("dryRun", dryRun);
      JsonNode response = client.post(ApiPaths.upgrades(instanceId), body);
      if (dryRun) {
        return CutoverCommands.printDryRun(
            out, spec.commandLine().getErr(), response, api.output == Output.json);
      }
      String taskId = response.path("taskId").asText(null);
      if (!await || taskId == null) {
        printTask(out, response);
        return 0;
      }
      JsonNode task =
          new CutoverCommands.TaskFollower(
                  client,
                  spec.commandLine().getErr(),
                  pollInterval,
                  CutoverCommands.TaskFollower.MAX_FAILED_POLLS)
              .follow(taskId);
      if (task == null) {
        return SqlupCli.FAILED;
      }
      printTask(out, task);
      return SUCCESS.contains(task.path("status").asText()) ? 0 : SqlupCli.FAILED;
    }
  }

  @Command(
      name = "task",
      mixinStandardHelpOptions = true,
      description = "Shows an upgrade task and its steps.")
  static final class Task extends ClientCommand {
    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @Override
    int run(ApiClient client, PrintWriter out) {
      printTask(out, client.get(ApiPaths.task(taskId)));
      return 0;
    }
  }

  @Command(
      name = "tasks",
      mixinStandardHelpOptions = true,
      description = "Lists the upgrade tasks of an instance.")
  static final class Tasks extends ClientCommand {
    @Parameters(index = "0", paramLabel = "INSTANCE_ID")
    String instanceId;

    @Override
    int run(ApiClient client, PrintWriter out) {
      printList(out, client.get(ApiPaths.tasksOf(instanceId)), TASK_COLUMNS);
      return 0;
    }
  }
}
