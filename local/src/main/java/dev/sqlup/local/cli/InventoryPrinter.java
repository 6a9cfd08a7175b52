package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An instance's discovered inventory as {@code --output table} prints it. Apart from the inventory
 * commands because {@code discover}, {@code instance} and {@code register-instance} all print it,
 * and its units (GB, GiB, GB/h) and notes are the one place that reads the inventory's fields.
 */
final class InventoryPrinter {
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

  private InventoryPrinter() {}

  /** The inventory as people read it: server facts, one row per database, the log rate. */
  static void print(PrintWriter out, JsonNode inventory) {
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
}
