package dev.sqlup.local.runtime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** {@code real}, or {@code scaled:N}: time runs N times faster than real time from the moment it is built. */
public final class ClockMode {
  private ClockMode() {}

  /** Parses a {@code --clock} value; anything else is a {@link UserException}. */
  public static Clock parse(String mode, Clock real) {
    if (mode == null || mode.equals("real")) {
      return real;
    }
    if (mode.startsWith("scaled:")) {
      double factor;
      try {
        factor = Double.parseDouble(mode.substring("scaled:".length()));
      } catch (NumberFormatException e) {
        factor = -1;
      }
      if (factor <= 0) {
        throw new UserException("--clock " + mode + ": the factor must be a positive number, e.g. scaled:60");
      }
      return new Scaled(real, real.instant(), factor);
    }
    throw new UserException("--clock must be real or scaled:N (e.g. scaled:60), not " + mode);
  }

  /** A clock that starts at {@code origin} and runs {@code factor} times faster than {@code real}. */
  static final class Scaled extends Clock {
    private final Clock real;
    private final Instant origin;
    private final double factor;

    Scaled(Clock real, Instant origin, double factor) {
      this.real = real;
      this.origin = origin;
      this.factor = factor;
    }

    @Override
    public Instant instant() {
      long elapsedNanos = java.time.Duration.between(origin, real.instant()).toNanos();
      return origin.plusNanos((long) (elapsedNanos * factor));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
