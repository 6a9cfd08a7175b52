package dev.sqlup.domain;

import dev.sqlup.domain.Precheck.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every check of an upgrade request, for dry runs and for the task's warnings: the guide's
 * limitations, state, upgrade rules (FAILED when broken) and its best practices (WARNING: off-peak
 * hours, long-running transactions, metadata changes, small instances replaying logs, DTS tasks,
 * VIP change).
 */
public final class Prechecks {
  /** Log volume above this share of the data is "high" (index rebuilds, archiving). */
  public static final double HIGH_LOG_SHARE = 0.05;

  public static final double SMALL_INSTANCE_LOG_GB = 10;

  private final Catalogue catalogue;
  private final UpgradeRules rules;

  public Prechecks(Catalogue catalogue) {
    this.catalogue = catalogue;
    this.rules = new UpgradeRules(catalogue);
  }

  public List<Precheck> run(
      Instance instance,
      InstanceSpec target,
      SwitchTime switchTime,
      boolean adr,
      Estimate estimate,
      Instant now) {
    List<Precheck> out = new ArrayList<>();
    List<Blocker> blockers = Limitations.blockers(instance);
    addBlockerCheck(
        out, "adDomain", blockers, Limitations.AD_DOMAIN_JOINED, "not joined to an AD domain");
    addBlockerCheck(out, "serverless", blockers, Limitations.SERVERLESS, "not serverless");
    addBlockerCheck(out, "networkType", blockers, Limitations.CLASSIC_NETWORK, "VPC network");
    addBlockerCheck(
        out, "readOnly", blockers, Limitations.READ_ONLY_INSTANCE, "not a read-only instance");
    addBlockerCheck(
        out,
        "clusterReadOnlyInstances",
        blockers,
        Limitations.CLUSTER_PRIMARY_WITH_READ_ONLY,
        "no Cluster Edition read-only instances");
    addBlockerCheck(
        out, "instanceState", blockers, Limitations.INCORRECT_STATE, "instance is Running");
    addBlockerCheck(
        out,
        "noUpgradeInProgress",
        blockers,
        Limitations.UPGRADE_IN_PROGRESS,
        "no upgrade in progress");

    List<UpgradeRejected> broken = rules.violations(instance.spec(), target);
    if (broken.isEmpty()) {
      out.add(Precheck.passed("upgradePath", "one-way upgrade to an offered target"));
    } else {
      broken.forEach(
          b -> out.add(new Precheck("upgradePath", Result.FAILED, b.code(), b.getMessage())));
    }
    if (adr) {
      try {
        rules.checkAcceleratedDatabaseRecovery(target, true);
        out.add(
            Precheck.passed(
                "acceleratedDatabaseRecovery", "supported on " + target.engineVersion()));
      } catch (UpgradeRejected e) {
        out.add(
            new Precheck("acceleratedDatabaseRecovery", Result.FAILED, e.code(), e.getMessage()));
      }
    }
    out.addAll(warnings(instance, target, switchTime, adr, estimate, now));
    return out;
  }

  /** The best-practice checks only (each PASSED or WARNING). */
  public List<Precheck> warnings(
      Instance instance,
      InstanceSpec target,
      SwitchTime switchTime,
      boolean adr,
      Estimate estimate,
      Instant now) {
    List<Precheck> out = new ArrayList<>();
    Optional<MaintenanceWindow> window = MaintenanceWindow.parse(instance.maintenanceWindow());
    Instant switchAt = now.plusSeconds(estimate.totalSeconds() - estimate.seconds(Estimate.SWITCH));
    if (switchTime == SwitchTime.Immediate
        && window.isPresent()
        && !window.get().contains(switchAt)) {
      out.add(
          new Precheck(
              "offPeakHours",
              Result.WARNING,
              "SwitchOutsideMaintenanceWindow",
              "the switch (~"
                  + switchAt
                  + ", a few minutes of downtime; the guide allows ~20) falls outside the maintenance window "
                  + window.get()
                  + "; schedule upgrades in off-peak hours or choose switchTime MaintenanceWindow"));
    } else {
      out.add(Precheck.passed("offPeakHours", "the switch happens in the maintenance window"));
    }
    if (estimate.logGb() > HIGH_LOG_SHARE * estimate.dataSizeGb() && estimate.logGb() > 0) {
      out.add(
          new Precheck(
              "longRunningTransactions",
              Result.WARNING,
              "HighTransactionLogVolume",
              "about "
                  + estimate.logGb()
                  + " GB of transaction log is expected during the copy; avoid index "
                  + "creation, index rebuilds and data archiving during the upgrade"));
    } else {
      out.add(Precheck.passed("longRunningTransactions", "transaction log volume is low"));
    }
    out.add(
        new Precheck(
            "metadataChanges",
            Result.WARNING,
            "DoNotChangeMetadata",
            "do not create or delete databases or change recovery models while the upgrade runs"));
    catalogue
        .instanceType(target.instanceType())
        .ifPresent(
            type -> {
              if (type.cpuCores() <= 2 && estimate.logGb() > SMALL_INSTANCE_LOG_GB) {
                boolean adrPossible =
                    catalogue.versionRank(target.engineVersion())
                        >= catalogue.versionRank(UpgradeRules.ADR_MIN_VERSION);
                out.add(
                    new Precheck(
                        "smallInstanceLogApply",
                        Result.WARNING,
                        "SlowLogApplyOnSmallInstance",
                        "applying "
                            + estimate.logGb()
                            + " GB of log on "
                            + type.cpuCores()
                            + " cores may be slow"
                            + (adrPossible && !adr
                                ? "; consider acceleratedDatabaseRecovery"
                                : "")));
              }
            });
    List<String> activeDts =
        instance.replicationTasks().stream()
            .filter(ReplicationTask::isActive)
            .map(ReplicationTask::id)
            .toList();
    if (!activeDts.isEmpty()) {
      out.add(
          new Precheck(
              "replicationTasks",
              Result.WARNING,
              "ReplicationTasksWillStop",
              "active DTS tasks stop during the upgrade; restart them afterwards: " + activeDts));
    }
    out.add(
        new Precheck(
            "vipChange",
            Result.WARNING,
            "VipWillChange",
            "the VIP changes and writes stop for a few minutes at the switch (the guide allows ~20); connect through the endpoint "
                + instance.endpoint()
                + " and keep DNS caches at 60 seconds or less"));
    return out;
  }

  private static void addBlockerCheck(
      List<Precheck> out, String name, List<Blocker> blockers, String code, String okMessage) {
    blockers.stream()
        .filter(b -> b.code().equals(code))
        .findFirst()
        .ifPresentOrElse(
            b -> out.add(new Precheck(name, Result.FAILED, b.code(), b.message())),
            () -> out.add(Precheck.passed(name, okMessage)));
  }
}
