package dev.sqlup.local.runtime.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records how the runtime runs it: how many instances (environments) were built, how many
 * invocations ran at once, and whether one instance ever served two invocations at once. An
 * invocation can wait at {@link #barrier} (all of a wave must be running together to pass it) and
 * then hold for {@code holdMillis} of its input, to stand for a handler that takes that long.
 */
public final class ConcurrencyProbeHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  public static final AtomicInteger CONSTRUCTED = new AtomicInteger();
  public static final AtomicInteger RUNNING = new AtomicInteger();
  public static final AtomicInteger MAX_RUNNING = new AtomicInteger();
  public static final AtomicInteger OVERLAPS = new AtomicInteger();

  /** When set, every invocation waits here (up to 10 s) before holding. */
  public static volatile CyclicBarrier barrier;

  private final int id = CONSTRUCTED.incrementAndGet();
  private final AtomicBoolean busy = new AtomicBoolean();

  public ConcurrencyProbeHandler(FakeServices services) {}

  /** Forgets what earlier tests recorded. */
  public static void reset(CyclicBarrier barrierOrNull) {
    CONSTRUCTED.set(0);
    RUNNING.set(0);
    MAX_RUNNING.set(0);
    OVERLAPS.set(0);
    barrier = barrierOrNull;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    if (!busy.compareAndSet(false, true)) {
      OVERLAPS.incrementAndGet();
    }
    MAX_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
    try {
      CyclicBarrier b = barrier;
      if (b != null) {
        b.await(10, TimeUnit.SECONDS);
      }
      Object hold = input.get("holdMillis");
      if (hold != null) {
        Thread.sleep(((Number) hold).longValue());
      }
      return Map.of("environment", id);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (BrokenBarrierException | TimeoutException e) {
      throw new IllegalStateException(
          "the other invocations of the wave never ran alongside this one", e);
    } finally {
      RUNNING.decrementAndGet();
      busy.set(false);
    }
  }
}
