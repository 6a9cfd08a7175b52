package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.choice.ChoiceRule;
import dev.sqlup.local.asl.jsonata.JsonataExpression;
import dev.sqlup.local.asl.jsonata.JsonataScope;
import dev.sqlup.local.asl.jsonata.JsonataTemplate;
import dev.sqlup.local.asl.jsonata.QueryEvaluationError;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.state.fields.Assign;
import java.util.List;

/**
 * Choice (spec "Choice State"): the first rule that matches the effective input picks Next; else
 * Default; else States.NoChoiceMatched.
 */
public final class ChoiceState extends State {
  /**
   * One element of Choices: its compiled rule (JSONPath) or Condition (JSONata), its Next, and its
   * own Assign and Output (null = the state's).
   */
  public record Branch(
      ChoiceRule rule,
      JsonataExpression condition,
      String next,
      Assign assign,
      JsonataTemplate output) {
    public Branch(ChoiceRule rule, String next) {
      this(rule, null, next, null, null);
    }
  }

  private final List<Branch> choices;
  private final String defaultNext;

  public ChoiceState(Common common, List<Branch> choices, String defaultNext) {
    super(common);
    this.choices = List.copyOf(choices);
    this.defaultNext = defaultNext;
  }

  public List<Branch> choices() {
    return choices;
  }

  public String defaultNext() {
    return defaultNext;
  }

  @Override
  public String type() {
    return "Choice";
  }

  @Override
  protected Outcome execute(StateContext ctx, JsonNode effectiveInput, JsonNode rawInput) {
    JsonNode context = jsonata ? null : context(ctx);
    JsonataScope scope = jsonata ? scope(ctx, rawInput) : null;
    for (Branch choice : choices) {
      if (jsonata
          ? condition(choice.condition(), scope)
          : matches(ctx, choice.rule(), effectiveInput, context)) {
        return new Outcome(effectiveInput, choice.next(), choice.assign(), choice.output(), null);
      }
    }
    if (defaultNext != null) {
      return new Outcome(effectiveInput, defaultNext);
    }
    throw new StatesError(
        "States.NoChoiceMatched",
        "No Matches! for state '" + name + "' with input '" + effectiveInput + "'");
  }

  private static boolean matches(
      StateContext ctx, ChoiceRule rule, JsonNode input, JsonNode context) {
    return dev.sqlup.local.asl.path.VariablePaths.with(
        ctx.variables(), () -> rule.matches(input, context));
  }

  /** Developer guide "Choice workflow state": a Condition must evaluate to a boolean. */
  private static boolean condition(JsonataExpression condition, JsonataScope scope) {
    JsonNode value = condition.evaluate(scope, "Condition");
    if (!value.isBoolean()) {
      throw new QueryEvaluationError(
          "Condition",
          "The JSONata expression '"
              + condition.text()
              + "' specified for the field 'Condition' returned a "
              + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + " ("
              + value
              + "), not a boolean");
    }
    return value.booleanValue();
  }
}
