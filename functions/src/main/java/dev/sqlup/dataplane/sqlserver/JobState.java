package dev.sqlup.dataplane.sqlserver;

import java.util.List;

/**
 * What msdb says about one Agent job: whether it exists, was asked to run, is running, and how its
 * last run ended ({@code sysjobhistory.run_status} of the job outcome row: 0 failed, 1 succeeded, 2
 * retry, 3 canceled, 4 in progress).
 */
public record JobState(
    boolean exists,
    boolean requested,
    boolean running,
    boolean interrupted,
    Integer outcome,
    String outcomeMessage,
    List<String> failedSteps) {

  public static final JobState MISSING =
      new JobState(false, false, false, false, null, null, List.of());

  public boolean succeeded() {
    return outcome != null && outcome == 1 && !running;
  }

  public boolean failed() {
    return interrupted || (outcome != null && (outcome == 0 || outcome == 3) && !running);
  }

  /** The failure as one line: the failed steps' messages, else the job outcome message. */
  public String failureReason() {
    if (interrupted) {
      return "JOB_INTERRUPTED: SQL Server Agent restarted while the job ran";
    }
    return "JOB_FAILED: "
        + (failedSteps.isEmpty()
            ? String.valueOf(outcomeMessage)
            : String.join(" | ", failedSteps));
  }
}
