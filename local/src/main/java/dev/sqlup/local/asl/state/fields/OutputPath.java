package dev.sqlup.local.asl.state.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sqlup.local.asl.path.JsonPaths;
import java.util.function.Supplier;

/** OutputPath: selects the state output from the combined result; {@code null} means {@code {}}. */
public record OutputPath(String path) {
  public static final OutputPath DEFAULT = new OutputPath("$");

  /** {@code context} supplies the context object for a {@code $$} path (developer guide). */
  public JsonNode apply(JsonNode combined, Supplier<JsonNode> context) {
    if (path == null) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (path.equals("$")) {
      return combined;
    }
    return JsonPaths.read("OutputPath", path, path.startsWith("$$") ? context.get() : combined);
  }
}
