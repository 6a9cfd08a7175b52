package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.jsonata.JsonataTemplate;
import dev.sqlup.local.asl.state.fields.Assign;
import java.util.Map;

/**
 * What a state's own work produced: its result and, for Choice, the chosen next state and the
 * matched rule's own Assign/Output (null = the state's). After output processing, {@code assigned}
 * holds the variable values to commit.
 */
public record Outcome(
    JsonNode result,
    String next,
    Assign ruleAssign,
    JsonataTemplate ruleOutput,
    Map<String, JsonNode> assigned) {
  public Outcome(JsonNode result, String next) {
    this(result, next, null, null, null);
  }

  public static Outcome of(JsonNode result) {
    return new Outcome(result, null);
  }
}
