package dev.sqlup.local.asl.model;

import java.time.Instant;

/**
 * What DescribeExecution returns; {@code output}, {@code error}, {@code cause}, {@code stopDate}
 * may be null. {@code mapRunArn} names the Map Run that dispatched a Distributed Map child (null
 * for any other execution); {@code itemCount} is the child's number of items (null unless listed by
 * its Map Run).
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
    String cause,
    String mapRunArn,
    Integer itemCount) {

  /** An execution not dispatched by a Map Run. */
  public ExecutionInfo(
      String executionArn,
      String stateMachineArn,
      String name,
      ExecutionStatus status,
      Instant startDate,
      Instant stopDate,
      String input,
      String output,
      String error,
      String cause) {
    this(
        executionArn,
        stateMachineArn,
        name,
        status,
        startDate,
        stopDate,
        input,
        output,
        error,
        cause,
        null,
        null);
  }

  /** The same description as a child of Map Run {@code arn} with {@code items} items. */
  public ExecutionInfo inMapRun(String arn, Integer items) {
    return new ExecutionInfo(
        executionArn,
        stateMachineArn,
        name,
        status,
        startDate,
        stopDate,
        input,
        output,
        error,
        cause,
        arn,
        items);
  }
}
