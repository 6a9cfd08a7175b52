package dev.sqlup.local.asl.runtime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Virtual time: it only moves when no activity is busy and nobody waiting has an event ready; then it
 * jumps to the earliest deadline anyone waits for. A running task invocation is busy, so time does not
 * jump under it; a 6-hour Wait costs nothing.
 */
public final class VirtualClock implements EngineClock {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Set<Waiter> waiters = new HashSet<>();
  private Instant now;
  private int busy;

  public VirtualClock(Instant start) {
    this.now = start;
  }

  private static final class Waiter {
    final CompletableFuture<?> event;
    final Instant deadline;

    Waiter(CompletableFuture<?> event, Instant deadline) {
      this.event = event;
      this.deadline = deadline;
    }
  }

  @Override
  public Instant now() {
    lock.lock();
    try {
      return now;
    } finally {
      lock.unlock();
    }
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

  @Override
  public boolean awaitUntil(CompletableFuture<?> event, Instant deadline) throws InterruptedException {
    Waiter waiter = new Waiter(event, deadline);
    event.whenComplete((v, e) -> signal());
    lock.lock();
    try {
      busy--;
      waiters.add(waiter);
      try {
        maybeAdvance();
        while (!event.isDone() && (deadline == null || now.isBefore(deadline))) {
          changed.await();
        }
        return event.isDone();
      } finally {
        waiters.remove(waiter);
        busy++;
      }
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
        changed.signalAll();
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

  private void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void maybeAdvance() {
    if (busy > 0) {
      return;
    }
    Instant earliest = null;
    for (Waiter w : waiters) {
      if (w.event.isDone()) {
        return; // someone is about to wake up and become busy
      }
      if (w.deadline != null && (earliest == null || w.deadline.isBefore(earliest))) {
        earliest = w.deadline;
      }
    }
    if (earliest != null && earliest.isAfter(now)) {
      now = earliest;
    }
    changed.signalAll();
  }
}
