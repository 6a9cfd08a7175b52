package dev.sqlup.local.asl.state.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sqlup.local.asl.path.JsonPaths;

/**
 * InputPath (spec "InputPath, Parameters, ResultSelector, ResultPath and OutputPath"): selects the
 * effective input from the raw input; {@code null} means the effective input is {@code {}}.
 */
public record InputPath(String path) {
  public static final InputPath DEFAULT = new InputPath("$");

  public JsonNode apply(JsonNode rawInput) {
    if (path == null) {
      return JsonNodeFactory.instance.objectNode();
    }
    return path.equals("$") ? rawInput : JsonPaths.read("InputPath", path, rawInput);
  }
}
