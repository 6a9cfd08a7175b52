package dev.sqlup.local.asl.state.fields;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.path.VariableLookup;
import dev.sqlup.local.asl.payload.PayloadTemplate;
import java.util.random.RandomGenerator;

/**
 * Parameters (and ItemSelector): a payload template evaluated against the effective input and $$.
 */
public record Parameters(PayloadTemplate template) {
  public JsonNode apply(JsonNode effectiveInput, JsonNode context, RandomGenerator random) {
    return template.evaluate(effectiveInput, context, random);
  }

  public JsonNode apply(
      JsonNode effectiveInput, JsonNode context, VariableLookup variables, RandomGenerator random) {
    return template.evaluate(effectiveInput, context, variables, random);
  }
}
