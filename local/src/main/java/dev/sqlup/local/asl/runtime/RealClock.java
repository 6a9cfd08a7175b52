package dev.sqlup.local.asl.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Wall-clock time, optionally sped up: with factor N, engine time runs N times faster than real time
 * from the moment the engine started (a Wait of 60 s takes 60/N real seconds).
 */
public final class RealClock implements EngineClock {
  private final double factor;
  private final Instant realStart = Instant.now();

  public RealClock(double factor) {
    this.factor = factor;
  }

  @Override
  public Instant now() {
    if (factor == 1) {
      return Instant.now();
    }
    long realNanos = Duration.between(realStart, Instant.now()).toNanos();
    return realStart.plusNanos((long) (realNanos * factor));
  }

  @Override
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now();
      }
    };
  }

  @Override
  public boolean awaitUntil(CompletableFuture<?> event, Instant deadline) throws InterruptedException {
    try {
      if (deadline == null) {
        event.get();
        return true;
      }
      while (true) {
        long engineNanos = Duration.between(now(), deadline).toNanos();
        if (engineNanos <= 0) {
          return event.isDone();
        }
        long realNanos = Math.max(1, (long) (engineNanos / factor));
        try {
          event.get(realNanos, TimeUnit.NANOSECONDS);
          return true;
        } catch (TimeoutException e) {
          // loop: re-check against engine time
        }
      }
    } catch (ExecutionException e) {
      return true;
    }
  }

  @Override
  public void enter() {}

  @Override
  public void leave() {}
}
