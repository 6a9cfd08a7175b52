package dev.sqlup.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The one-way upgrade rules: engine version, SQL Server edition and RDS edition never go down, the
 * instance type never gets fewer CPU cores or less memory (the guide upgrades to "a bigger instance
 * type"), something must change, and the target type must be offered for the target version +
 * editions.
 */
public final class UpgradeRules {
  public static final String UNSUPPORTED_PATH = "UnsupportedUpgradePath";
  public static final String ADR_NOT_SUPPORTED = "AcceleratedDatabaseRecoveryNotSupported";

  /** First engine version with Accelerated Database Recovery. */
  public static final String ADR_MIN_VERSION = "2019";

  private final Catalogue catalogue;

  public UpgradeRules(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  /**
   * Throws {@link UpgradeRejected} with the first broken rule (code {@code
   * UnsupportedUpgradePath}).
   */
  public void check(InstanceSpec source, InstanceSpec target) {
    List<UpgradeRejected> broken = violations(source, target);
    if (!broken.isEmpty()) {
      throw broken.get(0);
    }
  }

  /**
   * Every broken rule, in field order. Target values must be catalogue values (the API checks that
   * first).
   */
  public List<UpgradeRejected> violations(InstanceSpec source, InstanceSpec target) {
    List<UpgradeRejected> out = new ArrayList<>();
    if (catalogue.versionRank(target.engineVersion())
        < catalogue.versionRank(source.engineVersion())) {
      out.add(
          reject(
              "engineVersion",
              "cannot downgrade the engine version from "
                  + source.engineVersion()
                  + " to "
                  + target.engineVersion()));
    }
    if (target.sqlEdition().compareTo(source.sqlEdition()) < 0) {
      out.add(
          reject(
              "sqlEdition",
              "cannot downgrade the SQL Server edition from "
                  + source.sqlEdition()
                  + " to "
                  + target.sqlEdition()));
    }
    if (target.rdsEdition().compareTo(source.rdsEdition()) < 0) {
      out.add(
          reject(
              "rdsEdition",
              "cannot downgrade the RDS edition from "
                  + source.rdsEdition()
                  + " to "
                  + target.rdsEdition()));
    }
    InstanceType targetType = catalogue.instanceType(target.instanceType()).orElse(null);
    InstanceType sourceType = catalogue.instanceType(source.instanceType()).orElse(null);
    if (targetType == null) {
      out.add(reject("instanceType", "unknown instance type " + target.instanceType()));
    } else {
      if (sourceType != null && !targetType.isAtLeast(sourceType)) {
        out.add(
            reject(
                "instanceType",
                "instance type "
                    + target.instanceType()
                    + " ("
                    + targetType.cpuCores()
                    + " cores, "
                    + targetType.memoryGib()
                    + " GiB) is smaller than "
                    + source.instanceType()
                    + " ("
                    + sourceType.cpuCores()
                    + " cores, "
                    + sourceType.memoryGib()
                    + " GiB)"));
      }
      if (!targetType.isOfferedFor(
          target.engineVersion(), target.sqlEdition(), target.rdsEdition())) {
        out.add(
            reject(
                "instanceType",
                "instance type "
                    + target.instanceType()
                    + " is not offered for SQL Server "
                    + target.engineVersion()
                    + " "
                    + target.sqlEdition()
                    + " "
                    + target.rdsEdition()));
      }
    }
    if (source.equals(target)) {
      out.add(reject(null, "the target equals the current specification: nothing to upgrade"));
    }
    return out;
  }

  /** Accelerated Database Recovery exists from SQL Server 2019 on. */
  public void checkAcceleratedDatabaseRecovery(InstanceSpec target, boolean requested) {
    if (requested
        && catalogue.versionRank(target.engineVersion()) < catalogue.versionRank(ADR_MIN_VERSION)) {
      throw new UpgradeRejected(
          ADR_NOT_SUPPORTED,
          "acceleratedDatabaseRecovery",
          "Accelerated Database Recovery needs SQL Server "
              + ADR_MIN_VERSION
              + " or later; the target is "
              + target.engineVersion());
    }
  }

  /**
   * Every allowed target: versions → (SQL edition, RDS edition) → instance types, smallest first.
   */
  public List<VersionOption> options(InstanceSpec source) {
    List<VersionOption> versions = new ArrayList<>();
    for (String version : catalogue.engineVersions()) {
      if (catalogue.versionRank(version) < catalogue.versionRank(source.engineVersion())) {
        continue;
      }
      List<EditionOption> editions = new ArrayList<>();
      for (SqlEdition sql : SqlEdition.values()) {
        for (RdsEdition rds : RdsEdition.values()) {
          List<InstanceType> types = new ArrayList<>();
          for (InstanceType type : catalogue.typesOfferedFor(version, sql, rds)) {
            if (violations(source, new InstanceSpec(version, sql, rds, type.name())).isEmpty()) {
              types.add(type);
            }
          }
          if (!types.isEmpty()) {
            editions.add(new EditionOption(sql, rds, types));
          }
        }
      }
      if (!editions.isEmpty()) {
        versions.add(new VersionOption(version, editions));
      }
    }
    return versions;
  }

  public record VersionOption(String engineVersion, List<EditionOption> editions) {}

  public record EditionOption(
      SqlEdition sqlEdition, RdsEdition rdsEdition, List<InstanceType> instanceTypes) {}

  private static UpgradeRejected reject(String field, String message) {
    return new UpgradeRejected(UNSUPPORTED_PATH, field, message);
  }
}
