package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.InstanceRef;

/**
 * Where and how to connect: host, port, the secret holding the login, and TLS settings. Certificate
 * validation is on unless the instance explicitly opts out with property {@code
 * trustServerCertificate=true}.
 */
public record SqlEndpoint(
    String host,
    int port,
    String secretArn,
    boolean trustServerCertificate,
    String hostNameInCertificate) {

  public static SqlEndpoint of(InstanceRef instance) {
    return new SqlEndpoint(
        instance.host(),
        instance.port(),
        instance.secretArn(),
        "true".equalsIgnoreCase(instance.properties().get("trustServerCertificate")),
        instance.properties().get("hostNameInCertificate"));
  }
}
