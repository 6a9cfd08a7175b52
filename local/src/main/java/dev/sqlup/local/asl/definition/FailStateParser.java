package dev.sqlup.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.jsonata.JsonataTemplate;
import dev.sqlup.local.asl.state.FailState;
import dev.sqlup.local.asl.state.State;

/** A Fail state, JSONPath (Error/ErrorPath, Cause/CausePath) or JSONata (Error, Cause). */
final class FailStateParser {
  private final FieldReader fields;
  private final Problems problems;

  FailStateParser(FieldReader fields) {
    this.fields = fields;
    this.problems = fields.problems;
  }

  FailState fail(State.Common common, JsonNode node, String at) {
    if (node.has("Error") && node.has("ErrorPath")) {
      problems.schema("Only one of Error and ErrorPath may be set", at);
    }
    if (node.has("Cause") && node.has("CausePath")) {
      problems.schema("Only one of Cause and CausePath may be set", at);
    }
    return new FailState(
        common,
        fields.text(node, "Error", at),
        fields.path(node, "ErrorPath", at, false),
        fields.text(node, "Cause", at),
        fields.path(node, "CausePath", at, false));
  }

  FailState jsonataFail(State.Common common, JsonNode node, String at) {
    JsonataTemplate error = fields.stringOrExpression(node, "Error", at);
    JsonataTemplate cause = fields.stringOrExpression(node, "Cause", at);
    return new FailState(common, null, null, null, null, error, cause);
  }
}
