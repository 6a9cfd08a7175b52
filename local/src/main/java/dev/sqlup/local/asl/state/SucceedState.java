package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;

/** Succeed (spec "Succeed State"): ends the branch successfully with its (filtered) input. */
public final class SucceedState extends State {
  public SucceedState(Common common) {
    super(common);
  }

  @Override
  public String type() {
    return "Succeed";
  }

  @Override
  protected Outcome execute(StateContext ctx, JsonNode effectiveInput, JsonNode rawInput) {
    return Outcome.of(effectiveInput);
  }
}
