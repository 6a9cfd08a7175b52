package dev.sqlup.local.asl.http;

/**
 * An error answered in AWS's JSON 1.0 shape: HTTP {@code status}, body {@code {"__type": code,
 * "message": message}}. Thrown by request parsing; engine errors arrive as {@link
 * dev.sqlup.local.asl.model.StepFunctionsException} and are mapped to the same shape.
 */
final class ApiError extends RuntimeException {
  private final int status;
  private final String code;

  ApiError(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static ApiError validation(String message) {
    return new ApiError(400, "ValidationException", message);
  }

  /** AWS's wording for a constraint on one member ("1 validation error detected: ..."). */
  static ApiError constraint(String member, Object value, String constraint) {
    String shown = value == null ? "null" : "'" + value + "'";
    return validation(
        "1 validation error detected: Value "
            + shown
            + " at '"
            + member
            + "' failed to satisfy constraint: "
            + constraint);
  }

  static ApiError serialization(String message) {
    return new ApiError(400, "SerializationException", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
