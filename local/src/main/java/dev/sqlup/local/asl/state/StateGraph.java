package dev.sqlup.local.asl.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** StartAt and States: the top-level machine, a Parallel branch or a Map's ItemProcessor. */
public record StateGraph(String startAt, Map<String, State> states, Integer timeoutSeconds) {
  public StateGraph {
    states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
  }

  public State state(String name) {
    State state = states.get(name);
    if (state == null) {
      throw new IllegalStateException("no state named " + name);
    }
    return state;
  }
}
