package dev.sqlup.domain;

import java.time.Instant;

/**
 * One change of a task's switch time, in its history: who asked ({@code by}: the caller's identity,
 * or {@code sqlup} for a change the workflow made, such as rolling to the next window), when, what
 * ({@code action}: {@code SwitchNow}, {@code Reschedule}, {@code GuardsChanged}, {@code
 * RolledToNextWindow}) and the old and new setting in words.
 */
public record SwitchChange(Instant at, String by, String action, String from, String to) {}
