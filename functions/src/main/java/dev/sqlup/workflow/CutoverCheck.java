package dev.sqlup.workflow;

import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.dataplane.EndpointTtl;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.OpenTransaction;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.domain.DowntimeEstimate;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.Speeds;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.UpgradeTask;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The figures the cutover guards look at, from the payload, the task and the data plane. */
final class CutoverCheck {
  /**
   * The TTL the endpoint record is lowered to when the switch becomes due (at least one old TTL
   * before the move).
   */
  static final long LOWERED_TTL_SECONDS = DowntimeEstimate.LOWERED_TTL_SECONDS;

  /** From the endpoint move's start until the endpoint resolves to the target for every client. */
  static final long ENDPOINT_SECONDS = DowntimeEstimate.ENDPOINT_SECONDS;

  /**
   * The endpoint record's TTL, lowered once per task (idempotent); the step {@code
   * lowerEndpointTtl} says so.
   */
  static EndpointTtl lowerTtl(Workflow workflow, UpgradeTask task, Instance instance, Instant now) {
    EndpointTtl ttl =
        workflow
            .dataPlanes()
            .of(instance)
            .plane()
            .lowerEndpointTtl(
                OperationKey.of(task.taskId(), OperationKind.LOWER_ENDPOINT_TTL),
                Refs.source(instance),
                LOWERED_TTL_SECONDS);
    if (TaskSteps.find(task.steps(), LOWER_TTL_STEP).isEmpty()) {
      String detail =
          ttl.ttlSeconds() < ttl.cachedTtlSeconds()
              ? "endpoint "
                  + instance.endpoint()
                  + " TTL "
                  + ttl.cachedTtlSeconds()
                  + " s -> "
                  + ttl.ttlSeconds()
                  + " s; the endpoint moves no earlier than "
                  + Messages.instant(ttl.oldAnswersExpireAt())
                  + " (one old TTL later), so every client re-resolves within "
                  + ttl.ttlSeconds()
                  + " s of the move"
              : "endpoint " + instance.endpoint() + " TTL already " + ttl.ttlSeconds() + " s";
      workflow
          .records()
          .updateTask(
              task.taskId(),
              t ->
                  t.progressed(
                      t.status(),
                      t.currentStep(),
                      t.progress(),
                      t.remainingSecondsAt(now),
                      TaskSteps.finished(
                          t.steps(), LOWER_TTL_STEP, StepStatus.Succeeded, ttl.loweredAt(), detail),
                      now));
    }
    return ttl;
  }

  static final String LOWER_TTL_STEP = "lowerEndpointTtl";

  private CutoverCheck() {}

  static double logGbPerHour(UpgradeTask task) {
    Speeds speeds =
        task.estimate() != null
            ? task.estimate().speeds()
            : Speeds.guide(task.source().sqlEdition());
    return speeds.logGbPerHour();
  }

  /** The downtime with empty tails: the fixed costs only. */
  static long fixedDowntimeSeconds(UpgradeTask task) {
    return DowntimeEstimate.of(
            List.of(0L), logGbPerHour(task), task.acceleratedDatabaseRecovery(), ENDPOINT_SECONDS)
        .totalSeconds();
  }

  /**
   * Each database's tail if the switch began now, as the cutover guards see it: the log the source
   * generated since its last backup began, read from the data plane (so a burst of log shows, and
   * the figure falls as catch-up rounds ship it), or modelled from the log rate when the data plane
   * cannot read it.
   */
  static List<Long> tailBytes(
      Workflow workflow, Instance instance, UpgradeState state, Instant now) {
    DataPlane plane = workflow.dataPlanes().of(instance).plane();
    InstanceRef source = Refs.source(instance);
    return state.databases().stream()
        .map(
            db ->
                plane
                    .logSinceLastBackup(source, db.name())
                    .orElseGet(() -> workflow.planner().unshippedBytes(db, now)))
        .toList();
  }

  static DowntimeEstimate downtime(UpgradeTask task, List<Long> tails) {
    return DowntimeEstimate.of(
        tails, logGbPerHour(task), task.acceleratedDatabaseRecovery(), ENDPOINT_SECONDS);
  }

  static String where(Optional<OpenTransaction> tx) {
    return tx.map(
            t ->
                "database "
                    + t.database()
                    + " (session "
                    + t.session()
                    + ", began "
                    + Messages.instant(t.startedAt())
                    + ")")
        .orElse("-");
  }
}
