package dev.sqlup.local.asl.state;

import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.MapRunInfo;
import java.time.Instant;

/**
 * One Distributed Map run as it progresses: its settings (UpdateMapRun may change them while it
 * runs) and its item and child-execution counts. Thread-safe: the Map state updates it, the API
 * reads it.
 */
public final class MapRun {
  private final String arn;
  private final String executionArn;
  private final String childMachineArn;
  private final Instant startDate;
  private final int items;
  private final int executions;
  private int maxConcurrency;
  // null = not set; with neither set, any failure fails the run
  private Double toleratedPercentage;
  private Long toleratedCount;
  private String status = "RUNNING";
  private Instant stopDate;
  private long runningItems;
  private long runningExecutions;
  private final long[] itemsBy = new long[ExecutionStatus.values().length];
  private final long[] executionsBy = new long[ExecutionStatus.values().length];

  public MapRun(
      String arn,
      String executionArn,
      String childMachineArn,
      Instant startDate,
      int maxConcurrency,
      Double toleratedPercentage,
      Long toleratedCount,
      int items,
      int executions) {
    this.arn = arn;
    this.executionArn = executionArn;
    this.childMachineArn = childMachineArn;
    this.startDate = startDate;
    this.maxConcurrency = maxConcurrency;
    this.toleratedPercentage = toleratedPercentage;
    this.toleratedCount = toleratedCount;
    this.items = items;
    this.executions = executions;
  }

  public String arn() {
    return arn;
  }

  public String executionArn() {
    return executionArn;
  }

  /** The ARN the children's executions carry as their state machine: {@code <machine>/<label>}. */
  public String childMachineArn() {
    return childMachineArn;
  }

  public synchronized int maxConcurrency() {
    return maxConcurrency;
  }

  /** UpdateMapRun: null leaves a setting as it is. */
  public synchronized void update(Integer newMaxConcurrency, Double newPercentage, Long newCount) {
    if (newMaxConcurrency != null) {
      maxConcurrency = newMaxConcurrency;
    }
    if (newPercentage != null) {
      toleratedPercentage = newPercentage;
    }
    if (newCount != null) {
      toleratedCount = newCount;
    }
  }

  synchronized void started(int itemCount) {
    runningItems += itemCount;
    runningExecutions++;
  }

  synchronized void ended(int itemCount, ExecutionStatus end) {
    runningItems -= itemCount;
    runningExecutions--;
    itemsBy[end.ordinal()] += itemCount;
    executionsBy[end.ordinal()]++;
  }

  /**
   * Developer guide "Setting failure thresholds for Distributed Map states": the run fails when the
   * failed items exceed ToleratedFailureCount or their share exceeds ToleratedFailurePercentage.
   */
  synchronized boolean thresholdExceeded() {
    long failed = failedItems();
    if (toleratedPercentage == null && toleratedCount == null) {
      return failed > 0;
    }
    return (toleratedCount != null && failed > toleratedCount)
        || (toleratedPercentage != null
            && items > 0
            && failed * 100.0 / items > toleratedPercentage);
  }

  private long failedItems() {
    return itemsBy[ExecutionStatus.FAILED.ordinal()]
        + itemsBy[ExecutionStatus.TIMED_OUT.ordinal()]
        + itemsBy[ExecutionStatus.ABORTED.ordinal()];
  }

  synchronized void finish(String endStatus, Instant when) {
    if (stopDate == null) {
      status = endStatus;
      stopDate = when;
    }
  }

  public synchronized MapRunInfo info() {
    return new MapRunInfo(
        arn,
        executionArn,
        childMachineArn,
        status,
        startDate,
        stopDate,
        maxConcurrency,
        toleratedPercentage == null ? 0 : toleratedPercentage,
        toleratedCount == null ? 0 : toleratedCount,
        counts(itemsBy, runningItems, items),
        counts(executionsBy, runningExecutions, executions));
  }

  private static MapRunInfo.Counts counts(long[] by, long running, long total) {
    long succeeded = by[ExecutionStatus.SUCCEEDED.ordinal()];
    long failed = by[ExecutionStatus.FAILED.ordinal()];
    long timedOut = by[ExecutionStatus.TIMED_OUT.ordinal()];
    long aborted = by[ExecutionStatus.ABORTED.ordinal()];
    long pending = total - running - succeeded - failed - timedOut - aborted;
    return new MapRunInfo.Counts(pending, running, succeeded, failed, timedOut, aborted, total);
  }
}
