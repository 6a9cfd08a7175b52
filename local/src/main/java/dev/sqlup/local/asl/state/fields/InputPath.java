package dev.sqlup.local.asl.state.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sqlup.local.asl.path.JsonPaths;
import java.util.function.Supplier;

/**
 * InputPath (spec "InputPath, Parameters, ResultSelector, ResultPath and OutputPath"): selects the
 * effective input from the raw input; {@code null} means the effective input is {@code {}}.
 */
public record InputPath(String path) {
  public static final InputPath DEFAULT = new InputPath("$");

  /** {@code context} supplies the context object for a {@code $$} path (developer guide). */
  public JsonNode apply(JsonNode rawInput, Supplier<JsonNode> context) {
    if (path == null) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (path.equals("$")) {
      return rawInput;
    }
    return JsonPaths.read("InputPath", path, path.startsWith("$$") ? context.get() : rawInput);
  }
}
