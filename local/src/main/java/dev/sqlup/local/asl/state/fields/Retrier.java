package dev.sqlup.local.asl.state.fields;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * One Retry entry. Spec "Retrying after error": IntervalSeconds (default 1) before the first retry,
 * multiplied by BackoffRate (default 2.0, at least 1.0) each attempt, at most MaxAttempts (default
 * 3, 0 = never retry) retries; MaxDelaySeconds caps the interval; JitterStrategy FULL picks a
 * random delay between 0 and the computed one.
 */
public record Retrier(
    ErrorEquals errorEquals,
    int intervalSeconds,
    int maxAttempts,
    double backoffRate,
    Integer maxDelaySeconds,
    boolean fullJitter) {

  /** The wait before retry number {@code retriesDone + 1}. */
  public Duration delay(int retriesDone, RandomGenerator random) {
    double seconds = intervalSeconds * Math.pow(backoffRate, retriesDone);
    if (maxDelaySeconds != null) {
      seconds = Math.min(seconds, maxDelaySeconds);
    }
    if (fullJitter) {
      seconds = random.nextDouble() * seconds;
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
