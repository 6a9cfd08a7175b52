package dev.sqlup.config;

import dev.sqlup.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** Starts the upgrade workflow for a task. Starting the same task twice must be harmless. */
public interface UpgradeLauncher {
  /**
   * @param taskId the task (also the execution name, which makes the start idempotent)
   * @param inputJson the workflow input, {@code {"taskId":"…","instanceId":"…"}}
   * @throws LaunchFailedException the workflow could not be started
   */
  void start(String taskId, String inputJson);

  /**
   * The workflow input of a task: {@code {"taskId":"…","instanceId":"…"}} (the same for every
   * start).
   */
  static String input(String taskId, String instanceId) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("taskId", taskId);
    input.put("instanceId", instanceId);
    return Json.write(input);
  }

  /** The workflow could not be started (throttling, missing state machine, endpoint down). */
  final class LaunchFailedException extends RuntimeException {
    public LaunchFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
