package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.domain.Estimator;
import dev.sqlup.domain.SqlEdition;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.proof.BenchmarkLines;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class PipeliningAndConcurrencyE2eTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  @Test
  void fourDatabases_arePipelined_inAtMost65PercentOfTheGuidesSerialTime() {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(
          Fixtures.instance(
              "rm-e2e-four",
              Fixtures.GB_PER_HOUR_FOR_10_GB_OF_LOG,
              List.of(
                  Fixtures.database("sales", 150),
                  Fixtures.database("orders", 150),
                  Fixtures.database("hr", 150),
                  Fixtures.database("audit", 150)),
              Map.of(),
              Map.of()));
      String taskId = world.submit("rm-e2e-four", Fixtures.upgradeTo2022("Immediate", "four-e2e"));

      ExecutionInfo execution = world.await(taskId);

      assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      UpgradeTask task = world.task(taskId);
      long took = Duration.between(T0, execution.stopDate()).toSeconds();
      // The guide's order, database after database: every full backup, every restore, one log
      // backup
      // and one log apply per database (each with the guide's 2-minute overhead), restore, switch.
      long serial =
          new Estimator()
              .estimate(
                  new Estimator.Input(
                      task.estimate().dataSizeGb(),
                      task.estimate().logGb(),
                      4,
                      false,
                      SqlEdition.Standard,
                      null))
              .totalSeconds();
      System.out.printf(
          "E2E 4 x 150 GB: %d s vs guide serial %d s = %.1f %%, downtime %d s, %d transitions%n",
          took, serial, 100.0 * took / serial, task.downtimeSeconds(), world.transitions(taskId));
      Map<String, Number> figures = new LinkedHashMap<>();
      figures.put("4 × 150 GB: simulated (s)", took);
      figures.put("4 × 150 GB: guide's serial order (s)", serial);
      figures.put("4 × 150 GB: simulated / serial (%)", Math.round(1000.0 * took / serial) / 10.0);
      BenchmarkLines.figures("pipelining", figures);
      assertThat(took).isLessThanOrEqualTo(Math.round(0.65 * serial));
      // Pipelined: the first restore started while later databases were still being backed up.
      assertThat(step(task, "restoreFull").startedAt())
          .isBefore(step(task, "fullBackup").endedAt());
    }
  }

  @Test
  void aSecondUpgradeOfTheSameInstance_isRefusedWhileTheFirstRuns() throws Exception {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      world.register(Fixtures.guideExample("rm-e2e-twice"));
      CyclicBarrier together = new CyclicBarrier(2);
      CompletableFuture<APIGatewayProxyResponseEvent> a =
          CompletableFuture.supplyAsync(
              () -> {
                await(together);
                return world.submitRaw(
                    "rm-e2e-twice", Fixtures.upgradeTo2022("Immediate", "twice-a"));
              });
      CompletableFuture<APIGatewayProxyResponseEvent> b =
          CompletableFuture.supplyAsync(
              () -> {
                await(together);
                return world.submitRaw(
                    "rm-e2e-twice", Fixtures.upgradeTo2022("MaintenanceWindow", "twice-b"));
              });
      List<Integer> statuses = List.of(a.get().getStatusCode(), b.get().getStatusCode());

      assertThat(statuses).containsExactlyInAnyOrder(202, 409);
      APIGatewayProxyResponseEvent accepted = a.get().getStatusCode() == 202 ? a.get() : b.get();
      APIGatewayProxyResponseEvent refused = a.get().getStatusCode() == 409 ? a.get() : b.get();
      assertThat(refused.getBody()).contains("UpgradeInProgress");
      String taskId = UpgradeWorld.JSON.readTree(accepted.getBody()).path("taskId").asText();
      // And while the accepted one runs, a third request is refused too.
      assertThat(
              world
                  .submitRaw("rm-e2e-twice", Fixtures.upgradeTo2022("Immediate", "twice-c"))
                  .getStatusCode())
          .isEqualTo(409);
      assertThat(world.await(taskId).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(world.task(taskId).status()).isEqualTo(TaskStatus.Succeeded);
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static dev.sqlup.domain.TaskStep step(UpgradeTask task, String name) {
    return task.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
