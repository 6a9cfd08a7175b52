package dev.sqlup.api;

import java.util.Map;

/**
 * An error response: HTTP status, stable code, message, the request field at fault (or null) and
 * extra properties (e.g. the running {@code taskId} of an {@code UpgradeInProgress}).
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;
  private final Map<String, String> extra;

  public ApiException(
      int status, String code, String field, String message, Map<String, String> extra) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  public static ApiException invalid(String field, String message) {
    return new ApiException(400, "InvalidParameter", field, message, null);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  public Map<String, String> extra() {
    return extra;
  }
}
