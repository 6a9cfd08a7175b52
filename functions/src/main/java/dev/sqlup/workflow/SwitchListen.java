package dev.sqlup.workflow;

/**
 * The waiting loop's listener payload (state {@code WaitForSwitch}, branch {@code
 * ListenForChange}).
 *
 * @param taskId the upgrade task
 * @param instanceId its instance (read for a maintenance-window switch)
 * @param switchPlan the plan the loop sleeps on: what the last round decided
 * @param taskToken the listener task's token ({@code $$.Task.Token})
 */
public record SwitchListen(
    String taskId, String instanceId, SwitchPlan switchPlan, String taskToken) {}
