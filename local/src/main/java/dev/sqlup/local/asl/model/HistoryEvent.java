package dev.sqlup.local.asl.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One history event as GetExecutionHistory returns it: {@code type} is AWS's event type
 * (ExecutionStarted, TaskStateEntered, LambdaFunctionScheduled, ...); {@code details} is the JSON
 * of its details member, and {@code detailsField} that member's name (e.g.
 * "stateEnteredEventDetails").
 *
 * <p>The engine keeps the histories of its last 10,000 executions, so the details of the most
 * frequent events are held compactly (see {@link #of}) and their JSON is built when it is read:
 * held as Jackson trees they made up most of the engine's heap, and most of its garbage-collection
 * work. Each call of {@link #details()} then returns a new tree, so no reader can change the
 * history another reader sees.
 */
public final class HistoryEvent {
  private final long id;
  private final long previousEventId;
  private final Instant timestamp;
  private final String type;
  private final String detailsField;
  private final Object details; // ObjectNode, Supplier<ObjectNode> or null

  public HistoryEvent(
      long id,
      long previousEventId,
      Instant timestamp,
      String type,
      String detailsField,
      ObjectNode details) {
    this(id, previousEventId, timestamp, type, detailsField, (Object) details);
  }

  private HistoryEvent(
      long id,
      long previousEventId,
      Instant timestamp,
      String type,
      String detailsField,
      Object details) {
    this.id = id;
    this.previousEventId = previousEventId;
    this.timestamp = timestamp;
    this.type = type;
    this.detailsField = detailsField;
    this.details = details;
  }

  /**
   * An event whose details are built from a compact form when read; {@code details} must be
   * immutable (a record of strings, say) and build a new tree on each call.
   */
  public static HistoryEvent of(
      long id,
      long previousEventId,
      Instant timestamp,
      String type,
      String detailsField,
      Supplier<ObjectNode> details) {
    return new HistoryEvent(id, previousEventId, timestamp, type, detailsField, details);
  }

  public long id() {
    return id;
  }

  public long previousEventId() {
    return previousEventId;
  }

  public Instant timestamp() {
    return timestamp;
  }

  public String type() {
    return type;
  }

  public String detailsField() {
    return detailsField;
  }

  /** The details member's JSON, or null when the event has none. */
  @SuppressWarnings("unchecked")
  public ObjectNode details() {
    if (details instanceof Supplier<?> compact) {
      return ((Supplier<ObjectNode>) compact).get();
    }
    return (ObjectNode) details;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HistoryEvent e
        && id == e.id
        && previousEventId == e.previousEventId
        && Objects.equals(timestamp, e.timestamp)
        && Objects.equals(type, e.type)
        && Objects.equals(detailsField, e.detailsField)
        && Objects.equals(details(), e.details());
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, previousEventId, timestamp, type, detailsField, details());
  }

  @Override
  public String toString() {
    return "HistoryEvent[id="
        + id
        + ", previousEventId="
        + previousEventId
        + ", timestamp="
        + timestamp
        + ", type="
        + type
        + ", detailsField="
        + detailsField
        + ", details="
        + details()
        + "]";
  }
}
