package dev.sqlup.local.cli;

import static dev.sqlup.local.cli.ClientCommands.putIfSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.cli.ClientCommands.ClientCommand;
import dev.sqlup.local.cli.ClientCommands.Output;
import dev.sqlup.local.runtime.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  static final List<String> HOST_COLUMNS =
      List.of("hostId", "host", "port", "pool", "status", "claimedBy");

  /** What the key/value lines of an instance leave out (the inventory is printed after them). */
  private static final List<String> INSTANCE_SKIP =
      List.of(
          "inventory", "simulation", "engine", "tags", "replicationTasks", "readOnlyReplicaIds");

  private InventoryCommands() {}

  @Command(
      name = "discover",
      mixinStandardHelpOptions = true,
      description = "Reads the instance's source server now (read-only) and stores its inventory.")
  static final class Discover extends ClientCommand {
    @Parameters(index = "0", paramLabel = "INSTANCE_ID")
    String instanceId;

    @Override
    int run(ApiClient client, PrintWriter out) {
      JsonNode response = client.post(ApiPaths.instance(instanceId) + "/discover", null);
      if (api.output == Output.json) {
        printJson(out, response);
      } else {
        out.printf(
            "%s (%s binding)%n",
            response.path("instanceId").asText(), response.path("binding").asText());
        InventoryPrinter.print(out, response.get("inventory"));
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
      JsonNode response = client.get(ApiPaths.instance(instanceId));
      if (api.output == Output.json) {
        printJson(out, response);
      } else {
        out.print(TableRenderer.keyValues(response, INSTANCE_SKIP));
        out.println(
            "binding           " + response.path("engine").path("binding").asText("simulated"));
        out.println();
        InventoryPrinter.print(out, response.get("inventory"));
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
      putIfSet(body, "instanceId", instanceId);
      putIfSet(body, "engineVersion", engineVersion);
      putIfSet(body, "sqlEdition", sqlEdition);
      putIfSet(body, "rdsEdition", rdsEdition);
      putIfSet(body, "instanceType", instanceType);
      if (dataSizeGb != null) {
        body.put("dataSizeGb", dataSizeGb);
      }
      putIfSet(body, "maintenanceWindow", window);
      putIfSet(body, "endpoint", endpoint);
      putIfSet(body, "description", description);
      if (port != null) {
        body.put("port", port);
      }
      if (tags != null) {
        body.set("tags", JSON.valueToTree(tags));
      }
      if (host != null || secretArn != null) {
        ObjectNode engine = body.putObject("engine");
        engine.put("binding", "sqlserver");
        putIfSet(engine, "host", host);
        putIfSet(engine, "secretArn", secretArn);
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
        out.print(TableRenderer.keyValues(created, INSTANCE_SKIP));
        out.println();
        InventoryPrinter.print(out, created.get("inventory"));
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
      putIfSet(body, "maintenanceWindow", window);
      putIfSet(body, "description", description);
      if (tags != null) {
        body.set("tags", JSON.valueToTree(tags));
      }
      if (body.isEmpty()) {
        throw new UserException("give --maintenance-window, --tag or --description");
      }
      JsonNode updated = client.patch(ApiPaths.instance(instanceId), body);
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
      JsonNode r = client.delete(ApiPaths.instance(instanceId));
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
        JsonNode host = client.post(ApiPaths.targetHost(returned) + "/return", null);
        out.println(returned + " is " + host.path("status").asText());
        return 0;
      }
      if (deleted != null) {
        client.delete(ApiPaths.targetHost(deleted));
        out.println("deleted " + deleted);
        return 0;
      }
      printList(out, client.get(ApiPaths.targetHosts()), HOST_COLUMNS);
      return 0;
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
