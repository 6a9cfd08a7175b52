package dev.sqlup.local.asl.runtime;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * At most N executions run their states at once; the others queue in start order. A queued
 * execution waits through the engine clock without a deadline, so under virtual time it counts as
 * idle.
 */
public final class ExecutionSlots {
  private final int limit;
  private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  private int used;

  public ExecutionSlots(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("maxConcurrentExecutions must be at least 1");
    }
    this.limit = limit;
  }

  /** Completes when a slot is granted to the caller. */
  public synchronized CompletableFuture<Void> acquire() {
    CompletableFuture<Void> slot = new CompletableFuture<>();
    if (used < limit) {
      used++;
      slot.complete(null);
    } else {
      waiting.add(slot);
    }
    return slot;
  }

  public synchronized void release() {
    CompletableFuture<Void> next = waiting.poll();
    if (next != null) {
      next.complete(null); // the slot passes on; used stays the same
    } else {
      used--;
    }
  }
}
