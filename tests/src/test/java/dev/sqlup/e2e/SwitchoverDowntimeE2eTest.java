package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.domain.TaskStep;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The switchover downtime (tail-log backup start → databases open to applications and the endpoint
 * resolving to the target for every client) of the cases docs/BENCHMARKS.md lists, end to end on
 * the template, the state machine, the real handlers and the simulated data plane at the guide's
 * speeds, with its breakdown from the task's steps. Each case must succeed with the data-loss proof
 * (target LSN = tail LSN), restore every tail WITH RECOVERY, RESTRICTED_USER in one statement, move
 * the endpoint while the tails are restored and open the databases (SET MULTI_USER) only after both
 * the LSN check and the endpoint; the critical path must add up to the downtime. The figures go as
 * JSON lines to {@code tests/target/switchover-downtime.jsonl} for {@code
 * bench/switchover-downtime.sh}, which records them (bench/record.mjs); nothing here asserts a
 * figure's value beyond the old upper bound of 5 minutes.
 */
class SwitchoverDowntimeE2eTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  record Case(
      String key,
      String title,
      List<Map<String, Object>> databases,
      String switchTime,
      boolean accelerated) {}

  /**
   * The critical path (tail backup, restore and check, endpoint past the restore, hand-over, open)
   * adds up to the downtime; {@code endpoint} ran in parallel with the restore from {@code
   * endpointStart} seconds after writes stopped.
   */
  record Measured(
      Case c,
      long downtime,
      long tailBackup,
      long tailRestoreAndCheck,
      long endpoint,
      long endpointStart,
      long endpointAfterRestore,
      long handOver,
      long open,
      String detail) {}

  static final List<Case> CASES =
      List.of(
          new Case(
              "worked example",
              "worked example, 1 × 600 GB, Immediate",
              List.of(Fixtures.database("sales", 600)),
              "Immediate",
              false),
          new Case(
              "worked example with ADR",
              "worked example, Accelerated Database Recovery on",
              List.of(Fixtures.database("sales", 600)),
              "Immediate",
              true),
          new Case(
              "100 GB window",
              "100 GB, MaintenanceWindow",
              List.of(Fixtures.database("sales", 100)),
              "MaintenanceWindow",
              false),
          new Case(
              "10 TB",
              "10 TB, 1 database",
              List.of(Fixtures.database("sales", 10_000)),
              "Immediate",
              false),
          new Case(
              "4 × 150 GB",
              "4 × 150 GB",
              IntStream.rangeClosed(1, 4)
                  .mapToObj(i -> Fixtures.database("db" + i, 150))
                  .collect(Collectors.toList()),
              "Immediate",
              false));

  @Test
  void everyCase_switchesWithTheTailRestoredWithRecovery_andTheBreakdownAddsUp() throws Exception {
    List<Measured> measured = new ArrayList<>();
    for (Case c : CASES) {
      measured.add(run(c));
    }
    List<String> lines = new ArrayList<>();
    Map<String, Object> figures = new LinkedHashMap<>();
    for (Measured m : measured) {
      lines.add(
          "{\"run\":{\"case\":\""
              + m.c().title()
              + "\",\"downtimeSeconds\":"
              + m.downtime()
              + ",\"tailBackupSeconds\":"
              + m.tailBackup()
              + ",\"tailRestoreWithRecoveryRestrictedUserAndLsnCheckSeconds\":"
              + m.tailRestoreAndCheck()
              + ",\"endpointSwitchSecondsInParallel\":"
              + m.endpoint()
              + ",\"endpointStartAfterWritesStopSeconds\":"
              + m.endpointStart()
              + ",\"endpointAfterRestoreSeconds\":"
              + m.endpointAfterRestore()
              + ",\"handOverSeconds\":"
              + m.handOver()
              + ",\"openSeconds\":"
              + m.open()
              + ",\"detail\":\""
              + m.detail().replace("\\", "\\\\").replace("\"", "\\\"")
              + "\"}}");
      figures.put(m.c().key() + ": downtime (s)", m.downtime());
      if (m.c().key().startsWith("worked example")) {
        figures.put(m.c().key() + ": tail-log backup (s)", m.tailBackup());
        figures.put(
            m.c().key() + ": tail restore WITH RECOVERY, RESTRICTED_USER + LSN check (s)",
            m.tailRestoreAndCheck());
        figures.put(
            m.c().key() + ": endpoint switch, in parallel with the restore (s)", m.endpoint());
        figures.put(m.c().key() + ": endpoint past the restore (s)", m.endpointAfterRestore());
        figures.put(m.c().key() + ": hand-over (s)", m.handOver());
        figures.put(m.c().key() + ": open, SET MULTI_USER (s)", m.open());
      }
    }
    lines.add(
        "{\"figures\":{"
            + figures.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(","))
            + "}}");
    Path out = UpgradeWorld.ROOT.resolve("tests/target/switchover-downtime.jsonl");
    Files.createDirectories(out.getParent());
    Files.writeString(out, String.join("\n", lines) + "\n");
    lines.forEach(l -> System.out.println("E2E downtime " + l));
  }

  private static Measured run(Case c) {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      String id =
          "rm-dt-"
              + c.key()
                  .toLowerCase(java.util.Locale.ROOT)
                  .replaceAll("[^a-z0-9]+", "-")
                  .replaceAll("^-|-$", "");
      world.register(
          Fixtures.instance(
              id, Fixtures.GB_PER_HOUR_FOR_10_GB_OF_LOG, c.databases(), Map.of(), Map.of()));
      Map<String, Object> request = new HashMap<>(Fixtures.upgradeTo2022(c.switchTime(), id));
      if (c.accelerated()) {
        request.put("acceleratedDatabaseRecovery", true);
      }
      String taskId = world.submit(id, request);

      ExecutionInfo execution = world.await(taskId);

      assertThat(execution.status())
          .as(c.title() + ": " + world.task(taskId).failureReason())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      CutoverE2eTest.assertNoDataLoss(world, execution);
      Map<String, Integer> effects = world.sim().effectCounts(id);
      assertThat(effects)
          .as(c.title())
          .containsEntry("RESTORE_TAIL_WITH_RECOVERY", c.databases().size())
          .containsEntry("MOVE_ENDPOINT", 1)
          .containsEntry("OPEN_DATABASES", 1)
          .doesNotContainKey("RESTORE_TAIL")
          .doesNotContainKey("RECOVER_TARGET")
          .doesNotContainKey("MOVE_ENDPOINT_BACK");
      UpgradeTask task = world.task(taskId);
      Instant writesStop = step(task, "pointOfNoReturn").startedAt();
      TaskStep restore = step(task, "restoreDatabases");
      assertThat(restore.detail()).contains("target LSN = tail LSN", "RESTRICTED_USER");
      TaskStep move = step(task, "endpointMove");
      TaskStep open = step(task, "openDatabases");
      Instant resolved = move.endedAt();
      // The overlap: the endpoint moves while the tails are restored ...
      assertThat(move.startedAt()).as(c.title()).isBefore(restore.endedAt());
      // ... and the databases open only after both the LSN check and the endpoint.
      assertThat(open.startedAt())
          .as(c.title() + ": opened after the LSN check and the endpoint")
          .isAfterOrEqualTo(restore.endedAt())
          .isAfterOrEqualTo(resolved);
      long downtime = task.downtimeSeconds();
      Instant ready = resolved.isAfter(restore.endedAt()) ? resolved : restore.endedAt();
      Measured m =
          new Measured(
              c,
              downtime,
              seconds(writesStop, restore.startedAt()),
              seconds(restore.startedAt(), restore.endedAt()),
              seconds(move.startedAt(), resolved),
              seconds(writesStop, move.startedAt()),
              seconds(restore.endedAt(), ready),
              seconds(ready, open.startedAt()),
              seconds(open.startedAt(), open.endedAt()),
              move.detail());
      assertThat(
              m.tailBackup()
                  + m.tailRestoreAndCheck()
                  + m.endpointAfterRestore()
                  + m.handOver()
                  + m.open())
          .as(c.title() + " breakdown")
          .isBetween(downtime - 1, downtime + 1);
      assertThat(downtime).as(c.title()).isEqualTo(seconds(writesStop, open.endedAt()));
      assertThat(downtime).as(c.title()).isLessThan(300);
      return m;
    }
  }

  private static TaskStep step(UpgradeTask task, String name) {
    return task.steps().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + name + " in " + task.steps()));
  }

  private static long seconds(Instant from, Instant to) {
    return Duration.between(from, to).toSeconds();
  }
}
