package dev.sqlup.local.asl.runtime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Virtual time: it only moves when no activity is busy and nobody waiting has an event ready; then
 * it jumps to the earliest deadline anyone waits for. A running task invocation is busy, so time
 * does not jump under it; a 6-hour Wait costs nothing.
 *
 * <p>Waiters whose event completed are counted ({@code ready}) and deadlines are kept sorted, so
 * the decision to jump costs O(log n) even with thousands of parked executions.
 *
 * <p>A callback's timeout (a {@code .waitForTaskToken} task's TimeoutSeconds or HeartbeatSeconds)
 * waits for someone outside the engine. When the clock {@linkplain #holdCallbackTimeouts() holds
 * them} (a runtime serving an API, where an operator answers in real time), it does not jump to
 * such a deadline while it is the only kind left: it waits for the callback, a new execution or an
 * API call instead. Time still passes them when it jumps for any other deadline (a Wait, a retry,
 * another task), and then they fire in order. A fully virtual run (the default) jumps to them.
 */
public final class VirtualClock implements EngineClock {
  private final ReentrantLock lock = new ReentrantLock();
  private final TreeMap<Instant, Set<Waiter>> deadlines = new TreeMap<>();
  // written under the lock, read without it: every history event reads the time
  private volatile Instant now;
  private int busy;
  private int ready;
  // waiters and timers with a deadline that is not a callback's timeout
  private int ownDeadlines;
  private boolean holdCallbackTimeouts;

  public VirtualClock(Instant start) {
    this.now = start;
  }

  /**
   * One blocked thread (it has its own condition so a wake-up does not stampede every waiter), or a
   * scheduled callback ({@code then} non-null) that holds no thread until it is due.
   */
  private final class Waiter {
    final CompletableFuture<?> event;
    final Instant deadline;
    final Condition wake = lock.newCondition();
    final Executor executor;
    final Runnable then;
    final boolean callback;
    boolean waiting;
    boolean eventDone;

    Waiter(CompletableFuture<?> event, Instant deadline, boolean callback) {
      this(event, deadline, null, null, callback);
    }

    Waiter(
        CompletableFuture<?> event,
        Instant deadline,
        Executor executor,
        Runnable then,
        boolean callback) {
      this.event = event;
      this.deadline = deadline;
      this.executor = executor;
      this.then = then;
      this.callback = callback;
    }
  }

  @Override
  public Instant now() {
    return now;
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
        return Clock.fixed(instant(), zone);
      }

      @Override
      public Instant instant() {
        return now();
      }
    };
  }

  /**
   * From now on, idle time does not jump to a deadline of {@link #awaitCallback} while no other
   * deadline is pending (see the class comment).
   */
  public void holdCallbackTimeouts() {
    lock.lock();
    try {
      holdCallbackTimeouts = true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean awaitUntil(CompletableFuture<?> event, Instant deadline)
      throws InterruptedException {
    return await(new Waiter(event, deadline, false));
  }

  @Override
  public boolean awaitCallback(CompletableFuture<?> event, Instant deadline)
      throws InterruptedException {
    return await(new Waiter(event, deadline, true));
  }

  private boolean await(Waiter waiter) throws InterruptedException {
    CompletableFuture<?> event = waiter.event;
    Instant deadline = waiter.deadline;
    event.whenComplete((v, e) -> eventCompleted(waiter));
    lock.lock();
    try {
      busy--;
      add(waiter);
      try {
        maybeAdvance();
        while (!event.isDone() && (deadline == null || now.isBefore(deadline))) {
          waiter.wake.await();
        }
        return event.isDone();
      } finally {
        remove(waiter);
        busy++;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void schedule(
      CompletableFuture<?> event, Instant deadline, Executor executor, Runnable then) {
    Waiter timer = new Waiter(event, deadline, executor, then, false);
    lock.lock();
    try {
      if (event.isDone() || (deadline != null && !now.isBefore(deadline))) {
        fire(timer);
        return;
      }
      timer.waiting = true;
      addDeadline(timer);
    } finally {
      lock.unlock();
    }
    event.whenComplete((v, e) -> eventCompleted(timer));
  }

  /** Hands a due timer to its executor; busy from now until its callback returns. */
  private void fire(Waiter timer) {
    busy++;
    try {
      timer.executor.execute(
          () -> {
            try {
              timer.then.run();
            } finally {
              leave();
            }
          });
    } catch (RejectedExecutionException closed) {
      busy--;
    }
  }

  private void add(Waiter waiter) {
    waiter.waiting = true;
    if (waiter.event.isDone()) {
      waiter.eventDone = true;
      ready++;
    }
    addDeadline(waiter);
  }

  private void addDeadline(Waiter waiter) {
    if (waiter.deadline != null) {
      deadlines.computeIfAbsent(waiter.deadline, d -> new HashSet<>()).add(waiter);
      if (!waiter.callback) {
        ownDeadlines++;
      }
    }
  }

  private void remove(Waiter waiter) {
    waiter.waiting = false;
    if (waiter.eventDone) {
      ready--;
    }
    if (waiter.deadline != null) {
      if (!waiter.callback) {
        ownDeadlines--;
      }
      Set<Waiter> same = deadlines.get(waiter.deadline);
      same.remove(waiter);
      if (same.isEmpty()) {
        deadlines.remove(waiter.deadline);
      }
    }
  }

  private void eventCompleted(Waiter waiter) {
    lock.lock();
    try {
      if (waiter.then != null) {
        if (waiter.waiting) {
          remove(waiter);
          fire(waiter);
        }
        return;
      }
      if (waiter.waiting && !waiter.eventDone) {
        waiter.eventDone = true;
        ready++; // it is about to wake and become busy: time must not jump meanwhile
      }
      waiter.wake.signal();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void notBefore(Instant instant) {
    lock.lock();
    try {
      if (instant.isAfter(now)) {
        now = instant;
        wakeExpired();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void enter() {
    lock.lock();
    try {
      busy++;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void leave() {
    lock.lock();
    try {
      busy--;
      maybeAdvance();
    } finally {
      lock.unlock();
    }
  }

  private void maybeAdvance() {
    if (busy > 0 || ready > 0 || deadlines.isEmpty()) {
      return;
    }
    if (holdCallbackTimeouts && ownDeadlines == 0) {
      return; // only callbacks' timeouts are left: the answer comes from outside, in real time
    }
    Instant earliest = deadlines.firstKey();
    if (earliest.isAfter(now)) {
      now = earliest;
      wakeExpired();
    }
  }

  private void wakeExpired() {
    List<Waiter> dueTimers = new ArrayList<>();
    for (Map.Entry<Instant, Set<Waiter>> due : deadlines.headMap(now, true).entrySet()) {
      for (Waiter w : due.getValue()) {
        if (w.then != null) {
          dueTimers.add(w);
        } else {
          w.wake.signal();
        }
      }
    }
    for (Waiter timer : dueTimers) {
      remove(timer);
      fire(timer);
    }
  }
}
