package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.model.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The history of one execution: events numbered from 1, each written to the journal as it happens.
 *
 * <p>The engine keeps the histories of its last 10,000 executions, so an event is held as one slot
 * in each of a few arrays, not as objects of its own; a state's entered and exited events as its
 * name and JSON text, other details compactly where they can be (see {@link EventDetails}). Every
 * object a finished execution keeps is copied by the garbage collection that finds it young, and
 * the history's were most of them. {@link HistoryEvent}s are made when they are read.
 */
public final class ExecutionHistory {
  private final Journal journal;
  private final Consumer<HistoryEvent> listener;
  private final int limit;
  private boolean ended;
  private int size;
  private long[] previousIds = new long[16];
  private Instant[] timestamps = new Instant[16];
  private String[] types = new String[16];
  private String[] detailsFields = new String[16];
  private Object[] details = new Object[16]; // ObjectNode, Supplier<ObjectNode>, JSON text, null
  private String[] stateNames = new String[16]; // a state event's state (details: its JSON text)

  /**
   * @param listener told of each event as it is added, or null
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
    return append(timestamp, type, detailsField, details, previousId);
  }

  /** As above, with details held compactly and built when read (see {@link HistoryEvent#of}). */
  public long add(
      Instant timestamp,
      String type,
      String detailsField,
      Supplier<ObjectNode> details,
      long previousId) {
    return append(timestamp, type, detailsField, details, previousId);
  }

  /**
   * A state's entered ({@code stateEnteredEventDetails}) or exited ({@code
   * stateExitedEventDetails}) event, whose details are its name and its input or output text.
   */
  public long addStateEvent(
      Instant timestamp,
      String type,
      String detailsField,
      String stateName,
      String text,
      long previousId) {
    return append(timestamp, type, detailsField, text, stateName, previousId);
  }

  private long append(
      Instant timestamp, String type, String detailsField, Object eventDetails, long previousId) {
    return append(timestamp, type, detailsField, eventDetails, null, previousId);
  }

  private synchronized long append(
      Instant timestamp,
      String type,
      String detailsField,
      Object eventDetails,
      String stateName,
      long previousId) {
    if (ended) {
      return size; // branches unwinding after StopExecution: the end event stays last
    }
    long id = size + 1;
    if (id >= limit && !isEnd(type)) {
      throw new HistoryLimitReached(limit); // the last place belongs to the execution's end event
    }
    ended = isEnd(type);
    store(previousId, timestamp, type, detailsField, eventDetails, stateName);
    if (journal.keepsRecords() || listener != null) {
      HistoryEvent event = event(size - 1);
      if (journal.keepsRecords()) {
        journal.append(toJson(event));
      }
      if (listener != null) {
        listener.accept(event);
      }
    }
    return id;
  }

  private void store(
      long previousId,
      Instant timestamp,
      String type,
      String detailsField,
      Object eventDetails,
      String stateName) {
    if (size == types.length) {
      int capacity = size + (size >> 1);
      previousIds = Arrays.copyOf(previousIds, capacity);
      timestamps = Arrays.copyOf(timestamps, capacity);
      types = Arrays.copyOf(types, capacity);
      detailsFields = Arrays.copyOf(detailsFields, capacity);
      details = Arrays.copyOf(details, capacity);
      stateNames = Arrays.copyOf(stateNames, capacity);
    }
    previousIds[size] = previousId;
    timestamps[size] = timestamp;
    types[size] = type;
    detailsFields[size] = detailsField;
    details[size] = eventDetails;
    stateNames[size] = stateName;
    size++;
  }

  @SuppressWarnings("unchecked")
  private HistoryEvent event(int index) {
    long id = index + 1L;
    if (stateNames[index] != null) {
      String text = (String) details[index];
      return HistoryEvent.of(
          id,
          previousIds[index],
          timestamps[index],
          types[index],
          detailsFields[index],
          detailsFields[index].equals("stateEnteredEventDetails")
              ? new EventDetails.Entered(stateNames[index], text)
              : new EventDetails.Exited(stateNames[index], text));
    }
    if (details[index] instanceof Supplier<?> compact) {
      return HistoryEvent.of(
          id,
          previousIds[index],
          timestamps[index],
          types[index],
          detailsFields[index],
          (Supplier<ObjectNode>) compact);
    }
    return new HistoryEvent(
        id,
        previousIds[index],
        timestamps[index],
        types[index],
        detailsFields[index],
        (ObjectNode) details[index]);
  }

  private static boolean isEnd(String type) {
    return type.startsWith("Execution") && !type.equals("ExecutionStarted");
  }

  /** Replays an event read back from a journal (events come back in order). */
  public synchronized void restore(HistoryEvent event) {
    ended = isEnd(event.type());
    store(
        event.previousEventId(),
        event.timestamp(),
        event.type(),
        event.detailsField(),
        event.details(),
        null);
  }

  public synchronized long lastId() {
    return size;
  }

  public synchronized List<HistoryEvent> events() {
    List<HistoryEvent> events = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      events.add(event(i));
    }
    return Collections.unmodifiableList(events);
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
