package dev.sqlup.config;

/**
 * Ends the upgrade workflow's sleep while it waits for its switch: the waiting loop listens on a
 * task token (stored in the task by the listener Lambda), and whatever changes what the loop
 * decides (the switch setting through the API, or the listener itself finding it already changed)
 * answers that token, so the loop decides again at once instead of at the end of its sleep.
 */
public interface SwitchWake {
  /**
   * Answers the waiting loop's token. False when it is no longer valid (the sleep ended meanwhile,
   * an earlier change answered it already, the execution stopped): nothing is waiting on it.
   *
   * @throws software.amazon.awssdk.core.exception.SdkException Step Functions could not be reached
   *     or refused for another reason
   */
  boolean wake(String taskToken);
}
