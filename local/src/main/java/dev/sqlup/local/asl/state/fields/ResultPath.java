package dev.sqlup.local.asl.state.fields;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.path.JsonPaths;

/**
 * ResultPath: where the result goes in the raw input. {@code "$"} (the default) replaces it, {@code
 * null} discards the result and passes the raw input through.
 */
public record ResultPath(String path) {
  public static final ResultPath DEFAULT = new ResultPath("$");

  public JsonNode apply(JsonNode rawInput, JsonNode result) {
    return JsonPaths.applyResultPath(path, rawInput, result);
  }
}
