package dev.sqlup.domain;

import java.time.Instant;

/** One step of an upgrade task, named after an estimator phase (see {@link Estimate#PHASES}). */
public record TaskStep(
    String name, StepStatus status, Instant startedAt, Instant endedAt, String detail) {}
