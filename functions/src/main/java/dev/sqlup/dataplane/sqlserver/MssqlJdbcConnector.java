package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TransientDataPlaneException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * mssql-jdbc connections (properties:
 * https://learn.microsoft.com/en-us/sql/connect/jdbc/setting-the-connection-properties): {@code
 * encrypt=true} always; the server certificate is validated unless the instance opted out; {@code
 * loginTimeout}, {@code queryTimeout} and {@code socketTimeout} bound every statement so a hung
 * server costs one Lambda invocation, not fifteen minutes. The password goes in the Properties
 * object, never into the URL (which drivers may echo in errors).
 */
public final class MssqlJdbcConnector implements SqlConnector {
  /** SQL Server error 18456: login failed, e.g. because the secret was rotated. */
  private static final int LOGIN_FAILED = 18456;

  private final SecretsManagerLogins logins;
  private final int loginTimeoutSeconds;
  private final int queryTimeoutSeconds;

  public MssqlJdbcConnector(
      SecretsManagerLogins logins, int loginTimeoutSeconds, int queryTimeoutSeconds) {
    this.logins = logins;
    this.loginTimeoutSeconds = loginTimeoutSeconds;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  /** The connection properties without the password (tests assert TLS is on by default). */
  Properties properties(SqlEndpoint endpoint, String username) {
    Properties properties = new Properties();
    properties.setProperty("user", username);
    properties.setProperty("databaseName", "master");
    properties.setProperty("encrypt", "true");
    properties.setProperty(
        "trustServerCertificate", Boolean.toString(endpoint.trustServerCertificate()));
    if (endpoint.hostNameInCertificate() != null && !endpoint.hostNameInCertificate().isBlank()) {
      properties.setProperty("hostNameInCertificate", endpoint.hostNameInCertificate());
    }
    properties.setProperty("loginTimeout", Integer.toString(loginTimeoutSeconds));
    properties.setProperty("queryTimeout", Integer.toString(queryTimeoutSeconds));
    properties.setProperty("socketTimeout", Integer.toString((queryTimeoutSeconds + 30) * 1000));
    properties.setProperty("applicationName", "sqlup");
    return properties;
  }

  static String url(SqlEndpoint endpoint) {
    if (endpoint.host() == null
        || !endpoint.host().matches("[A-Za-z0-9.\\-]{1,253}")
        || endpoint.port() < 1
        || endpoint.port() > 65535) {
      throw new PermanentDataPlaneException(
          "INVALID_ENDPOINT: host must be a DNS name or IP address and port 1-65535");
    }
    return "jdbc:sqlserver://" + endpoint.host() + ":" + endpoint.port();
  }

  @Override
  public Connection open(SqlEndpoint endpoint) {
    String url = url(endpoint);
    SqlLogin login = logins.login(endpoint.secretArn());
    Properties properties = properties(endpoint, login.username());
    properties.setProperty("password", login.password());
    try {
      return DriverManager.getConnection(url, properties);
    } catch (SQLException e) {
      if (e.getErrorCode() == LOGIN_FAILED) {
        logins.invalidate(endpoint.secretArn());
        throw new TransientDataPlaneException(
            "SQL_LOGIN_FAILED: "
                + endpoint.host()
                + ":"
                + endpoint.port()
                + " rejected the login from "
                + endpoint.secretArn()
                + "; the secret is re-read on retry");
      }
      throw SqlErrors.translate("connect to " + endpoint.host() + ":" + endpoint.port(), e);
    }
  }
}
