package dev.sqlup.local.asl.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wall-clock time, optionally sped up: with factor N, engine time runs N times faster than real
 * time from the moment the engine started (a Wait of 60 s takes 60/N real seconds), starting at
 * {@code engineStart} (now, unless a restart must continue from where an earlier run got to).
 */
public final class RealClock implements EngineClock {
  private final double factor;
  // The wall clock it scales: the system clock, or a test's hand-moved clock (no test waits on real
  // time).
  private final Clock wall;
  private final Instant realStart;
  // moved forward only, by notBefore when a durable engine reopens
  private volatile Instant engineStart;
  // One thread for every scheduled deadline; callbacks themselves run on the caller's executor.
  private final ScheduledThreadPoolExecutor timers = timerThread();

  private static ScheduledThreadPoolExecutor timerThread() {
    ScheduledThreadPoolExecutor timers =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "sfn-timer");
              t.setDaemon(true);
              return t;
            });
    timers.setRemoveOnCancelPolicy(true); // a Wait ended by StopExecution does not linger for hours
    return timers;
  }

  public RealClock(double factor) {
    this(factor, (Instant) null);
  }

  /**
   * {@code engineStart}: where a scaled clock starts (null or earlier than now: now); ignored at
   * factor 1.
   */
  public RealClock(double factor, Instant engineStart) {
    this(factor, engineStart, Clock.systemUTC());
  }

  RealClock(double factor, Clock wall) {
    this(factor, null, wall);
  }

  private RealClock(double factor, Instant engineStart, Clock wall) {
    this.factor = factor;
    this.wall = wall;
    this.realStart = wall.instant();
    this.engineStart =
        engineStart == null || engineStart.isBefore(realStart) ? realStart : engineStart;
  }

  /**
   * A scaled clock reopened on a durable store continues from the latest history event instead of
   * restarting at the wall clock, so no execution sees time run backwards (a restart under {@code
   * scaled:N} used to fall back by everything the earlier run had gained). At factor 1 the clock is
   * the wall clock and is not moved.
   */
  @Override
  public synchronized void notBefore(Instant instant) {
    if (factor == 1) {
      return;
    }
    Instant current = now();
    if (current.isBefore(instant)) {
      engineStart = engineStart.plus(Duration.between(current, instant));
    }
  }

  @Override
  public Instant now() {
    if (factor == 1) {
      return wall.instant();
    }
    long realNanos = Duration.between(realStart, wall.instant()).toNanos();
    return engineStart.plusNanos((long) (realNanos * factor));
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
  public boolean awaitUntil(CompletableFuture<?> event, Instant deadline)
      throws InterruptedException {
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
  public void schedule(
      CompletableFuture<?> event, Instant deadline, Executor executor, Runnable then) {
    AtomicBoolean fired = new AtomicBoolean();
    ScheduledFuture<?>[] pending = new ScheduledFuture<?>[1];
    Runnable fire =
        () -> {
          if (fired.compareAndSet(false, true)) {
            synchronized (pending) {
              if (pending[0] != null) {
                pending[0].cancel(false);
              }
            }
            try {
              executor.execute(then);
            } catch (RejectedExecutionException closed) {
              // the engine is closing: the callback would have nothing left to run on
            }
          }
        };
    if (deadline != null) {
      synchronized (pending) {
        pending[0] = scheduleAt(deadline, fire);
      }
    }
    event.whenComplete((v, e) -> fire.run());
  }

  /**
   * Runs {@code fire} once engine time reaches {@code deadline} (a scaled clock may need a
   * re-check).
   */
  private ScheduledFuture<?> scheduleAt(Instant deadline, Runnable fire) {
    long engineNanos = Duration.between(now(), deadline).toNanos();
    long realNanos = Math.max(0, (long) (engineNanos / factor));
    try {
      return timers.schedule(
          () -> {
            if (now().isBefore(deadline)) {
              scheduleAt(deadline, fire);
            } else {
              fire.run();
            }
          },
          realNanos,
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      return null;
    }
  }

  @Override
  public void close() {
    timers.shutdownNow();
  }

  @Override
  public void enter() {}

  @Override
  public void leave() {}
}
