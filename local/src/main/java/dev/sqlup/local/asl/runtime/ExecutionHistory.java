package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.model.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The history of one execution: events numbered from 1, each written to the journal as it happens.
 */
public final class ExecutionHistory {
  private final List<HistoryEvent> events = new ArrayList<>();
  private final Journal journal;
  private final Consumer<HistoryEvent> listener;
  private final int limit;
  private boolean ended;

  /**
   * @param limit the most events the history may hold; the last one is always an end event
   */
  public ExecutionHistory(Journal journal, Consumer<HistoryEvent> listener, int limit) {
    this.journal = journal;
    this.listener = listener;
    this.limit = limit;
  }

  public int limit() {
    return limit;
  }

  public long add(
      Instant timestamp, String type, String detailsField, ObjectNode details, long previousId) {
    return add(
        type, id -> new HistoryEvent(id, previousId, timestamp, type, detailsField, details));
  }

  /** As above, with details held compactly and built when read (see {@link HistoryEvent#of}). */
  public long add(
      Instant timestamp,
      String type,
      String detailsField,
      Supplier<ObjectNode> details,
      long previousId) {
    return add(type, id -> HistoryEvent.of(id, previousId, timestamp, type, detailsField, details));
  }

  private synchronized long add(String type, LongFunction<HistoryEvent> numbered) {
    if (ended) {
      return events.size(); // branches unwinding after StopExecution: the end event stays last
    }
    long id = events.size() + 1;
    if (id >= limit && !isEnd(type)) {
      throw new HistoryLimitReached(limit); // the last place belongs to the execution's end event
    }
    ended = isEnd(type);
    HistoryEvent event = numbered.apply(id);
    events.add(event);
    if (journal.keepsRecords()) {
      journal.append(toJson(event));
    }
    listener.accept(event);
    return id;
  }

  private static boolean isEnd(String type) {
    return type.startsWith("Execution") && !type.equals("ExecutionStarted");
  }

  /** Replays an event read back from a journal. */
  public synchronized void restore(HistoryEvent event) {
    ended = isEnd(event.type());
    events.add(event);
  }

  public synchronized long lastId() {
    return events.size();
  }

  public synchronized List<HistoryEvent> events() {
    return List.copyOf(events);
  }

  static ObjectNode toJson(HistoryEvent event) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("k", "event");
    json.put("id", event.id());
    json.put("prev", event.previousEventId());
    json.put("ts", event.timestamp().toString());
    json.put("type", event.type());
    if (event.detailsField() != null) {
      json.put("field", event.detailsField());
      json.set("details", event.details());
    }
    return json;
  }

  static HistoryEvent fromJson(com.fasterxml.jackson.databind.JsonNode json) {
    return new HistoryEvent(
        json.get("id").asLong(),
        json.get("prev").asLong(),
        Instant.parse(json.get("ts").asText()),
        json.get("type").asText(),
        json.has("field") ? json.get("field").asText() : null,
        json.has("details") ? (ObjectNode) json.get("details") : null);
  }
}
