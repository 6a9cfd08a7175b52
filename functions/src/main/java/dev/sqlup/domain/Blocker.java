package dev.sqlup.domain;

/**
 * Why an instance cannot be upgraded right now: a guide limitation, its state, or a running
 * upgrade.
 */
public record Blocker(String code, String message, Kind kind) {
  /**
   * LIMITATION: the instance kind can never be upgraded; STATE: wait until it is Running;
   * IN_PROGRESS: another upgrade holds the lock.
   */
  public enum Kind {
    LIMITATION,
    STATE,
    IN_PROGRESS
  }
}
