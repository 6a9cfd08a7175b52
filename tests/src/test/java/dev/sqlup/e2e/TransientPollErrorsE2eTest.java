package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.HistoryEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * F5 (docs/RELIABILITY.md) on the real state machine: a failed status read is "no news" for that
 * one database this round, so an upgrade whose polls fail a third of the time still succeeds
 * without ever reaching the Catch, and nothing runs twice. The faults are the simulated data
 * plane's seeded transient faults from the instance's simulation profile (they hit starts too,
 * which the Retry blocks absorb).
 */
class TransientPollErrorsE2eTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  @Test
  void aThirdOfAllPollsFailing_theUpgradeSucceeds_withoutCompensation_andNothingRunsTwice() {
    int cleanInvocations = upgradeInvocations(Map.of());
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(
          Fixtures.instance(
              "rm-poll-many",
              2,
              databases(),
              Map.of("faults", Map.of("seed", 20261124, "transientProbability", 0.33)),
              Map.of()));
      String taskId =
          world.submit("rm-poll-many", Fixtures.upgradeTo2022("Immediate", "poll-many"));

      ExecutionInfo execution = world.await(taskId);

      assertThat(execution.status())
          .as(world.task(taskId).failureReason() + " " + execution.cause())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(world.task(taskId).status()).isEqualTo(TaskStatus.Succeeded);
      assertThat(world.invokedFunctions()).doesNotContain("CompensateFunction");
      Map<String, Integer> effects = world.sim().effectCounts("rm-poll-many");
      for (String perDatabase :
          List.of("FULL_BACKUP", "RESTORE_FULL", "TAIL_LOG_BACKUP", "RESTORE_TAIL_WITH_RECOVERY")) {
        assertThat(effects).as(perDatabase).containsEntry(perDatabase, 3);
      }
      assertThat(effects).containsEntry("CREATE_TARGET", 1).containsEntry("MOVE_ENDPOINT", 1);
      assertThat(effects.get("RESTORE_LOG")).isEqualTo(effects.get("LOG_BACKUP"));
      // The faults did hit polls: invocations that succeeded while a database's status read failed
      // (its
      // pollFailingSince set in the state they returned), and the phases ran more often than
      // without faults.
      long noNewsInvocations =
          world.history(taskId).stream()
              .filter(e -> e.type().equals("LambdaFunctionSucceeded"))
              .filter(TransientPollErrorsE2eTest::someDatabaseHadNoNews)
              .count();
      System.out.printf(
          "E2E polls failing: %d successful invocations carried a failed poll%n",
          noNewsInvocations);
      assertThat(noNewsInvocations).isGreaterThan(10);
      int invocations =
          world.invocations.values().stream()
              .mapToInt(java.util.concurrent.atomic.AtomicInteger::get)
              .sum();
      assertThat(invocations).isGreaterThan(cleanInvocations);
    }
  }

  private static boolean someDatabaseHadNoNews(HistoryEvent event) {
    try {
      JsonNode output = UpgradeWorld.JSON.readTree(event.details().path("output").asText("{}"));
      for (JsonNode db : output.path("databases")) {
        if (db.hasNonNull("pollFailingSince")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Map<String, Object>> databases() {
    return List.of(
        Fixtures.database("sales", 120),
        Fixtures.database("hr", 40),
        Fixtures.database("audit", 8));
  }

  private static int upgradeInvocations(Map<String, Object> simulationExtra) {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(Fixtures.instance("rm-poll-clean", 2, databases(), simulationExtra, Map.of()));
      String taskId =
          world.submit("rm-poll-clean", Fixtures.upgradeTo2022("Immediate", "poll-clean"));
      assertThat(world.await(taskId).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      return world.invocations.values().stream()
          .mapToInt(java.util.concurrent.atomic.AtomicInteger::get)
          .sum();
    }
  }
}
