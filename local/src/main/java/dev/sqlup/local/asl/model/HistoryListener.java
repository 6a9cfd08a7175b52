package dev.sqlup.local.asl.model;

/**
 * Sees every history event as it is recorded (not events replayed from a durable store), e.g. for a
 * one-line-per-transition log. Called on the engine thread that records the event: keep it quick.
 */
@FunctionalInterface
public interface HistoryListener {
  HistoryListener NONE = (executionArn, event) -> {};

  void onEvent(String executionArn, HistoryEvent event);
}
