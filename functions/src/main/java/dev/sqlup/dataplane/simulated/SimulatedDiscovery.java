package dev.sqlup.dataplane.simulated;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.InstanceRefs;
import dev.sqlup.domain.SourceInventory;
import dev.sqlup.json.Json;
import dev.sqlup.json.JsonFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discovery on the simulated fleet: the model's databases, log rate and full backups in the shape
 * the sqlserver binding reads from a real server. Facts the model does not need for its speeds come
 * from optional fields of the simulation profile, so a precheck can be tried on the fleet:
 *
 * <pre>
 * {"server": {"productVersion": "15.0.4345.5", "edition": "Standard Edition (64-bit)", "cpuCount": 4,
 *   "memoryGib": 8, "collation": "SQL_Latin1_General_CP1_CI_AS", "availabilityGroupRole": "PRIMARY",
 *   "windowsAuthenticationOnly": false, "freeDiskGb": {"D:\\": 900}, "logins": 12, "agentJobs": 3},
 *  "databases": [{"name": "sales", "sizeGb": 600, "recoveryModel": "FULL", "logSizeGb": 20, "state": "ONLINE",
 *   "compatibilityLevel": 150, "encrypted": true, "tdeCertificate": "TDECert", "tdeCertificateBackedUp": true,
 *   "containment": "NONE", "published": false, "cdc": false, "logReuseWait": "NOTHING",
 *   "oldestOpenTransactionMinutes": 0, "availabilityGroup": null}]}</pre>
 *
 * Absent facts default to a healthy server of the registered version, edition and instance type.
 */
final class SimulatedDiscovery {
  private static final double GIB = 1024.0 * 1024 * 1024;

  private SimulatedDiscovery() {}

  @SuppressWarnings("unchecked")
  static SourceInventory describe(
      InstanceRef source, SourceProfile profile, List<BackupRef> fullBackups, Instant now) {
    Map<String, Object> root = raw(source);
    Map<String, Object> server = object(root, "server");
    Map<String, Object> byName = new LinkedHashMap<>();
    for (Object item : JsonFields.array(root, "databases")) {
      if (item instanceof Map<?, ?> m && m.get("name") instanceof String name) {
        byName.put(name, m);
      }
    }
    String version =
        JsonFields.text(server, "productVersion", productVersion(source.engineVersion()));
    int nativeLevel = nativeCompatibilityLevel(version);
    List<SourceInventory.Database> databases = new ArrayList<>();
    for (SourceProfile.DatabaseProfile db : profile.databases()) {
      Map<String, Object> facts =
          byName.get(db.name()) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      long logBytes =
          JsonFields.has(facts, "logSizeGb")
              ? Math.round(JsonFields.number(facts, "logSizeGb", 0) * SimulationSpeeds.GB)
              : db.sizeBytes() / 10;
      String certificate = JsonFields.text(facts, "tdeCertificate", null);
      databases.add(
          new SourceInventory.Database(
              db.name(),
              db.sizeBytes(),
              logBytes,
              db.recoveryModel().name(),
              JsonFields.text(facts, "state", "ONLINE"),
              (int) JsonFields.whole(facts, "compatibilityLevel", nativeLevel),
              JsonFields.bool(facts, "encrypted", certificate != null),
              certificate,
              JsonFields.bool(facts, "tdeCertificateBackedUp", false),
              JsonFields.text(facts, "containment", "NONE"),
              JsonFields.bool(facts, "published", false),
              JsonFields.bool(facts, "cdc", false),
              JsonFields.text(facts, "logReuseWait", "NOTHING"),
              JsonFields.whole(facts, "oldestOpenTransactionMinutes", 0) * 60,
              JsonFields.text(facts, "availabilityGroup", null),
              lastFull(db, fullBackups, now)));
    }
    Map<String, Long> freeDisk = new LinkedHashMap<>();
    Map<String, Object> disks = object(server, "freeDiskGb");
    if (disks.isEmpty()) {
      freeDisk.put("/var/opt/mssql", 2 * profile.totalBytes() + 100 * SimulationSpeeds.GB);
    } else {
      disks.forEach(
          (volume, gb) ->
              freeDisk.put(
                  volume,
                  gb instanceof Number n ? Math.round(n.doubleValue() * SimulationSpeeds.GB) : 0));
    }
    String role = JsonFields.text(server, "availabilityGroupRole", null);
    String edition = JsonFields.text(server, "edition", source.sqlEdition() + " Edition (64-bit)");
    SourceInventory.Server facts =
        new SourceInventory.Server(
            version,
            JsonFields.text(server, "productLevel", "RTM"),
            JsonFields.text(server, "productUpdateLevel", null),
            edition,
            edition.startsWith("Enterprise") || edition.startsWith("Developer") ? 3 : 2,
            (int)
                JsonFields.whole(
                    server,
                    "cpuCount",
                    Long.parseLong(source.properties().getOrDefault("cpuCores", "4"))),
            Math.round(
                JsonFields.number(
                        server,
                        "memoryGib",
                        Double.parseDouble(source.properties().getOrDefault("memoryGib", "8")))
                    * GIB),
            JsonFields.text(server, "collation", "SQL_Latin1_General_CP1_CI_AS"),
            role != null,
            role,
            JsonFields.bool(server, "windowsAuthenticationOnly", false),
            freeDisk,
            (int) JsonFields.whole(server, "logins", 5),
            (int) JsonFields.whole(server, "agentJobs", 2));
    return new SourceInventory(
        now,
        true,
        facts,
        databases,
        new SourceInventory.LogRate(
            Math.round(profile.logGbPerHour() * SimulationSpeeds.GB), "simulation model"));
  }

  /**
   * The newest full backup of the database that is not in the future (the simulator keeps its
   * files).
   */
  private static SourceInventory.FullBackup lastFull(
      SourceProfile.DatabaseProfile db, List<BackupRef> backups, Instant now) {
    BackupRef newest = null;
    for (BackupRef b : backups) {
      if (b.database().equals(db.name())
          && !b.finishedAt().isAfter(now)
          && (newest == null || b.finishedAt().isAfter(newest.finishedAt()))) {
        newest = b;
      }
    }
    return newest == null
        ? null
        : new SourceInventory.FullBackup(newest.finishedAt(), newest.sizeBytes(), false, true);
  }

  private static Map<String, Object> object(Map<String, Object> parent, String name) {
    Map<String, Object> child = JsonFields.object(parent, name);
    return child == null ? Map.of() : child;
  }

  private static Map<String, Object> raw(InstanceRef source) {
    String json = source.properties().get(InstanceRefs.SIMULATION);
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return Json.readObject(json);
    } catch (Json.MalformedJson e) {
      return Map
          .of(); // SourceProfile.of already refused malformed profiles with SIM_PROFILE_INVALID
    }
  }

  static String productVersion(String engineVersion) {
    return switch (engineVersion == null ? "" : engineVersion) {
      case "2012" -> "11.0.7507.2";
      case "2014" -> "12.0.6449.1";
      case "2016" -> "13.0.6435.1";
      case "2017" -> "14.0.3465.1";
      case "2022" -> "16.0.4135.4";
      default -> "15.0.4375.4";
    };
  }

  private static int nativeCompatibilityLevel(String productVersion) {
    try {
      return Integer.parseInt(productVersion.split("\\.")[0]) * 10;
    } catch (NumberFormatException e) {
      return 150;
    }
  }
}
