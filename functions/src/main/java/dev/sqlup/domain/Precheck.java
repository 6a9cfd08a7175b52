package dev.sqlup.domain;

/** One precheck of an upgrade request. FAILED blocks the upgrade; WARNING is advice from the guide. */
public record Precheck(String name, Result result, String code, String message) {
  public enum Result { PASSED, FAILED, WARNING }

  static Precheck passed(String name, String message) {
    return new Precheck(name, Result.PASSED, null, message);
  }
}
