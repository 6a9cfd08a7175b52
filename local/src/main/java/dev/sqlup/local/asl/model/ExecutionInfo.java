package dev.sqlup.local.asl.model;

import java.time.Instant;

/**
 * What DescribeExecution returns; {@code output}, {@code error}, {@code cause}, {@code stopDate}
 * may be null.
 */
public record ExecutionInfo(
    String executionArn,
    String stateMachineArn,
    String name,
    ExecutionStatus status,
    Instant startDate,
    Instant stopDate,
    String input,
    String output,
    String error,
    String cause) {}
