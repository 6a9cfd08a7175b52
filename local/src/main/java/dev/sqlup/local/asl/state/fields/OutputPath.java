package dev.sqlup.local.asl.state.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sqlup.local.asl.path.JsonPaths;

/** OutputPath: selects the state output from the combined result; {@code null} means {@code {}}. */
public record OutputPath(String path) {
  public static final OutputPath DEFAULT = new OutputPath("$");

  public JsonNode apply(JsonNode combined) {
    if (path == null) {
      return JsonNodeFactory.instance.objectNode();
    }
    return path.equals("$") ? combined : JsonPaths.read("OutputPath", path, combined);
  }
}
