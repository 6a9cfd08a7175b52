package dev.sqlup.domain;

/** Status of an upgrade task. {@code Succeeded} and {@code Failed} are final. */
public enum TaskStatus {
  Pending,
  Running,
  WaitingForSwitchWindow,
  Switching,
  Succeeded,
  Failed;

  public boolean isFinal() {
    return this == Succeeded || this == Failed;
  }
}
