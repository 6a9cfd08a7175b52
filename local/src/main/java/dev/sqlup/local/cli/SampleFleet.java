package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The demo's simulated sample fleet (registration bodies for {@code POST /instances}): the guide's
 * worked example {@code rm-guide-600g} (4 cores, 8 GiB, 600 GB, 10 GB of log during the 6 h copy)
 * and one instance per limitation of the guide. {@code sqlup demo} and {@code sqlup serve
 * --sample-fleet} register it. Each body carries a {@code note} for the demo's table, removed
 * before it is sent.
 */
final class SampleFleet {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * 10 GB of log while the 600 GB database is backed up and restored (6 h 12 min from the start).
   */
  static final double LOG_GB_PER_HOUR = 10.0 / 6;

  private SampleFleet() {}

  static List<ObjectNode> bodies() {
    return List.of(
        guide("rm-guide-600g", "the guide's worked example: 4 cores, 8 GiB, 600 GB", Map.of()),
        limited("rm-ad-joined", "joined to an AD domain", n -> n.put("adDomainJoined", true)),
        limited("rm-serverless", "serverless", n -> n.put("serverless", true)),
        limited("rm-classic-net", "classic network", n -> n.put("networkType", "Classic")),
        limited("rm-read-only", "a read-only instance", n -> n.put("readOnly", true)),
        limited(
            "rm-cluster-primary",
            "Cluster primary with a read-only instance",
            n -> {
              n.put("rdsEdition", "Cluster");
              n.put("instanceType", "mssql.x4.xlarge");
              n.putArray("readOnlyReplicaIds").add("rm-read-only");
            }));
  }

  static ObjectNode guide(String id, String note, Map<String, String> simulationExtra) {
    ObjectNode body = JSON.createObjectNode();
    body.put("instanceId", id);
    body.put("engineVersion", "2019");
    body.put("sqlEdition", "Standard");
    body.put("rdsEdition", "HighAvailability");
    body.put("instanceType", "mssql.x4.large");
    body.put("dataSizeGb", 600);
    body.put("maintenanceWindow", "18:00Z-22:00Z");
    body.put("endpoint", id + ".sqlup.internal");
    body.put("vip", "10.0.0.5");
    body.put("port", 1433);
    body.putObject("tags").put("team", "sales");
    body.putArray("replicationTasks")
        .addObject()
        .put("id", "dts-" + id + "-to-dwh")
        .put("status", "Running");
    ObjectNode simulation = body.putObject("simulation");
    simulation
        .putArray("databases")
        .addObject()
        .put("name", "sales")
        .put("sizeGb", 600)
        .put("recoveryModel", "FULL");
    simulation.put("logGbPerHour", LOG_GB_PER_HOUR);
    simulationExtra.forEach(simulation::put);
    body.put("note", note);
    return body;
  }

  static ObjectNode limited(String id, String note, Consumer<ObjectNode> change) {
    ObjectNode body = guide(id, note, Map.of());
    body.put("dataSizeGb", 50);
    body.remove("replicationTasks");
    ((ObjectNode) body.get("simulation"))
        .putArray("databases")
        .addObject()
        .put("name", "app")
        .put("sizeGb", 50)
        .put("recoveryModel", "FULL");
    change.accept(body);
    return body;
  }
}
