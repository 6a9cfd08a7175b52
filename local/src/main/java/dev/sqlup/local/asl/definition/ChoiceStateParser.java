package dev.sqlup.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.choice.ChoiceRule;
import dev.sqlup.local.asl.jsonata.JsonataExpression;
import dev.sqlup.local.asl.state.ChoiceState;
import dev.sqlup.local.asl.state.State;
import dev.sqlup.local.asl.state.fields.Assign;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Choice state: its rules (compiled by {@link ChoiceRule}) or JSONata Conditions, and Default.
 */
final class ChoiceStateParser {
  private final FieldReader fields;
  private final Problems problems;

  ChoiceStateParser(FieldReader fields) {
    this.fields = fields;
    this.problems = fields.problems;
  }

  ChoiceState choice(State.Common common, JsonNode node, String at, boolean jsonata) {
    JsonNode choices = node.get("Choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      problems.schema("These fields are required: [Choices] (a non-empty array)", at + "/Choices");
      return new ChoiceState(common, List.of(), fields.text(node, "Default", at));
    }
    List<ChoiceState.Branch> branches = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      JsonNode rule = choices.get(i);
      String ruleAt = at + "/Choices/" + i;
      String next = rule.has("Next") ? rule.get("Next").asText() : null;
      if (next == null) {
        problems.schema("These fields are required: [Next]", ruleAt);
      }
      if (jsonata) {
        branches.add(jsonataChoice(rule, next, ruleAt));
        continue;
      }
      for (String f : StateFields.JSONATA_FIELDS) {
        if (rule.has(f)) {
          problems.schema(StateFields.jsonataOnly(f), ruleAt + "/" + f);
        }
      }
      try {
        Assign ruleAssign = fields.assign(rule.get("Assign"), false, ruleAt);
        // A rule that is not an object is refused by ChoiceRule.compile with the AWS message.
        JsonNode withoutAssign = rule;
        if (rule.isObject() && rule.has("Assign")) {
          ObjectNode copy = ((ObjectNode) rule).deepCopy();
          copy.remove("Assign");
          withoutAssign = copy;
        }
        branches.add(
            new ChoiceState.Branch(
                ChoiceRule.compile(withoutAssign), null, next, ruleAssign, null));
      } catch (IllegalArgumentException e) {
        problems.schema(e.getMessage(), ruleAt);
      }
    }
    return new ChoiceState(common, branches, fields.text(node, "Default", at));
  }

  /**
   * A JSONata Choice rule (guide "Choice workflow state"): Condition, Next, Assign, Output,
   * Comment.
   */
  ChoiceState.Branch jsonataChoice(JsonNode rule, String next, String at) {
    fields.checkFields(
        rule, Set.of("Condition", "Next", "Assign", "Output", "Comment"), at, true, "Choice rule");
    JsonNode condition = rule.get("Condition");
    JsonataExpression compiled = null;
    if (condition == null) {
      problems.schema("These fields are required: [Condition]", at);
    } else if (condition.isBoolean()) {
      compiled = JsonataExpression.compile("{%" + condition.asText() + "%}");
    } else if (!JsonataExpression.isExpression(condition)) {
      problems.schema(
          "The field 'Condition' must be a boolean or a JSONata expression ({% ... %})",
          at + "/Condition");
    } else {
      compiled = fields.expression(condition.asText(), at + "/Condition");
    }
    return new ChoiceState.Branch(
        null,
        compiled,
        next,
        fields.assign(rule.get("Assign"), true, at),
        fields.jsonataTemplate(rule, "Output", at));
  }
}
