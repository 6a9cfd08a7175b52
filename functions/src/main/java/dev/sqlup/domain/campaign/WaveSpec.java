package dev.sqlup.domain.campaign;

import java.util.Objects;

/**
 * One wave as requested: {@code size} of the selection (null = every instance the earlier waves
 * left), how many of its upgrades run at once, how many may fail before the campaign halts, how
 * long to wait after it before the next wave ("bake"), and whether an operator must approve the
 * next wave.
 */
public record WaveSpec(
    String name,
    Amount size,
    int maxConcurrency,
    Amount toleratedFailures,
    long bakeSeconds,
    boolean approvalRequired) {
  public static final int MAX_CONCURRENCY_LIMIT = 1000;
  public static final long MAX_BAKE_SECONDS = 7 * 24 * 3600;

  public WaveSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(toleratedFailures, "toleratedFailures");
    if (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY_LIMIT) {
      throw new IllegalArgumentException(
          "maxConcurrency must be from 1 to " + MAX_CONCURRENCY_LIMIT);
    }
    if (bakeSeconds < 0 || bakeSeconds > MAX_BAKE_SECONDS) {
      throw new IllegalArgumentException("bakeSeconds must be from 0 to " + MAX_BAKE_SECONDS);
    }
  }
}
