package dev.sqlup.local.asl.http;

import java.time.Instant;

/**
 * One answered request: {@code operation} is the X-Amz-Target operation name (or "-" when absent),
 * {@code errorCode} the {@code __type} answered, null on success.
 */
public record RequestLogEntry(
    Instant time, String operation, int status, String errorCode, long durationMicros) {

  /**
   * {@code 2026-11-24T20:00:00Z sfn StartExecution 200 1234us} or {@code ... 400
   * ExecutionDoesNotExist 87us}.
   */
  public String line() {
    return time
        + " sfn "
        + operation
        + " "
        + status
        + (errorCode == null ? "" : " " + errorCode)
        + " "
        + durationMicros
        + "us";
  }
}
