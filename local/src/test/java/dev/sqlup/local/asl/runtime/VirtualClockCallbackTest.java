package dev.sqlup.local.asl.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A callback's timeout (a campaign's approval) under virtual time: a clock that holds them does not
 * jump to one while it is the only deadline left, and still passes it when time moves for another
 * deadline; a fully virtual clock jumps to it at once.
 */
class VirtualClockCallbackTest {
  private static final Instant START = Instant.parse("2026-11-24T08:00:00Z");
  private static final Duration WEEK = Duration.ofDays(7);
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  /** An activity (as an execution thread is) that waits for a callback until {@code deadline}. */
  private Future<Boolean> awaitCallback(
      VirtualClock clock, CompletableFuture<?> callback, Instant deadline) {
    clock.enter();
    return threads.submit(
        () -> {
          try {
            return clock.awaitCallback(callback, deadline);
          } finally {
            clock.leave();
          }
        });
  }

  @Test
  void aHeldClock_doesNotJumpToACallbacksTimeout_andTheCallbackArrivesInTime() throws Exception {
    // GIVEN a clock that holds callback timeouts, and an approval waiting with a 7-day timeout
    VirtualClock clock = new VirtualClock(START);
    clock.holdCallbackTimeouts();
    CompletableFuture<String> approval = new CompletableFuture<>();
    Future<Boolean> waiting = awaitCallback(clock, approval, START.plus(WEEK));

    // WHEN nothing else is due THEN time stays where it is (the waiter is parked and idle)
    Thread.sleep(200);
    assertThat(waiting.isDone()).isFalse();
    assertThat(clock.now()).isEqualTo(START);

    // WHEN the operator approves THEN the wait ends with the callback, still at the same instant
    approval.complete("approved");
    assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(clock.now()).isEqualTo(START);
  }

  @Test
  void aHeldClock_firesTheTimeoutWhenTimeMovesPastItForAnotherDeadline() throws Exception {
    // GIVEN a held clock with an approval waiting for a week and a Wait of eight days elsewhere
    VirtualClock clock = new VirtualClock(START);
    clock.holdCallbackTimeouts();
    Future<Boolean> waiting = awaitCallback(clock, new CompletableFuture<>(), START.plus(WEEK));
    Future<Boolean> otherWait =
        awaitCallbackFreeWait(clock, START.plus(WEEK).plus(Duration.ofDays(1)));

    // THEN the approval times out first, at its own deadline, and the other wait ends after it
    assertThat(waiting.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(otherWait.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(clock.now()).isEqualTo(START.plus(WEEK).plus(Duration.ofDays(1)));
  }

  @Test
  void aFullyVirtualClock_jumpsToTheCallbacksTimeout() throws Exception {
    // GIVEN the default clock (nothing answers from outside)
    VirtualClock clock = new VirtualClock(START);

    // WHEN an approval waits alone THEN it times out at once, a week later in virtual time
    Future<Boolean> waiting = awaitCallback(clock, new CompletableFuture<>(), START.plus(WEEK));
    assertThat(waiting.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(clock.now()).isEqualTo(START.plus(WEEK));
  }

  private Future<Boolean> awaitCallbackFreeWait(VirtualClock clock, Instant deadline) {
    clock.enter();
    return threads.submit(
        () -> {
          try {
            return clock.awaitUntil(new CompletableFuture<>(), deadline);
          } finally {
            clock.leave();
          }
        });
  }
}
