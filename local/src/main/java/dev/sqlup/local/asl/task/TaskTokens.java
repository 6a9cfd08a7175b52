package dev.sqlup.local.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.model.StepFunctionsException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Open task tokens of {@code .waitForTaskToken} tasks, completed by
 * SendTaskSuccess/Failure/Heartbeat.
 */
public final class TaskTokens {
  /** One parked task: its result future and when it last heard a heartbeat. */
  public static final class Wait {
    private final CompletableFuture<JsonNode> result = new CompletableFuture<>();
    private volatile Instant lastHeartbeat;

    Wait(Instant now) {
      this.lastHeartbeat = now;
    }

    public CompletableFuture<JsonNode> result() {
      return result;
    }

    public Instant lastHeartbeat() {
      return lastHeartbeat;
    }
  }

  private final ConcurrentHashMap<String, Wait> open = new ConcurrentHashMap<>();

  /**
   * Tokens that existed and are finished (answered, timed out, stopped): AWS answers TaskTimedOut.
   */
  private final java.util.Set<String> finished =
      java.util.Collections.newSetFromMap(
          java.util.Collections.synchronizedMap(
              new java.util.LinkedHashMap<String, Boolean>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > 100_000;
                }
              }));

  private final Supplier<Instant> now;

  public TaskTokens(Supplier<Instant> now) {
    this.now = now;
  }

  public Wait register(String token, Instant now) {
    Wait wait = new Wait(now);
    open.put(token, wait);
    return wait;
  }

  public void remove(String token) {
    finished.add(token);
    open.remove(token);
  }

  public void succeed(String token, JsonNode output) {
    if (!wait(token).result.complete(output)) {
      throw timedOut();
    }
  }

  public void fail(String token, String error, String cause) {
    StatesError statesError =
        new StatesError(error == null ? "" : error, cause == null ? "" : cause);
    if (!wait(token).result.completeExceptionally(statesError)) {
      throw timedOut();
    }
  }

  public void heartbeat(String token) {
    wait(token).lastHeartbeat = now.get();
  }

  private static StepFunctionsException timedOut() {
    return new StepFunctionsException(
        "TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
  }

  private Wait wait(String token) {
    Wait wait = token == null ? null : open.get(token);
    if (wait == null && token != null && finished.contains(token)) {
      throw timedOut();
    }
    if (wait == null) {
      throw new StepFunctionsException(
          "TaskDoesNotExist", "Task Token does not exist or has already completed: " + token);
    }
    return wait;
  }
}
