package dev.sqlup.dataplane;

import java.util.Map;

/**
 * How to reach a source instance. {@code binding} is {@code simulated} or {@code sqlserver}; {@code
 * secretArn} names the Secrets Manager secret with the login (never a password here); {@code
 * properties} carries binding-specific settings (e.g. {@code trustServerCertificate}, {@code
 * backupLocation}, {@code route53ZoneId}).
 */
public record InstanceRef(
    String instanceId,
    String binding,
    String engineVersion,
    String sqlEdition,
    String host,
    int port,
    String endpoint,
    String secretArn,
    Map<String, String> properties) {

  public InstanceRef {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }
}
