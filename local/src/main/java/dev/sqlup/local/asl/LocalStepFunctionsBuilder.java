package dev.sqlup.local.asl;

import dev.sqlup.local.asl.model.DynamoDbEndpoint;
import dev.sqlup.local.asl.model.EventsListener;
import dev.sqlup.local.asl.model.HistoryListener;
import dev.sqlup.local.asl.model.TaskInvoker;
import dev.sqlup.local.asl.runtime.EngineClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Configures an engine. Defaults: virtual time from now, in memory, us-east-1 / 123456789012. */
public final class LocalStepFunctionsBuilder {
  String clockMode = "virtual";
  boolean holdCallbackTimeouts;
  Instant virtualStart = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  Path directory;
  TaskInvoker invoker;
  EventsListener events;
  DynamoDbEndpoint dynamoDb;
  String region = "us-east-1";
  String account = "123456789012";
  long seed = 42;
  int maxConcurrentExecutions = 1000;
  int retainFinishedExecutions = 10_000;
  HistoryListener historyListener = HistoryListener.NONE;
  int maxHistoryEvents = LocalStepFunctions.HISTORY_QUOTA;

  /** {@code virtual} (default), {@code real} or {@code scaled:N}. */
  public LocalStepFunctionsBuilder clockMode(String mode) {
    EngineClock.parse(mode, Instant.EPOCH); // validate early
    this.clockMode = mode;
    return this;
  }

  /** Where virtual time starts (default: the wall clock when the engine is built). */
  public LocalStepFunctionsBuilder virtualStart(Instant start) {
    this.virtualStart = start;
    return this;
  }

  /** Persist machines and executions here; a new engine on the same directory resumes them. */
  public LocalStepFunctionsBuilder directory(Path directory) {
    this.directory = directory;
    return this;
  }

  public LocalStepFunctionsBuilder inMemory() {
    this.directory = null;
    return this;
  }

  public LocalStepFunctionsBuilder taskInvoker(TaskInvoker invoker) {
    this.invoker = TaskInvoker.catchingExceptions(invoker);
    return this;
  }

  public LocalStepFunctionsBuilder eventsListener(EventsListener listener) {
    this.events = listener;
    return this;
  }

  /** Sees each history event as it is recorded (one line per state transition in {@code serve}). */
  public LocalStepFunctionsBuilder historyListener(HistoryListener listener) {
    this.historyListener = listener;
    return this;
  }

  public LocalStepFunctionsBuilder dynamoDb(DynamoDbEndpoint endpoint) {
    this.dynamoDb = endpoint;
    return this;
  }

  public LocalStepFunctionsBuilder region(String region) {
    this.region = region;
    return this;
  }

  public LocalStepFunctionsBuilder account(String account) {
    this.account = account;
    return this;
  }

  /** Seed for retry jitter and intrinsic randomness. */
  public LocalStepFunctionsBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** How many executions run at once (default 1000); later ones queue until a slot frees up. */
  public LocalStepFunctionsBuilder maxConcurrentExecutions(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxConcurrentExecutions must be at least 1");
    }
    this.maxConcurrentExecutions = max;
    return this;
  }

  /**
   * How many finished executions the engine keeps (default 10,000), newest first; an older one is
   * forgotten with its history (and, in a directory store, its journal file), as AWS forgets an
   * execution 90 days after it closed. Bounds the memory of a long-running engine.
   */
  public LocalStepFunctionsBuilder retainFinishedExecutions(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("retainFinishedExecutions must be at least 1");
    }
    this.retainFinishedExecutions = max;
    return this;
  }

  /**
   * The history quota of a Standard execution (default {@value LocalStepFunctions#HISTORY_QUOTA},
   * AWS's hard quota); lower values let tests reach it quickly. Express executions have no such
   * quota.
   */
  public LocalStepFunctionsBuilder maxHistoryEvents(int max) {
    if (max < 3) {
      throw new IllegalArgumentException("maxHistoryEvents must be at least 3");
    }
    this.maxHistoryEvents = max;
    return this;
  }

  /**
   * A virtual clock does not jump to a callback's timeout while nothing else is due (for a runtime
   * that serves an API, where callbacks come from people in real time); see {@code
   * VirtualClock#holdCallbackTimeouts}. Off by default: a fully virtual run times callbacks out.
   */
  public LocalStepFunctionsBuilder holdCallbackTimeouts(boolean hold) {
    this.holdCallbackTimeouts = hold;
    return this;
  }

  public LocalStepFunctions build() {
    return new LocalStepFunctions(this);
  }
}
