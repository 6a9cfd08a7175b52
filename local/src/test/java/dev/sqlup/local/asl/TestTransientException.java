package dev.sqlup.local.asl;

/** Thrown by the conformance runner's FailTimes function: a transient failure to retry. */
public class TestTransientException extends RuntimeException {
  public TestTransientException(String message) {
    super(message);
  }
}
