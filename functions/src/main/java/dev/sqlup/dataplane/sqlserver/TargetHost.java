package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.PermanentDataPlaneException;

/**
 * A prepared SQL Server host in the target pool of a self-managed fleet: where it runs, which
 * engine version, edition and instance type it has, the secret of sqlup's login on it, and where
 * restored database files go. {@code status}: AVAILABLE, CLAIMED (by {@code claimedBy}, a task id)
 * or DIRTY (an upgrade was compensated on it: re-prepare before registering it again).
 */
public record TargetHost(
    String hostId,
    String host,
    int port,
    String engineVersion,
    String sqlEdition,
    String instanceType,
    int memoryGib,
    String secretArn,
    String dataPath,
    String logPath,
    boolean trustServerCertificate,
    String status,
    String claimedBy) {

  public static final String AVAILABLE = "AVAILABLE";
  public static final String CLAIMED = "CLAIMED";
  public static final String DIRTY = "DIRTY";

  /** The pool a host belongs to: target version, edition and instance type. */
  public static String poolKey(String engineVersion, String sqlEdition, String instanceType) {
    return engineVersion + "|" + sqlEdition + "|" + instanceType;
  }

  public String poolKey() {
    return poolKey(engineVersion, sqlEdition, instanceType);
  }

  public SqlEndpoint endpoint() {
    return new SqlEndpoint(host, port, secretArn, trustServerCertificate, null);
  }

  /** Checks a registration; throws PermanentDataPlaneException with code INVALID_TARGET_HOST. */
  public TargetHost validated() {
    require(
        hostId != null && hostId.matches("[A-Za-z0-9._-]{1,64}"),
        "hostId must match [A-Za-z0-9._-]{1,64}");
    require(
        host != null && host.matches("[A-Za-z0-9.\\-]{1,253}"),
        "host must be a DNS name or IPv4 address");
    require(port >= 1 && port <= 65535, "port must be 1-65535");
    require(
        engineVersion != null && engineVersion.matches("20\\d\\d"),
        "engineVersion must be a year such as 2022");
    require(sqlEdition != null && !sqlEdition.isBlank(), "sqlEdition is required");
    require(instanceType != null && !instanceType.isBlank(), "instanceType is required");
    require(memoryGib >= 1 && memoryGib <= 4096, "memoryGib must be 1-4096");
    require(
        secretArn != null && secretArn.startsWith("arn:"),
        "secretArn must be a Secrets Manager ARN");
    require(
        dataPath != null && !dataPath.isBlank() && logPath != null && !logPath.isBlank(),
        "dataPath and logPath are required");
    SqlText.literal(dataPath);
    SqlText.literal(logPath);
    return this;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new PermanentDataPlaneException("INVALID_TARGET_HOST: " + message);
    }
  }

  public TargetHost withStatus(String newStatus, String newClaimedBy) {
    return new TargetHost(
        hostId,
        host,
        port,
        engineVersion,
        sqlEdition,
        instanceType,
        memoryGib,
        secretArn,
        dataPath,
        logPath,
        trustServerCertificate,
        newStatus,
        newClaimedBy);
  }
}
