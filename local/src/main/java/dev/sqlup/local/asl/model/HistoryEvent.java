package dev.sqlup.local.asl.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One history event as GetExecutionHistory returns it: {@code type} is AWS's event type
 * (ExecutionStarted, TaskStateEntered, LambdaFunctionScheduled, ...); {@code details} is the JSON
 * of its details member, and {@code detailsField} that member's name (e.g.
 * "stateEnteredEventDetails").
 */
public record HistoryEvent(
    long id,
    long previousEventId,
    Instant timestamp,
    String type,
    String detailsField,
    ObjectNode details) {}
