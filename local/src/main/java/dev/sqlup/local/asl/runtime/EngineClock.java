package dev.sqlup.local.asl.runtime;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The engine's time: what "now" is and how a thread waits for a deadline or an event. Every wait in
 * the engine (Wait state, retry interval, task timeout, heartbeat, joins on branches) goes through
 * {@link #awaitUntil}, so the virtual implementation knows when every activity is idle and may
 * jump.
 *
 * <p>Activity accounting: {@link #enter()} before handing work to a thread (so the clock cannot
 * jump in between), {@link #leave()} when that thread is done. A thread blocked in {@link
 * #awaitUntil} is idle.
 */
public interface EngineClock {

  Instant now();

  /** A {@link Clock} view of {@link #now()}, for task handlers that must see engine time. */
  Clock clock();

  /**
   * Blocks until {@code event} completes or {@code deadline} (may be null = none) is reached.
   *
   * @return true when the event completed, false when the deadline passed first
   */
  boolean awaitUntil(CompletableFuture<?> event, Instant deadline) throws InterruptedException;

  /**
   * As {@link #awaitUntil} for a callback ({@code .waitForTaskToken}): the event comes from outside
   * the engine, and {@code deadline} is its TimeoutSeconds or HeartbeatSeconds. A virtual clock may
   * decline to jump to such a deadline while nothing else is due ({@link
   * VirtualClock#holdCallbackTimeouts}).
   */
  default boolean awaitCallback(CompletableFuture<?> event, Instant deadline)
      throws InterruptedException {
    return awaitUntil(event, deadline);
  }

  /**
   * Runs {@code then} on {@code executor} once, when {@code event} completes or {@code deadline}
   * (may be null = none) is reached, whichever comes first; no thread waits meanwhile. A parked
   * execution is a timer entry, not a blocked thread. The callback counts as busy from the moment
   * it is due until it returns, so virtual time does not jump before it has run.
   */
  void schedule(CompletableFuture<?> event, Instant deadline, Executor executor, Runnable then);

  /** Releases the clock's own resources (a real clock's timer thread). */
  default void close() {}

  void enter();

  /**
   * Makes sure engine time is not before {@code instant} (a reopened durable engine must not run
   * its executions' clock backwards). Real clocks cannot be moved and ignore this.
   */
  default void notBefore(Instant instant) {}

  void leave();

  static EngineClock parse(String mode, Instant virtualStart) {
    if (mode == null || mode.equals("virtual")) {
      return new VirtualClock(virtualStart);
    }
    if (mode.equals("real")) {
      return new RealClock(1);
    }
    if (mode.startsWith("scaled:")) {
      double factor = Double.parseDouble(mode.substring("scaled:".length()));
      if (!(factor > 0)) {
        throw new IllegalArgumentException("scaled clock factor must be > 0: " + mode);
      }
      return new RealClock(factor, virtualStart);
    }
    throw new IllegalArgumentException(
        "unknown clock mode '" + mode + "' (virtual, real, scaled:N)");
  }
}
