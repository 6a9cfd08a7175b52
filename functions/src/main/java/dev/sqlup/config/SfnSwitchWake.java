package dev.sqlup.config;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** {@link SwitchWake} through the Step Functions API (SendTaskSuccess). */
public final class SfnSwitchWake implements SwitchWake {
  /** What the listener's Task state returns; the machine discards it (the wake is the signal). */
  static final String OUTPUT = "{\"woken\":true}";

  private final SfnClient sfn;

  public SfnSwitchWake(SfnClient sfn) {
    this.sfn = sfn;
  }

  @Override
  public boolean wake(String taskToken) {
    try {
      sfn.sendTaskSuccess(b -> b.taskToken(taskToken).output(OUTPUT));
      return true;
    } catch (InvalidTokenException | TaskDoesNotExistException | TaskTimedOutException gone) {
      return false;
    }
  }
}
