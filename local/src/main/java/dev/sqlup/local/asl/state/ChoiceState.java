package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.StatesError;
import dev.sqlup.local.asl.choice.ChoiceRule;
import dev.sqlup.local.asl.runtime.StateContext;
import java.util.List;

/**
 * Choice (spec "Choice State"): the first rule that matches the effective input picks Next; else
 * Default; else States.NoChoiceMatched.
 */
public final class ChoiceState extends State {
  /** One element of Choices: its compiled rule and its Next. */
  public record Branch(ChoiceRule rule, String next) {}

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
    JsonNode context = ctx.contextObject();
    for (Branch choice : choices) {
      if (choice.rule().matches(effectiveInput, context)) {
        return new Outcome(effectiveInput, choice.next());
      }
    }
    if (defaultNext != null) {
      return new Outcome(effectiveInput, defaultNext);
    }
    throw new StatesError(
        "States.NoChoiceMatched",
        "No Matches! for state '" + name + "' with input '" + effectiveInput + "'");
  }
}
