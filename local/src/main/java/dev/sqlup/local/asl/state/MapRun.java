package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.MapRunInfo;
import java.time.Instant;

/**
 * One Distributed Map run as it progresses: its settings (UpdateMapRun may change them while it
 * runs), its item and child-execution counts, and per item (or batch) the child execution started
 * for it and, once it ended, its contribution to the result. Thread-safe: the Map state updates it,
 * the API reads it. A durable engine journals all of it in the parent's journal, so a Map Run
 * survives a restart (see {@code MapRunRegistry}).
 */
public final class MapRun {
  private final String arn;
  private final String executionArn;
  private final String childMachineArn;
  private final String branch;
  private final String stateName;
  private final boolean express;
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
  private final String[] children;
  private final JsonNode[] results;
  private volatile boolean resumed;

  /**
   * {@code branch} and {@code stateName}: where in the parent the Map state runs (a resumed parent
   * finds its Map Run by them); {@code express}: ProcessorConfig ExecutionType EXPRESS.
   */
  public MapRun(
      String arn,
      String executionArn,
      String childMachineArn,
      String branch,
      String stateName,
      boolean express,
      Instant startDate,
      int maxConcurrency,
      Double toleratedPercentage,
      Long toleratedCount,
      int items,
      int executions) {
    this.arn = arn;
    this.executionArn = executionArn;
    this.childMachineArn = childMachineArn;
    this.branch = branch;
    this.stateName = stateName;
    this.express = express;
    this.startDate = startDate;
    this.maxConcurrency = maxConcurrency;
    this.toleratedPercentage = toleratedPercentage;
    this.toleratedCount = toleratedCount;
    this.items = items;
    this.executions = executions;
    this.children = new String[executions];
    this.results = new JsonNode[executions];
  }

  public String branch() {
    return branch;
  }

  public String stateName() {
    return stateName;
  }

  public Instant startDate() {
    return startDate;
  }

  /** As set (null = not set), unlike {@link #info()} which reports 0. */
  public synchronized Double toleratedPercentage() {
    return toleratedPercentage;
  }

  public synchronized Long toleratedCount() {
    return toleratedCount;
  }

  public boolean express() {
    return express;
  }

  /** True for a Map Run read back from the journal that its Map state has picked up again. */
  public boolean resumed() {
    return resumed;
  }

  public void markResumed() {
    resumed = true;
  }

  /** The child execution started for input {@code index}, or null if none was yet. */
  public synchronized String child(int index) {
    return children[index];
  }

  /** What input {@code index} contributed to the result once its child ended, else null. */
  public synchronized JsonNode result(int index) {
    return results[index];
  }

  public synchronized String status() {
    return status;
  }

  /** A child was started (or, replayed from the journal, had been) for input {@code index}. */
  public synchronized void childStarted(int index, String childArn, int itemCount) {
    children[index] = childArn;
    started(itemCount);
  }

  /** The child of input {@code index} ended (or, replayed, had ended) with this contribution. */
  public synchronized void childEnded(
      int index, int itemCount, ExecutionStatus end, JsonNode result) {
    if (results[index] == null) {
      results[index] = result;
      ended(itemCount, end);
    }
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

  private void started(int itemCount) {
    runningItems += itemCount;
    runningExecutions++;
  }

  private void ended(int itemCount, ExecutionStatus end) {
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

  public synchronized void finish(String endStatus, Instant when) {
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
