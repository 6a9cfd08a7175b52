package dev.sqlup.local.runtime.handlers;

import java.time.Clock;
import java.util.Map;

/**
 * Stands in for {@code dev.sqlup.config.Services} in tests: same {@code (Map, Clock)} constructor.
 */
public final class FakeServices {
  private final Map<String, String> env;
  private final Clock clock;

  public FakeServices(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(env);
    this.clock = clock;
  }

  public Map<String, String> env() {
    return env;
  }

  public Clock clock() {
    return clock;
  }
}
