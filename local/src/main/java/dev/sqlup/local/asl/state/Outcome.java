package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;

/** What a state's own work produced: its result and, for Choice, the chosen next state. */
public record Outcome(JsonNode result, String next) {
  public static Outcome of(JsonNode result) {
    return new Outcome(result, null);
  }
}
