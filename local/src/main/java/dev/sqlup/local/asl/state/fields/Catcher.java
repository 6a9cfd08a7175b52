package dev.sqlup.local.asl.state.fields;

import dev.sqlup.local.asl.jsonata.JsonataTemplate;

/**
 * One Catch entry (spec "Fallback states"): on a matching error, the error output {@code
 * {"Error","Cause"}} becomes the state's output — in a JSONPath state placed in the raw input at
 * ResultPath (default {@code $}), in a JSONata state through Output ({@code $states.errorOutput},
 * default the error output itself) — Assign sets variables, and the execution goes to Next.
 */
public record Catcher(
    ErrorEquals errorEquals,
    String next,
    ResultPath resultPath,
    JsonataTemplate output,
    Assign assign) {
  public Catcher(ErrorEquals errorEquals, String next, ResultPath resultPath) {
    this(errorEquals, next, resultPath, null, null);
  }
}
