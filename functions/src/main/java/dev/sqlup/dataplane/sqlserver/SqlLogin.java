package dev.sqlup.dataplane.sqlserver;

/**
 * A SQL login read from Secrets Manager. Never printed: {@link #toString()} leaves the password
 * out.
 */
public record SqlLogin(String username, String password) {
  @Override
  public String toString() {
    return "SqlLogin[username=" + username + ", password=****]";
  }
}
