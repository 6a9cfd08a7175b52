package dev.sqlup.local.asl.runtime;

/**
 * An event would take the last place of a history, which only an execution's end event may take.
 */
final class HistoryLimitReached extends RuntimeException {
  private final int limit;

  HistoryLimitReached(int limit) {
    super("history quota of " + limit + " events reached", null, false, false);
    this.limit = limit;
  }

  int limit() {
    return limit;
  }
}
