package dev.sqlup.domain;

import java.util.List;

/**
 * One precheck of an upgrade request. FAILED blocks the upgrade; WARNING is advice from the guide.
 * Checks made from the source's discovered facts name the {@code databases} concerned and the
 * {@code remedy}; both are absent on the others.
 */
public record Precheck(
    String name,
    Result result,
    String code,
    String message,
    List<String> databases,
    String remedy) {
  public enum Result {
    PASSED,
    FAILED,
    WARNING
  }

  public Precheck {
    databases = databases == null || databases.isEmpty() ? null : List.copyOf(databases);
  }

  public Precheck(String name, Result result, String code, String message) {
    this(name, result, code, message, null, null);
  }

  static Precheck passed(String name, String message) {
    return new Precheck(name, Result.PASSED, null, message);
  }
}
