package dev.sqlup.api;

import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.CutoverGuards;
import dev.sqlup.domain.InstanceSpec;
import dev.sqlup.domain.RdsEdition;
import dev.sqlup.domain.Sha256;
import dev.sqlup.domain.SqlEdition;
import dev.sqlup.domain.SwitchTime;
import dev.sqlup.json.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The upgrade request of {@code POST /instances/{instanceId}/upgrades}: its fields, parsing and
 * validation, and the identities derived from it (the task id of a client token, the request hash
 * that detects a token reused for another request). Pure: no store, no data plane.
 */
final class UpgradeRequests {
  private UpgradeRequests() {}

  static final Set<String> FIELDS =
      Set.of(
          "engineVersion",
          "sqlEdition",
          "rdsEdition",
          "instanceType",
          "switchTime",
          "switchAt",
          "cutoverGuards",
          "dryRun",
          "clientToken",
          "acceleratedDatabaseRecovery",
          "targetStorageGb");
  static final Pattern CLIENT_TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  static UpgradeRequest parse(Map<String, Object> json, Catalogue catalogue) {
    Body body = new Body(json, "", FIELDS);
    String version = body.requireText("engineVersion", null, null);
    if (!catalogue.isKnownVersion(version)) {
      throw ApiException.invalid(
          "engineVersion", "engineVersion must be one of " + catalogue.engineVersions());
    }
    SqlEdition sql = Enums.sqlEdition(body, "sqlEdition", true);
    RdsEdition rds = Enums.rdsEdition(body, "rdsEdition", true);
    String type = body.requireText("instanceType", null, null);
    if (catalogue.instanceType(type).isEmpty()) {
      throw ApiException.invalid("instanceType", "unknown instance type " + Enums.quote(type));
    }
    SwitchTime switchTime = Enums.switchTime(body, "switchTime");
    boolean dryRun = body.optionalBoolean("dryRun");
    String clientToken =
        body.optionalText("clientToken", CLIENT_TOKEN, "1–64 characters of [A-Za-z0-9._:-]")
            .orElse(null);
    boolean adr = body.optionalBoolean("acceleratedDatabaseRecovery");
    Double storage =
        json.containsKey("targetStorageGb")
            ? body.requireNumber("targetStorageGb", 1, 1024 * 1024)
            : null;
    Instant switchAt = SwitchSettings.switchAt(body, switchTime);
    CutoverGuards guards = SwitchSettings.guards(body);
    return new UpgradeRequest(
        new InstanceSpec(version, sql, rds, type),
        switchTime,
        dryRun,
        clientToken,
        adr,
        storage,
        switchAt,
        guards);
  }

  /** Same token on the same instance → same task id, so the conditional create detects a replay. */
  static String tokenTaskId(String instanceId, String clientToken) {
    return "up-" + Sha256.hex(instanceId + "\n" + clientToken).substring(0, 32);
  }

  /**
   * Hash of everything that defines the upgrade (not dryRun or the token itself). Stored with each
   * task to detect a reused client token, so the canonical JSON must never change: keys sorted, the
   * target in its record order ({@code SubmitUpgradeHandlerTest} pins the hash of the
   * events/submit-upgrade.json body).
   */
  static String requestHash(String instanceId, UpgradeRequest r) {
    Map<String, Object> canonical = new TreeMap<>();
    canonical.put("instanceId", instanceId);
    canonical.put("target", r.target());
    canonical.put("switchTime", r.switchTime().name());
    canonical.put("acceleratedDatabaseRecovery", r.acceleratedDatabaseRecovery());
    // Only when given, so the hash of a request without them stays what it was.
    if (r.targetStorageGb() != null) {
      canonical.put("targetStorageGb", r.targetStorageGb());
    }
    if (r.switchAt() != null) {
      canonical.put("switchAt", Json.format(r.switchAt()));
    }
    if (r.cutoverGuards() != null) {
      canonical.put("cutoverGuards", r.cutoverGuards());
    }
    return Sha256.hex(Json.write(canonical));
  }
}
