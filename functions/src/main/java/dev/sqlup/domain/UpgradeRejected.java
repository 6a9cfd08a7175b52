package dev.sqlup.domain;

/**
 * A rule or limitation that forbids an upgrade. {@code code} is the stable error code clients see
 * (e.g. {@code UnsupportedUpgradePath}, {@code ServerlessNotSupported}); {@code field} names the
 * request field at fault, or is null.
 */
public final class UpgradeRejected extends RuntimeException {
  private final String code;
  private final String field;

  public UpgradeRejected(String code, String field, String message) {
    super(message);
    this.code = code;
    this.field = field;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
