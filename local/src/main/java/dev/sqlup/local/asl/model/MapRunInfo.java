package dev.sqlup.local.asl.model;

import java.time.Instant;

/**
 * What DescribeMapRun returns for one Distributed Map run; {@code stopDate} is null while it runs.
 * {@code status}: RUNNING, SUCCEEDED, FAILED or ABORTED.
 */
public record MapRunInfo(
    String mapRunArn,
    String executionArn,
    String stateMachineArn,
    String status,
    Instant startDate,
    Instant stopDate,
    int maxConcurrency,
    double toleratedFailurePercentage,
    long toleratedFailureCount,
    Counts itemCounts,
    Counts executionCounts) {

  /** Item or child-execution counts, as the API's MapRunItemCounts / MapRunExecutionCounts. */
  public record Counts(
      long pending,
      long running,
      long succeeded,
      long failed,
      long timedOut,
      long aborted,
      long total) {}
}
