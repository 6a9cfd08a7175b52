package dev.sqlup.config;

/** Starts the upgrade workflow for a task. Starting the same task twice must be harmless. */
public interface UpgradeLauncher {
  /**
   * @param taskId the task (also the execution name, which makes the start idempotent)
   * @param inputJson the workflow input, {@code {"taskId":"…","instanceId":"…"}}
   * @throws LaunchFailedException the workflow could not be started
   */
  void start(String taskId, String inputJson);

  /** The workflow could not be started (throttling, missing state machine, endpoint down). */
  final class LaunchFailedException extends RuntimeException {
    public LaunchFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
