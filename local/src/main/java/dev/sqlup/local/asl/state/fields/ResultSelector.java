package dev.sqlup.local.asl.state.fields;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.path.VariableLookup;
import dev.sqlup.local.asl.payload.PayloadTemplate;
import java.util.random.RandomGenerator;

/** ResultSelector: a payload template evaluated against the task/branch result (not the input). */
public record ResultSelector(PayloadTemplate template) {
  public JsonNode apply(JsonNode result, JsonNode context, RandomGenerator random) {
    return template.evaluate(result, context, random);
  }

  public JsonNode apply(
      JsonNode result, JsonNode context, VariableLookup variables, RandomGenerator random) {
    return template.evaluate(result, context, variables, random);
  }
}
