package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;

/** Pass (spec "Pass State"): passes its input, or its Result, to its output. */
public final class PassState extends State {
  private final JsonNode result;

  public PassState(Common common, JsonNode result) {
    super(common);
    this.result = result;
  }

  @Override
  public String type() {
    return "Pass";
  }

  @Override
  protected Outcome execute(StateContext ctx, JsonNode effectiveInput, JsonNode rawInput) {
    return Outcome.of(result != null ? result.deepCopy() : effectiveInput);
  }
}
