package dev.sqlup.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.testing.DynaliteExtension;
import dev.sqlup.workflow.plan.CatchUpPolicy;
import dev.sqlup.workflow.plan.DatabaseProgress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * F8 (docs/RELIABILITY.md): when the catch-up of the log gives up, and when it must not.
 */
@ExtendWith(DynaliteExtension.class)
class CatchUpConvergenceTest {
  static final Instant AFTER_THE_WINDOW = Instant.parse("2026-11-24T22:30:00Z");

  /**
   * Upgrades switching in a maintenance window far away failed with CatchUpNotConverging because every
   * log round shipped while waiting for the window counted towards the catch-up's round limit. The
   * instance is rm-crash-7 of the crash-resume run (one 38 GB database, 3.14 GB of log per hour: a round
   * every 38 min while waiting) submitted after its 18:00–22:00 window closed, so it waits about 19 hours.
   */
  @Test
  void aLongWaitForTheWindow_keepsShippingLogs_andSwitchesInTheWindow(DynamoDbClient dynamo) {
    WorkflowFixture f = new WorkflowFixture(dynamo, AFTER_THE_WINDOW);
    f.register(WorkflowFixture.guideInstance("rm-crash-7", 3.140849518689534,
        List.of(Map.of("name", "db0", "sizeGb", 38, "recoveryModel", "FULL")), Map.of()));
    String taskId = f.submit("rm-crash-7", WorkflowFixture.upgradeTo2022("MaintenanceWindow", "crash-7"));
    HandlerDriver driver = new HandlerDriver(f);

    UpgradeState end = driver.run(taskId, "rm-crash-7");

    UpgradeTask task = f.services.tasks().get(taskId);
    assertThat(task.status()).as(task.failureReason() + "\n" + String.join("\n", driver.trace))
        .isEqualTo(TaskStatus.Succeeded);
    DatabaseProgress db0 = end.databases().get(0);
    // More rounds than the catch-up limit were shipped in all: the wait did not count.
    assertThat(db0.logStarted()).isGreaterThan(CatchUpPolicy.DEFAULT.maxRounds());
    Instant switched = Instant.parse(end.endpoint().switchedAt());
    assertThat(switched).isAfter(Instant.parse("2026-11-25T18:00:00Z")).isBefore(Instant.parse("2026-11-25T22:00:00Z"));
    assertThat(task.downtimeSeconds()).isNotNull().isLessThan(300);
  }

  /** A log written faster than it can ever be shipped fails at the precheck, before anything is created. */
  @Test
  void aLogRateTheCatchUpCanNeverFollow_failsThePrecheck_beforeAnythingIsCreated(DynamoDbClient dynamo) {
    WorkflowFixture f = new WorkflowFixture(dynamo, AFTER_THE_WINDOW);
    f.register(WorkflowFixture.guideInstance("rm-busy", 100,
        List.of(Map.of("name", "orders", "sizeGb", 50, "recoveryModel", "FULL")), Map.of()));
    String taskId = f.submit("rm-busy", WorkflowFixture.upgradeTo2022("Immediate", "busy-1"));
    HandlerDriver driver = new HandlerDriver(f);

    UpgradeState end = driver.run(taskId, "rm-busy");

    UpgradeTask task = f.services.tasks().get(taskId);
    assertThat(task.status()).isEqualTo(TaskStatus.Failed);
    assertThat(end.outcome()).isEqualTo("RolledBack");
    assertThat(task.failureReason()).startsWith("CatchUpNotConverging: precheck: the instance writes 100.0 GB")
        .contains("orders writes 100.0 GB/h, its log rounds would never get below 6.67 GB", "Nothing was created");
    assertThat(driver.trace).filteredOn(line -> !line.startsWith("Catch")).extracting(line -> line.split(" ")[1])
        .containsExactly("Precheck", "Compensate");
    assertThat(f.sim().targetsEverCreated("rm-busy")).isZero();
  }
}
