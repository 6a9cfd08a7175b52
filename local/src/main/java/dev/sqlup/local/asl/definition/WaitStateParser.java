package dev.sqlup.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.jsonata.JsonataExpression;
import dev.sqlup.local.asl.jsonata.JsonataTemplate;
import dev.sqlup.local.asl.state.State;
import dev.sqlup.local.asl.state.WaitState;
import java.time.Instant;
import java.util.List;

/**
 * A Wait state: exactly one of Seconds, SecondsPath, Timestamp, TimestampPath (JSONata: Seconds,
 * Timestamp).
 */
final class WaitStateParser {
  private final FieldReader fields;
  private final Problems problems;

  WaitStateParser(FieldReader fields) {
    this.fields = fields;
    this.problems = fields.problems;
  }

  WaitState waitState(State.Common common, JsonNode node, String at) {
    int count = 0;
    for (String f : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
      if (node.has(f)) {
        count++;
      }
    }
    if (count != 1) {
      problems.schema(
          "A Wait state must have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath",
          at);
    }
    Long seconds = null;
    if (node.has("Seconds")) {
      JsonNode s = node.get("Seconds");
      if (!s.isIntegralNumber() || s.asLong() < 0) {
        problems.schema("Seconds must be a non-negative integer", at + "/Seconds");
      } else {
        seconds = s.asLong();
      }
    }
    Instant timestamp = null;
    if (node.has("Timestamp")) {
      timestamp = WaitState.parseTimestamp(node.get("Timestamp").asText(null));
      if (timestamp == null) {
        problems.schema(
            "Timestamp must be an RFC 3339 timestamp, e.g. 2016-03-14T01:59:00Z",
            at + "/Timestamp");
      }
    }
    return new WaitState(
        common,
        seconds,
        fields.referencePath(node, "SecondsPath", at),
        timestamp,
        fields.referencePath(node, "TimestampPath", at));
  }

  WaitState jsonataWait(State.Common common, JsonNode node, String at) {
    if (node.has("Seconds") == node.has("Timestamp")) {
      problems.schema("A Wait state must have exactly one of Seconds and Timestamp", at);
    }
    JsonataTemplate seconds = fields.integerOrExpression(node, "Seconds", at, 0);
    JsonataTemplate timestamp = null;
    JsonNode t = node.get("Timestamp");
    if (t != null) {
      if (JsonataExpression.isExpression(t)) {
        timestamp = fields.jsonataTemplate(node, "Timestamp", at);
      } else if (WaitState.parseTimestamp(t.asText(null)) == null) {
        problems.schema(
            "Timestamp must be an RFC 3339 timestamp, e.g. 2016-03-14T01:59:00Z",
            at + "/Timestamp");
      } else {
        timestamp = fields.jsonataTemplate(node, "Timestamp", at);
      }
    }
    return new WaitState(common, null, null, null, null, seconds, timestamp);
  }
}
