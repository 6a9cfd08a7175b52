package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.cli.ClientCommands.ClientCommand;
import dev.sqlup.local.cli.ClientCommands.Output;
import dev.sqlup.local.runtime.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Client commands for discovery and for managing instances and target hosts (issue 12): {@code
 * discover}, {@code instance}, {@code register-instance}, {@code update-instance}, {@code
 * delete-instance}, {@code hosts}.
 */
final class InventoryCommands {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> DATABASE_COLUMNS =
      List.of(
          "name",
          "dataGb",
          "logGb",
          "recoveryModel",
          "state",
          "compatibilityLevel",
          "tde",
          "lastFullBackup",
          "notes");
  static final List<String> HOST_COLUMNS =
      List.of("hostId", "host", "port", "pool", "status", "claimedBy");

  private InventoryCommands() {}

  static String instance(String id) {
    return "/instances/" + enc(id);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The inventory as people read it: server facts, one row per database, the log rate. */
  static void printInventory(PrintWriter out, JsonNode inventory) {
    if (inventory == null || inventory.isNull() || inventory.isMissingNode()) {
      out.println("inventory: never discovered (sqlup discover INSTANCE_ID)");
      return;
    }
    JsonNode server = inventory.path("server");
    out.printf(
        "inventory: discovered %s%s%n",
        inventory.path("discoveredAt").asText(),
        inventory.path("simulated").asBoolean() ? " (simulated)" : "");
    out.printf(
        "  server    %s %s %s, %s; %d CPUs, %.1f GiB; %s%s%n",
        server.path("productVersion").asText(),
        server.path("productLevel").asText(),
        server.path("productUpdateLevel").asText(""),
        server.path("edition").asText(),
        server.path("cpuCount").asInt(),
        server.path("physicalMemoryBytes").asLong() / 1073741824.0,
        server.path("collation").asText(),
        server.hasNonNull("availabilityGroupRole")
            ? "; Always On " + server.path("availabilityGroupRole").asText()
            : "");
    out.printf(
        "  logins %d, Agent jobs %d, Windows authentication only: %s%n",
        server.path("loginCount").asInt(),
        server.path("agentJobCount").asInt(),
        server.path("windowsAuthenticationOnly").asBoolean());
    List<String> disks = new ArrayList<>();
    server
        .path("freeDiskBytes")
        .fields()
        .forEachRemaining(
            e ->
                disks.add(
                    String.format(
                        Locale.ROOT, "%s %.0f GB", e.getKey(), e.getValue().asLong() / 1e9)));
    out.println("  free disk " + (disks.isEmpty() ? "-" : String.join(", ", disks)));
    out.printf(
        Locale.ROOT,
        "  log rate  %.2f GB/h (%s)%n",
        inventory.path("logRate").path("bytesPerHour").asLong() / 1e9,
        inventory.path("logRate").path("method").asText());
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode db : inventory.path("databases")) {
      ObjectNode row = JSON.createObjectNode();
      row.put("name", db.path("name").asText());
      row.put("dataGb", String.format(Locale.ROOT, "%.1f", db.path("dataBytes").asLong() / 1e9));
      row.put("logGb", String.format(Locale.ROOT, "%.1f", db.path("logBytes").asLong() / 1e9));
      row.put("recoveryModel", db.path("recoveryModel").asText());
      row.put("state", db.path("state").asText());
      row.put("compatibilityLevel", db.path("compatibilityLevel").asInt());
      row.put(
          "tde", db.path("encrypted").asBoolean() ? db.path("tdeCertificate").asText("?") : "-");
      JsonNode full = db.path("lastFullBackup");
      row.put(
          "lastFullBackup",
          full.isMissingNode()
              ? "-"
              : full.path("finishedAt").asText()
                  + (full.path("filePresent").asBoolean() ? "" : " (file gone)"));
      List<String> notes = new ArrayList<>();
      if (db.path("published").asBoolean()) {
        notes.add("publisher");
      }
      if (db.path("cdcEnabled").asBoolean()) {
        notes.add("CDC");
      }
      if (db.hasNonNull("availabilityGroup")) {
        notes.add("AG " + db.path("availabilityGroup").asText());
      }
      if (!"NOTHING".equals(db.path("logReuseWait").asText("NOTHING"))) {
        notes.add("log waits on " + db.path("logReuseWait").asText());
      }
      row.put("notes", String.join(", ", notes));
      rows.add(row);
    }
    out.println();
    out.print(TableRenderer.table(rows, DATABASE_COLUMNS));
  }

  @Command(
      name = "discover",
      mixinStandardHelpOptions = true,
      description = "Reads the instance's source server now (read-only) and stores its inventory.")
  static final class Discover extends ClientCommand {
    @Parameters(index = "0", paramLabel = "INSTANCE_ID")
    String instanceId;

    @Override
    int run(ApiClient client, PrintWriter out) {
      JsonNode response = client.post(instance(instanceId) + "/discover", null);
      if (api.output == Output.json) {
        printJson(out, response);
      } else {
        out.printf(
            "%s (%s binding)%n",
            response.path("instanceId").asText(), response.path("binding").asText());
        printInventory(out, response.get("inventory"));
      }
      return 0;
    }
  }

  @Command(
      name = "instance",
      mixinStandardHelpOptions = true,
      description = "Shows an instance and its latest inventory.")
  static final class Instance extends ClientCommand {
    @Parameters(index = "0", paramLabel = "INSTANCE_ID")
    String instanceId;

    @Override
    int run(ApiClient client, PrintWriter out) {
      JsonNode response = client.get(instance(instanceId));
      if (api.output == Output.json) {
        printJson(out, response);
      } else {
        out.print(
            TableRenderer.keyValues(
                response,
                List.of(
                    "inventory",
                    "simulation",
                    "engine",
                    "tags",
                    "replicationTasks",
                    "readOnlyReplicaIds")));
        out.println(
            "binding           " + response.path("engine").path("binding").asText("simulated"));
        out.println();
        printInventory(out, response.get("inventory"));
      }
      return 0;
    }
  }

  @Command(
      name = "register-instance",
      mixinStandardHelpOptions = true,
      description = {
        "Registers an instance. A self-managed server: --host and --secret-arn; its version, edition, instance type "
            + "and size come from discovery.",
        "A simulated one: --engine-version, --sql-edition, --rds-edition, --instance-type, --data-size-gb and its "
            + "model with --simulation-file. Or the whole request body with --from-file."
      })
  static final class Register extends ClientCommand {
    @Parameters(index = "0", paramLabel = "INSTANCE_ID", arity = "0..1")
    String instanceId;

    @Option(
        names = "--from-file",
        paramLabel = "FILE",
        description = "the POST /instances body (docs/api.md)")
    Path fromFile;

    @Option(names = "--host", description = "the SQL Server's address (sqlserver binding)")
    String host;

    @Option(names = "--secret-arn", description = "Secrets Manager secret with sqlup's login on it")
    String secretArn;

    @Option(
        names = "--property",
        paramLabel = "KEY=VALUE",
        description = "binding property (backupLocation, ...)")
    Map<String, String> properties;

    @Option(names = "--endpoint", description = "DNS name clients connect to")
    String endpoint;

    @Option(names = "--maintenance-window", description = "HH:MMZ-HH:MMZ (UTC)")
    String window;

    @Option(names = "--engine-version")
    String engineVersion;

    @Option(names = "--sql-edition")
    String sqlEdition;

    @Option(names = "--rds-edition")
    String rdsEdition;

    @Option(names = "--instance-type")
    String instanceType;

    @Option(names = "--data-size-gb")
    Double dataSizeGb;

    @Option(names = "--port")
    Integer port;

    @Option(names = "--tag", paramLabel = "KEY=VALUE")
    Map<String, String> tags;

    @Option(names = "--description")
    String description;

    @Option(
        names = "--simulation-file",
        paramLabel = "FILE",
        description = "the simulated binding's model (JSON)")
    Path simulationFile;

    @Override
    int run(ApiClient client, PrintWriter out) {
      ObjectNode body = fromFile != null ? (ObjectNode) read(fromFile) : JSON.createObjectNode();
      put(body, "instanceId", instanceId);
      put(body, "engineVersion", engineVersion);
      put(body, "sqlEdition", sqlEdition);
      put(body, "rdsEdition", rdsEdition);
      put(body, "instanceType", instanceType);
      if (dataSizeGb != null) {
        body.put("dataSizeGb", dataSizeGb);
      }
      put(body, "maintenanceWindow", window);
      put(body, "endpoint", endpoint);
      put(body, "description", description);
      if (port != null) {
        body.put("port", port);
      }
      if (tags != null) {
        body.set("tags", JSON.valueToTree(tags));
      }
      if (host != null || secretArn != null) {
        ObjectNode engine = body.putObject("engine");
        engine.put("binding", "sqlserver");
        put(engine, "host", host);
        put(engine, "secretArn", secretArn);
        if (properties != null) {
          engine.set("properties", JSON.valueToTree(properties));
        }
      }
      if (simulationFile != null) {
        body.set("simulation", read(simulationFile));
      }
      JsonNode created = client.post("/instances", body);
      if (api.output == Output.json) {
        printJson(out, created);
      } else {
        out.print(
            TableRenderer.keyValues(
                created,
                List.of(
                    "inventory",
                    "simulation",
                    "engine",
                    "tags",
                    "replicationTasks",
                    "readOnlyReplicaIds")));
        out.println();
        printInventory(out, created.get("inventory"));
      }
      return 0;
    }
  }

  @Command(
      name = "update-instance",
      mixinStandardHelpOptions = true,
      description =
          "Changes an instance's maintenance window, tags (replaced as a whole) or description.")
  static final class Update extends ClientCommand {
    @Parameters(index = "0", paramLabel = "INSTANCE_ID")
    String instanceId;

    @Option(names = "--maintenance-window", description = "HH:MMZ-HH:MMZ (UTC)")
    String window;

    @Option(names = "--tag", paramLabel = "KEY=VALUE")
    Map<String, String> tags;

    @Option(names = "--description")
    String description;

    @Override
    int run(ApiClient client, PrintWriter out) {
      ObjectNode body = JSON.createObjectNode();
      put(body, "maintenanceWindow", window);
      put(body, "description", description);
      if (tags != null) {
        body.set("tags", JSON.valueToTree(tags));
      }
      if (body.isEmpty()) {
        throw new UserException("give --maintenance-window, --tag or --description");
      }
      JsonNode updated = client.patch(instance(instanceId), body);
      if (api.output == Output.json) {
        printJson(out, updated);
      } else {
        out.print(
            TableRenderer.keyValues(
                updated,
                List.of(
                    "inventory",
                    "simulation",
                    "engine",
                    "replicationTasks",
                    "readOnlyReplicaIds")));
      }
      return 0;
    }
  }

  @Command(
      name = "delete-instance",
      mixinStandardHelpOptions = true,
      description =
          "Forgets an instance (refused while an upgrade runs; its tasks stay; the server is not touched).")
  static final class Delete extends ClientCommand {
    @Parameters(index = "0", paramLabel = "INSTANCE_ID")
    String instanceId;

    @Override
    int run(ApiClient client, PrintWriter out) {
      JsonNode r = client.delete(instance(instanceId));
      if (api.output == Output.json) {
        printJson(out, r);
      } else {
        out.println("deleted " + r.path("instanceId").asText());
      }
      return 0;
    }
  }

  @Command(
      name = "hosts",
      mixinStandardHelpOptions = true,
      description = {
        "Lists the target host pool of the sqlserver binding.",
        "--return HOST_ID puts a cleaned DIRTY host back in the pool; --delete HOST_ID removes a host no upgrade holds."
      })
  static final class Hosts extends ClientCommand {
    @Option(names = "--return", paramLabel = "HOST_ID")
    String returned;

    @Option(names = "--delete", paramLabel = "HOST_ID")
    String deleted;

    @Override
    int run(ApiClient client, PrintWriter out) {
      if (returned != null) {
        JsonNode host = client.post("/target-hosts/" + enc(returned) + "/return", null);
        out.println(returned + " is " + host.path("status").asText());
        return 0;
      }
      if (deleted != null) {
        client.delete("/target-hosts/" + enc(deleted));
        out.println("deleted " + deleted);
        return 0;
      }
      JsonNode response = client.get("/target-hosts");
      if (api.output == Output.json) {
        printJson(out, response);
      } else {
        out.print(TableRenderer.table(TableRenderer.items(response), HOST_COLUMNS));
      }
      return 0;
    }
  }

  private static void put(ObjectNode body, String name, String value) {
    if (value != null) {
      body.put(name, value);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
