package dev.sqlup.local.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Receives the entries of every {@code events:putEvents} task (each as its PutEventsRequestEntry
 * JSON).
 */
@FunctionalInterface
public interface EventsListener {
  void onPutEvents(String executionArn, List<JsonNode> entries);
}
