package dev.sqlup.local.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One rule of a Choice state (states-language.net "Choice Rules"): a comparison of the value at
 * {@code Variable} against a literal or another path, or And/Or/Not over nested rules. Compiled and
 * validated once when the definition loads.
 */
public interface ChoiceRule {

  /**
   * Whether the rule matches. A Variable (or a {@code ...Path} operand) that selects nothing raises
   * States.Runtime, except under IsPresent; a value of the wrong type for the operator is no match.
   */
  boolean matches(JsonNode input, JsonNode context);

  /**
   * Compiles one element of a Choice state's {@code Choices}. {@code Next}, {@code Comment} and
   * {@code Assign} are accepted at the top level and left to the caller; a nested rule must not
   * carry {@code Next}. IllegalArgumentException names the problem.
   */
  static ChoiceRule compile(JsonNode rule) {
    return ChoiceRuleCompiler.compile(rule, "Choices[]", true);
  }
}
