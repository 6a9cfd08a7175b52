package dev.sqlup.api;

import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceType;
import dev.sqlup.domain.RdsEdition;
import dev.sqlup.domain.SourceInventory;
import dev.sqlup.domain.SqlEdition;
import java.util.Map;

/**
 * A self-managed server's registration completed from its discovery: engine version and edition
 * from the server's own answer, the instance type in the catalogue's terms (the smallest type
 * offered for that version and edition with at least the server's logical CPUs and memory), the
 * data size from its files. Values the caller gave must agree, else 422 {@code
 * RegistrationMismatch} and nothing is stored.
 */
final class SelfManagedSource {
  private static final double GIB = 1024.0 * 1024 * 1024;

  private SelfManagedSource() {}

  static Instance completed(Instance given, SourceInventory inventory, Catalogue catalogue) {
    SourceInventory.Server server = inventory.server();
    String version = server.engineVersion();
    if (version == null || !catalogue.isKnownVersion(version)) {
      throw mismatch(
          "engineVersion",
          "the server runs SQL Server "
              + server.productVersion()
              + ", which is not in the catalogue "
              + catalogue.engineVersions());
    }
    SqlEdition edition = server.sqlEdition();
    if (edition == null) {
      throw mismatch(
          "sqlEdition",
          "the server's edition '"
              + server.edition()
              + "' cannot be upgraded by sqlup "
              + "(Web, Standard, Enterprise and Developer can)");
    }
    agree("engineVersion", given.engineVersion(), version);
    agree(
        "sqlEdition",
        given.sqlEdition() == null ? null : given.sqlEdition().name(),
        edition.name());
    RdsEdition rds = given.rdsEdition() != null ? given.rdsEdition() : RdsEdition.Basic;
    int memoryGib = (int) Math.floor(server.physicalMemoryBytes() / GIB);
    String type = given.instanceType();
    if (type == null) {
      type =
          catalogue.typesOfferedFor(version, edition, rds).stream()
              .filter(t -> t.cpuCores() >= server.cpuCount() && t.memoryGib() >= memoryGib)
              .map(InstanceType::name)
              .findFirst()
              .orElseThrow(
                  () ->
                      mismatch(
                          "instanceType",
                          "no catalogue type offered for "
                              + version
                              + " "
                              + edition
                              + " "
                              + rds
                              + " has "
                              + server.cpuCount()
                              + " cores and "
                              + memoryGib
                              + " GiB; give instanceType"));
    } else if (!catalogue.instanceType(type).orElseThrow().isOfferedFor(version, edition, rds)) {
      throw mismatch(
          "instanceType",
          "instance type "
              + type
              + " is not offered for SQL Server "
              + version
              + " "
              + edition
              + " "
              + rds);
    }
    double dataSizeGb = Math.round(inventory.totalDataBytes() / 1e7) / 100.0;
    Instance i = given;
    return new Instance(
        i.instanceId(),
        version,
        edition,
        rds,
        type,
        dataSizeGb,
        i.maintenanceWindow(),
        i.networkType(),
        i.adDomainJoined() || server.windowsAuthenticationOnly(),
        i.serverless(),
        i.readOnly(),
        i.readOnlyReplicaIds(),
        i.endpoint(),
        i.vip(),
        i.port(),
        i.tags(),
        i.engine(),
        null,
        i.replicationTasks(),
        i.status(),
        i.activeTaskId(),
        i.createdAt(),
        i.updatedAt(),
        i.version(),
        inventory,
        i.description());
  }

  private static void agree(String field, String given, String discovered) {
    if (given != null && !given.equals(discovered)) {
      throw mismatch(
          field, field + " " + given + " was given, but the server reports " + discovered);
    }
  }

  private static ApiException mismatch(String field, String message) {
    return new ApiException(422, "RegistrationMismatch", field, message, Map.of());
  }
}
