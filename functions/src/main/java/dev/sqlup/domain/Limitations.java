package dev.sqlup.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The guide's "cannot be upgraded" list, plus instance state and the one-upgrade-at-a-time lock.
 */
public final class Limitations {
  public static final String AD_DOMAIN_JOINED = "ADDomainJoinedNotSupported";
  public static final String SERVERLESS = "ServerlessNotSupported";
  public static final String CLASSIC_NETWORK = "ClassicNetworkNotSupported";
  public static final String READ_ONLY_INSTANCE = "ReadOnlyInstanceNotSupported";
  public static final String CLUSTER_PRIMARY_WITH_READ_ONLY =
      "ClusterPrimaryWithReadOnlyInstancesNotSupported";
  public static final String INCORRECT_STATE = "IncorrectInstanceState";
  public static final String UPGRADE_IN_PROGRESS = "UpgradeInProgress";

  private Limitations() {}

  /**
   * Every blocker that applies to the instance now, limitations first. Empty when it can be
   * upgraded.
   */
  public static List<Blocker> blockers(Instance instance) {
    List<Blocker> out = new ArrayList<>();
    if (instance.adDomainJoined()) {
      out.add(
          limitation(
              AD_DOMAIN_JOINED,
              "instances joined to an Active Directory domain cannot be upgraded"));
    }
    if (instance.serverless()) {
      out.add(limitation(SERVERLESS, "serverless instances cannot be upgraded"));
    }
    if (instance.networkType() == NetworkType.Classic) {
      out.add(
          limitation(
              CLASSIC_NETWORK,
              "instances on the classic network cannot be upgraded; change the network type to VPC first"));
    }
    if (instance.readOnly()) {
      out.add(limitation(READ_ONLY_INSTANCE, "read-only instances cannot be upgraded"));
    }
    if (instance.rdsEdition() == RdsEdition.Cluster && !instance.readOnlyReplicaIds().isEmpty()) {
      out.add(
          limitation(
              CLUSTER_PRIMARY_WITH_READ_ONLY,
              "Cluster Edition primary instances with read-only instances cannot be upgraded (read-only instances: "
                  + String.join(", ", instance.readOnlyReplicaIds())
                  + ")"));
    }
    if (instance.activeTaskId() != null) {
      out.add(
          new Blocker(
              UPGRADE_IN_PROGRESS,
              "upgrade task " + instance.activeTaskId() + " is in progress",
              Blocker.Kind.IN_PROGRESS));
    } else if (instance.status() != InstanceStatus.Running) {
      out.add(
          new Blocker(
              INCORRECT_STATE,
              "the instance is " + instance.status() + "; it must be Running",
              Blocker.Kind.STATE));
    }
    return out;
  }

  private static Blocker limitation(String code, String message) {
    return new Blocker(code, message, Blocker.Kind.LIMITATION);
  }
}
