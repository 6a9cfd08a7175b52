package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.domain.GuardHold;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.SwitchChange;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.TaskStep;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.json.Json;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.workflow.UpgradeState;
import dev.sqlup.workflow.plan.DatabaseProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the switch time (ScheduledTime, OnApproval, switch now, reschedule) and the cutover
 * guards, end to end: template + state machine + real handlers + embedded engine (virtual time) +
 * dynalite. Every upgrade here ends with the data-loss proof: the target's last restored LSN equals
 * the tail's last LSN.
 */
class CutoverE2eTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  static final String DBA = "arn:aws:iam::123456789012:user/dba";

  @Test
  void scheduledTime_switchesAtThatTime_notBefore() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(small("rm-scheduled", Map.of(), Map.of()));
      Instant at = Instant.parse("2026-11-24T13:00:00Z");
      String taskId =
          world.submit(
              "rm-scheduled", request("ScheduledTime", "sched", Map.of("switchAt", at.toString())));
      // Item 4: the remaining time includes the wait for the scheduled time, from the submission
      // on.
      assertThat(world.task(taskId).remainingSeconds())
          .isGreaterThanOrEqualTo(Duration.between(T0, at).toSeconds());
      List<String> etaBelowTheWait = new ArrayList<>();
      for (String function : List.of("CatchUpFunction", "KeepShippingFunction")) {
        world.beforeRun.put(
            function,
            n -> {
              UpgradeTask t = world.task(taskId);
              if (world.now().isBefore(at)
                  && t.remainingSeconds() < Duration.between(world.now(), at).toSeconds()) {
                etaBelowTheWait.add(world.now() + " " + t.status() + " " + t.remainingSeconds());
              }
            });
      }

      ExecutionInfo execution = world.await(taskId);

      assertThat(etaBelowTheWait).isEmpty();

      assertSucceeded(execution);
      UpgradeTask task = world.task(taskId);
      assertThat(step(task, "pointOfNoReturn").startedAt())
          .isBetween(at, at.plus(Duration.ofMinutes(10)));
      assertThat(step(task, "restoreFull").endedAt()).isBefore(at);
      assertThat(world.eventTypes(taskId))
          .contains("UpgradeWaitingForWindow")
          .endsWith("UpgradeSucceeded");
      assertNoDataLoss(world, execution);
    }
  }

  @Test
  void scheduledTime_thatCannotBeReached_isRefused_andChangesNothing() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(small("rm-too-soon", Map.of(), Map.of()));

      APIGatewayProxyResponseEvent tooSoon =
          world.submitRaw(
              "rm-too-soon",
              request(
                  "ScheduledTime",
                  "soon",
                  Map.of("switchAt", T0.plus(Duration.ofMinutes(10)).toString())));
      APIGatewayProxyResponseEvent tooLate =
          world.submitRaw(
              "rm-too-soon",
              request(
                  "ScheduledTime",
                  "late",
                  Map.of("switchAt", T0.plus(Duration.ofDays(30)).toString())));
      APIGatewayProxyResponseEvent missing =
          world.submitRaw("rm-too-soon", request("ScheduledTime", "none", Map.of()));

      assertThat(tooSoon.getStatusCode()).isEqualTo(422);
      assertThat(tooSoon.getBody())
          .contains("ScheduledTimeUnreachable")
          .contains("at the earliest at 2026-11-24T08:");
      assertThat(tooLate.getStatusCode()).isEqualTo(422);
      assertThat(tooLate.getBody()).contains("ScheduledTimeUnreachable");
      assertThat(missing.getStatusCode()).isEqualTo(400);
      assertThat(missing.getBody()).contains("\"field\":\"switchAt\"");
      Instance instance = world.services.instances().get("rm-too-soon");
      assertThat(instance.activeTaskId()).isNull();
      assertThat(world.services.tasks().listByInstance("rm-too-soon", 10, null).items()).isEmpty();
    }
  }

  @Test
  void onApproval_waits_keepsCatchingUp_andSwitchesAfterPostSwitchover() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(small("rm-approval", Map.of(), Map.of()));
      String taskId = world.submit("rm-approval", request("OnApproval", "approval", Map.of()));
      Instant approveAt = T0.plus(Duration.ofHours(7));
      AtomicReference<Instant> approvedAt = new AtomicReference<>();
      Map<String, Integer> logBackupsAtApproval = new HashMap<>();
      List<Integer> refusedAfterNoReturn = new ArrayList<>();
      world.beforeRun.put(
          "KeepShippingFunction",
          n -> {
            if (approvedAt.get() == null && !world.now().isBefore(approveAt)) {
              UpgradeTask waiting = world.task(taskId);
              assertThat(waiting.status()).isEqualTo(TaskStatus.WaitingForApproval);
              assertThat(step(waiting, "waitForWindow").detail()).contains("OnApproval");
              logBackupsAtApproval.put(
                  "LOG_BACKUP", world.sim().effectCounts("rm-approval").get("LOG_BACKUP"));
              approvedAt.set(world.now());
              assertThat(world.switchover(taskId, DBA).getStatusCode()).isEqualTo(202);
            }
          });
      world.beforeRun.put(
          "MoveEndpointFunction",
          n -> {
            if (n == 1) {
              refusedAfterNoReturn.add(world.switchover(taskId, DBA).getStatusCode());
            }
          });

      ExecutionInfo execution = world.await(taskId);

      assertSucceeded(execution);
      UpgradeTask task = world.task(taskId);
      assertThat(approvedAt.get()).isNotNull();
      Instant noReturn = step(task, "pointOfNoReturn").startedAt();
      assertThat(noReturn)
          .isBetween(approvedAt.get(), approvedAt.get().plus(Duration.ofMinutes(15)));
      // Ready at about 08:35; a log round every 2 h while waiting kept the target current until
      // 15:00.
      assertThat(logBackupsAtApproval.get("LOG_BACKUP")).isGreaterThanOrEqualTo(4);
      assertThat(task.cutover().history())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.by()).isEqualTo(DBA);
                assertThat(c.action()).isEqualTo("SwitchNow");
                assertThat(c.at()).isEqualTo(approvedAt.get());
                assertThat(c.from()).isEqualTo("OnApproval");
              });
      assertThat(refusedAfterNoReturn).containsExactly(409);
      assertThat(
              world.eventTypes(taskId).stream().filter("UpgradeWaitingForApproval"::equals).count())
          .isEqualTo(1);
      assertThat(world.eventTypes(taskId)).contains("UpgradeSwitchRescheduled");
      assertNoDataLoss(world, execution);
    }
  }

  @Test
  void patch_movesAWaitingTaskFromItsScheduledTimeToTheMaintenanceWindow() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(small("rm-patch", Map.of(), Map.of()));
      Instant scheduled = Instant.parse("2026-11-25T03:00:00Z");
      String taskId =
          world.submit(
              "rm-patch",
              request("ScheduledTime", "patch", Map.of("switchAt", scheduled.toString())));
      AtomicReference<Instant> patchedAt = new AtomicReference<>();
      List<Integer> refused = new ArrayList<>();
      world.beforeRun.put(
          "KeepShippingFunction",
          n -> {
            if (patchedAt.get() == null && !world.now().isBefore(T0.plus(Duration.ofHours(2)))) {
              assertThat(world.task(taskId).status()).isEqualTo(TaskStatus.WaitingForSwitchWindow);
              refused.add(
                  world
                      .patchTask(
                          taskId,
                          Map.of(
                              "switchTime",
                              "ScheduledTime",
                              "switchAt",
                              T0.minus(Duration.ofHours(1)).toString()),
                          DBA)
                      .getStatusCode());
              patchedAt.set(world.now());
              APIGatewayProxyResponseEvent r =
                  world.patchTask(taskId, Map.of("switchTime", "MaintenanceWindow"), DBA);
              assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
            }
          });

      ExecutionInfo execution = world.await(taskId);

      assertSucceeded(execution);
      UpgradeTask task = world.task(taskId);
      Instant windowStart = Instant.parse("2026-11-24T18:00:00Z");
      assertThat(step(task, "pointOfNoReturn").startedAt())
          .isBetween(windowStart, windowStart.plus(Duration.ofHours(4)));
      assertThat(step(task, "switch").endedAt()).isBefore(windowStart.plus(Duration.ofHours(4)));
      assertThat(refused).containsExactly(422);
      SwitchChange change = task.cutover().history().get(0);
      assertThat(task.cutover().history()).hasSize(1);
      assertThat(change.by()).isEqualTo(DBA);
      assertThat(change.action()).isEqualTo("Reschedule");
      assertThat(change.at()).isEqualTo(patchedAt.get());
      assertThat(change.from()).isEqualTo("ScheduledTime 2026-11-25T03:00:00.000Z");
      assertThat(change.to()).isEqualTo("MaintenanceWindow");
      assertThat(world.eventTypes(taskId)).contains("UpgradeSwitchRescheduled");
      assertNoDataLoss(world, execution);
    }
  }

  @Test
  void openTransactionGuard_holdsTheSwitch_untilTheTransactionEnds() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      Instant txEnds = T0.plus(Duration.ofHours(2));
      world.register(
          small(
              "rm-guard-tx",
              Map.of(
                  "openTransactions",
                  List.of(
                      Map.of(
                          "database",
                          "sales",
                          "startedAt",
                          T0.toString(),
                          "endsAt",
                          txEnds.toString()))),
              Map.of()));
      String taskId =
          world.submit(
              "rm-guard-tx",
              request(
                  "Immediate",
                  "guard-tx",
                  Map.of(
                      "cutoverGuards",
                      Map.of("maxOpenTransactionMinutes", 10, "recheckSeconds", 60))));
      AtomicReference<UpgradeTask> duringHold = new AtomicReference<>();
      world.beforeRun.put(
          "KeepShippingFunction",
          n -> {
            if (duringHold.get() == null && !world.now().isBefore(T0.plus(Duration.ofHours(1)))) {
              duringHold.set(world.task(taskId));
            }
          });

      ExecutionInfo execution = world.await(taskId);

      assertSucceeded(execution);
      UpgradeTask held = duringHold.get();
      assertThat(held.status()).isEqualTo(TaskStatus.WaitingForCutoverGuard);
      GuardHold open = held.cutover().openHold();
      assertThat(open.guard()).isEqualTo(GuardHold.OPEN_TRANSACTION);
      assertThat(open.value())
          .isGreaterThanOrEqualTo(55); // the figures of the last check, at most 60 s ago
      assertThat(open.limit()).isEqualTo(10);
      assertThat(open.reason()).contains("database sales");
      UpgradeTask task = world.task(taskId);
      Instant noReturn = step(task, "pointOfNoReturn").startedAt();
      assertThat(noReturn).isBetween(txEnds, txEnds.plus(Duration.ofMinutes(10)));
      assertThat(task.cutover().holds())
          .singleElement()
          .satisfies(
              h -> {
                assertThat(h.guard()).isEqualTo(GuardHold.OPEN_TRANSACTION);
                assertThat(h.until()).isBetween(txEnds, noReturn);
              });
      assertThat(
              world.eventTypes(taskId).stream()
                  .filter("UpgradeCutoverGuardHolding"::equals)
                  .count())
          .isEqualTo(1);
      assertNoDataLoss(world, execution);
    }
  }

  @Test
  void logLagGuard_holdsTheSwitch_untilAnOperatorRaisesTheLimit() {
    guardHoldsThenLetsGo(
        "rm-guard-lag", Map.of("maxLogLagMb", 10), GuardHold.LOG_LAG, Map.of("maxLogLagMb", 500));
  }

  @Test
  void downtimeGuard_holdsTheSwitch_untilAnOperatorRaisesTheLimit() {
    guardHoldsThenLetsGo(
        "rm-guard-downtime",
        // The estimate (~55 s) is the lag's tail backup, its restore and recovery (the endpoint
        // moves meanwhile) and the opening: a 46 s limit holds.
        Map.of("maxDowntimeSeconds", 46),
        GuardHold.DOWNTIME,
        Map.of("maxDowntimeSeconds", 300));
  }

  /**
   * At the window start the final catch-up brings the lag down to what the log rate allows (one
   * round's worth, ~70 MB); a limit below that holds the switch — rounds keep being shipped at once
   * — until an operator raises it with {@code PATCH /tasks/{id}}; the next check lets the switch
   * go.
   */
  private void guardHoldsThenLetsGo(
      String instanceId, Map<String, Object> guards, String guard, Map<String, Object> relaxed) {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(small(instanceId, Map.of(), Map.of("maintenanceWindow", "18:00Z-22:00Z")));
      Map<String, Object> strict = new HashMap<>(guards);
      strict.put("recheckSeconds", 60);
      String taskId =
          world.submit(
              instanceId,
              request("MaintenanceWindow", instanceId, Map.of("cutoverGuards", strict)));
      Instant windowStart = Instant.parse("2026-11-24T18:00:00Z");
      Instant relaxAt = windowStart.plus(Duration.ofMinutes(40));
      AtomicReference<UpgradeTask> heldTask = new AtomicReference<>();
      world.beforeRun.put(
          "KeepShippingFunction",
          n -> {
            if (heldTask.get() == null && !world.now().isBefore(relaxAt)) {
              heldTask.set(world.task(taskId));
              Map<String, Object> body = new HashMap<>(relaxed);
              body.put("recheckSeconds", 60);
              APIGatewayProxyResponseEvent r =
                  world.patchTask(taskId, Map.of("cutoverGuards", body), DBA);
              assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
            }
          });

      ExecutionInfo execution = world.await(taskId);

      assertSucceeded(execution);
      UpgradeTask held = heldTask.get();
      assertThat(held.status()).isEqualTo(TaskStatus.WaitingForCutoverGuard);
      assertThat(held.cutover().openHold().guard()).isEqualTo(guard);
      assertThat(step(held, "waitForWindow").detail())
          .contains("cutover guard " + guard + " holds the switch");
      UpgradeTask task = world.task(taskId);
      assertThat(task.cutover().holds())
          .singleElement()
          .satisfies(
              h -> {
                assertThat(h.guard()).isEqualTo(guard);
                assertThat(h.since())
                    .isBetween(windowStart, windowStart.plus(Duration.ofMinutes(30)));
                assertThat(h.value()).isGreaterThan(h.limit());
                assertThat(h.until()).isBetween(relaxAt, relaxAt.plus(Duration.ofMinutes(10)));
              });
      assertThat(task.cutover().history())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.action()).isEqualTo("GuardsChanged");
                assertThat(c.by()).isEqualTo(DBA);
              });
      Instant noReturn = step(task, "pointOfNoReturn").startedAt();
      assertThat(noReturn).isBetween(relaxAt, relaxAt.plus(Duration.ofMinutes(15)));
      assertThat(step(task, "waitForWindow").detail()).contains("cutover guards passed");
      assertThat(
              world.eventTypes(taskId).stream()
                  .filter("UpgradeCutoverGuardHolding"::equals)
                  .count())
          .isEqualTo(1);
      GuardHold h = task.cutover().holds().get(0);
      System.out.printf(
          "E2E guard %s: held %s..%s (%d %s > %d), downtime %d s%n",
          guard, h.since(), h.until(), h.value(), h.unit(), h.limit(), task.downtimeSeconds());
      assertNoDataLoss(world, execution);
    }
  }

  @Test
  void logLagGuard_holdsDuringALogBurst_andLetsTheSwitchGoByItselfWhenItEnds() {
    // A long burst: the guard holds for more than two hours, many more log rounds than the
    // catch-up's round limit (24) are shipped meanwhile, and the upgrade neither fails nor waits
    // for an operator.
    burstHoldsThenClearsByItself(
        "rm-burst-lag", Map.of("maxLogLagMb", 150), GuardHold.LOG_LAG, 150);
  }

  @Test
  void downtimeGuard_holdsDuringALogBurst_andLetsTheSwitchGoByItselfWhenItEnds() {
    burstHoldsThenClearsByItself(
        "rm-burst-downtime", Map.of("maxDowntimeSeconds", 58), GuardHold.DOWNTIME, 40);
  }

  /**
   * A log burst (the source writes 3.5 times its usual 1 GB/h from 17:50 for {@code burstMinutes},
   * an index rebuild say) is going on when the window opens at 18:00: the final catch-up still
   * reaches its target, but the lag and the estimated tail the guards read come from the log the
   * simulated source actually generates, so the guard holds; catch-up rounds keep shipping while it
   * holds, and once the burst ends the lag falls and a re-check lets the switch go by itself, with
   * no operator action, inside the window.
   */
  private void burstHoldsThenClearsByItself(
      String instanceId, Map<String, Object> guards, String guard, int burstMinutes) {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      Instant burstStart = Instant.parse("2026-11-24T17:50:00Z");
      Instant burstEnd = burstStart.plus(Duration.ofMinutes(burstMinutes));
      world.register(
          small(
              instanceId,
              Map.of(
                  "logBursts",
                  List.of(
                      Map.of(
                          "startsAt",
                          burstStart.toString(),
                          "seconds",
                          burstMinutes * 60,
                          "factor",
                          3.5))),
              Map.of("maintenanceWindow", "18:00Z-22:00Z")));
      Map<String, Object> strict = new HashMap<>(guards);
      strict.put("recheckSeconds", 60);
      String taskId =
          world.submit(
              instanceId,
              request("MaintenanceWindow", instanceId, Map.of("cutoverGuards", strict)));
      Instant windowStart = Instant.parse("2026-11-24T18:00:00Z");
      Instant duringBurst = windowStart.plus(Duration.ofMinutes(15));
      AtomicReference<UpgradeTask> heldTask = new AtomicReference<>();
      world.beforeRun.put(
          "KeepShippingFunction",
          n -> {
            if (heldTask.get() == null && !world.now().isBefore(duringBurst)) {
              heldTask.set(world.task(taskId));
            }
          });

      ExecutionInfo execution = world.await(taskId);

      assertSucceeded(execution);
      UpgradeTask task = world.task(taskId);
      UpgradeTask held = heldTask.get();
      assertThat(held)
          .as("still waiting %s into the burst (switched at once?)", duringBurst)
          .isNotNull();
      assertThat(held.status()).isEqualTo(TaskStatus.WaitingForCutoverGuard);
      assertThat(held.cutover().openHold().guard()).isEqualTo(guard);
      assertThat(step(held, "waitForWindow").detail())
          .contains("cutover guard " + guard + " holds the switch");
      assertThat(task.cutover().history()).as("no operator action, no reschedule").isEmpty();
      assertThat(task.cutover().holds())
          .singleElement()
          .satisfies(
              h -> {
                assertThat(h.guard()).isEqualTo(guard);
                assertThat(h.since())
                    .isBetween(windowStart, windowStart.plus(Duration.ofMinutes(30)));
                assertThat(h.value()).isGreaterThan(h.limit());
                assertThat(h.until()).isBetween(burstEnd, burstEnd.plus(Duration.ofMinutes(20)));
              });
      Instant noReturn = step(task, "pointOfNoReturn").startedAt();
      assertThat(noReturn)
          .isBetween(burstEnd, burstEnd.plus(Duration.ofMinutes(25)))
          .isBefore(Instant.parse("2026-11-24T22:00:00Z"));
      assertThat(step(task, "waitForWindow").detail()).contains("cutover guards passed");
      assertThat(
              world.eventTypes(taskId).stream()
                  .filter("UpgradeCutoverGuardHolding"::equals)
                  .count())
          .isEqualTo(1);
      GuardHold h = task.cutover().holds().get(0);
      System.out.printf(
          "E2E burst guard %s: held %s..%s (%d %s > %d), switch %s, downtime %d s%n",
          guard,
          h.since(),
          h.until(),
          h.value(),
          h.unit(),
          h.limit(),
          noReturn,
          task.downtimeSeconds());
      assertNoDataLoss(world, execution);
    }
  }

  @Test
  void aGuardStillHoldingWhenTheWindowCloses_rollsTheSwitchToTheNextWindow() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(
          small(
              "rm-guard-roll",
              Map.of(
                  "openTransactions",
                  List.of(
                      Map.of(
                          "database",
                          "sales",
                          "startedAt",
                          "2026-11-24T17:00:00Z",
                          "endsAt",
                          "2026-11-24T23:30:00Z"))),
              Map.of("maintenanceWindow", "18:00Z-22:00Z")));
      String taskId = world.submit("rm-guard-roll", request("MaintenanceWindow", "roll", Map.of()));

      ExecutionInfo execution = world.await(taskId);

      assertSucceeded(execution);
      UpgradeTask task = world.task(taskId);
      Instant nextStart = Instant.parse("2026-11-25T18:00:00Z");
      assertThat(step(task, "pointOfNoReturn").startedAt())
          .isBetween(nextStart, nextStart.plus(Duration.ofMinutes(15)));
      assertThat(task.cutover().holds())
          .singleElement()
          .satisfies(
              h -> {
                assertThat(h.guard()).isEqualTo(GuardHold.OPEN_TRANSACTION);
                assertThat(h.until()).isBefore(Instant.parse("2026-11-24T22:00:00Z"));
              });
      assertThat(task.cutover().history())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.by()).isEqualTo("sqlup");
                assertThat(c.action()).isEqualTo("RolledToNextWindow");
                assertThat(c.to()).contains("2026-11-25T18:00:00.000Z");
              });
      assertThat(task.warnings())
          .anyMatch(w -> w.startsWith("WaitingForNextWindow") && w.contains("openTransaction"));
      assertThat(world.eventTypes(taskId))
          .contains("UpgradeCutoverGuardHolding", "UpgradeSwitchRescheduled");
      assertNoDataLoss(world, execution);
    }
  }

  // ------------------------------------------------------------------------------------------------

  /**
   * One 10 GB database writing 1 GB of log an hour: ready to switch about 35 min after the
   * submission.
   */
  static Map<String, Object> small(
      String instanceId, Map<String, Object> simulation, Map<String, Object> extra) {
    return Fixtures.instance(
        instanceId, 1.0, List.of(Fixtures.database("sales", 10)), simulation, extra);
  }

  static Map<String, Object> request(String switchTime, String token, Map<String, Object> more) {
    Map<String, Object> body = new HashMap<>(Fixtures.upgradeTo2022(switchTime, token));
    body.putAll(more);
    return body;
  }

  static void assertSucceeded(ExecutionInfo execution) {
    assertThat(execution.status())
        .as(execution.error() + " " + execution.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  /**
   * The target's last restored LSN of every database is its tail-log backup's last LSN; and every
   * event of the three this change adds validates against its schema (schemas/events/).
   */
  static void assertNoDataLoss(UpgradeWorld world, ExecutionInfo execution) {
    assertNewEventsValidate(world);
    UpgradeState end = Json.read(execution.output(), UpgradeState.class);
    assertThat(end.databases()).isNotEmpty();
    for (DatabaseProgress db : end.databases()) {
      assertThat(db.tail()).as(db.name()).isNotNull();
      assertThat(world.sim().lastRestoredLsn(end.target(), db.name()))
          .as(db.name())
          .isEqualTo(db.tail().lastLsn());
    }
  }

  static final List<String> NEW_EVENTS =
      List.of(
          "UpgradeWaitingForApproval", "UpgradeCutoverGuardHolding", "UpgradeSwitchRescheduled");

  static void assertNewEventsValidate(UpgradeWorld world) {
    for (com.fasterxml.jackson.databind.JsonNode entry : world.events) {
      String type = entry.path("DetailType").asText();
      if (!NEW_EVENTS.contains(type)) {
        continue;
      }
      com.networknt.schema.JsonSchema schema;
      try (java.io.InputStream in =
          java.nio.file.Files.newInputStream(
              UpgradeWorld.ROOT.resolve("schemas/events/" + type + ".json"))) {
        schema =
            com.networknt.schema.JsonSchemaFactory.getInstance(
                    com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(in);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      assertThat(schema.validate(UpgradeWorld.detail(entry))).as(type + " " + entry).isEmpty();
    }
  }

  static TaskStep step(UpgradeTask task, String name) {
    return task.steps().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + name + " in " + task.steps()));
  }
}
