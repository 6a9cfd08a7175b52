package dev.sqlup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.Estimator;
import dev.sqlup.domain.Fixtures;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceSpec;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.RdsEdition;
import dev.sqlup.domain.SqlEdition;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.SwitchTime;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.TaskStep;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.testing.DynaliteExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynaliteExtension.class)
class RepositoryTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private final DynamoDbClient dynamo;
  private InstanceRepository instances;
  private TaskRepository tasks;

  RepositoryTest(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  @BeforeEach
  void tables() {
    TestTables t = TestTables.create(dynamo);
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    instances = new InstanceRepository(dynamo, t.instances(), clock);
    tasks = new TaskRepository(dynamo, t.tasks(), clock);
  }

  static UpgradeTask task(String id, String instanceId, Instant createdAt) {
    Estimate e =
        new Estimator().estimate(new Estimator.Input(600, 10, 1, false, SqlEdition.Standard, null));
    InstanceSpec source =
        new InstanceSpec(
            "2019", SqlEdition.Standard, RdsEdition.HighAvailability, "mssql.x4.large");
    InstanceSpec target =
        new InstanceSpec(
            "2022", SqlEdition.Standard, RdsEdition.HighAvailability, "mssql.x4.large");
    return new UpgradeTask(
        id,
        instanceId,
        TaskStatus.Pending,
        null,
        0,
        e.totalSeconds(),
        e,
        List.of(),
        source,
        target,
        SwitchTime.Immediate,
        false,
        createdAt,
        createdAt,
        null,
        "h",
        null,
        null,
        List.of(),
        List.of("VipWillChange"),
        0);
  }

  @Test
  void instance_roundTripsEveryField() {
    Instance i = Fixtures.guideExample();
    Instance withSim =
        new Instance(
            i.instanceId(),
            i.engineVersion(),
            i.sqlEdition(),
            i.rdsEdition(),
            i.instanceType(),
            i.dataSizeGb(),
            i.maintenanceWindow(),
            i.networkType(),
            false,
            false,
            false,
            List.of("ro-1"),
            i.endpoint(),
            i.vip(),
            i.port(),
            Map.of("env", "prod"),
            i.engine(),
            Map.of(
                "databases",
                List.of(Map.of("name", "sales", "sizeGb", 600, "recoveryModel", "FULL")),
                "logGbPerHour",
                1.5),
            List.of(new dev.sqlup.domain.ReplicationTask("dts-1", "Running")),
            InstanceStatus.Running,
            null,
            null,
            null,
            0);

    Instance created = instances.create(withSim);

    assertThat(created.version()).isEqualTo(1);
    assertThat(created.createdAt()).isEqualTo(T0);
    assertThat(instances.get(i.instanceId())).isEqualTo(created);
    assertThatThrownBy(() -> instances.create(withSim))
        .isInstanceOf(InstanceAlreadyExistsException.class);
    assertThatThrownBy(() -> instances.get("nope")).isInstanceOf(InstanceNotFoundException.class);
  }

  @Test
  void instanceUpdate_checksTheVersion() {
    Instance created = instances.create(Fixtures.guideExample());

    Instance upgraded =
        instances.update(
            created.upgradedTo(
                new InstanceSpec(
                    "2022", SqlEdition.Standard, RdsEdition.HighAvailability, "mssql.x4.large"),
                "10.0.0.9"));

    assertThat(upgraded.version()).isEqualTo(2);
    assertThat(instances.get(created.instanceId()).engineVersion()).isEqualTo("2022");
    assertThatThrownBy(() -> instances.update(created)).isInstanceOf(StaleVersionException.class);
  }

  @Test
  void lock_isExclusive_releasable_andIdempotentForItsHolder() {
    Instance created = instances.create(Fixtures.guideExample());
    String id = created.instanceId();

    Instance locked = instances.acquireUpgradeLock(id, "t-1");

    assertThat(locked.status()).isEqualTo(InstanceStatus.UpgradingVersion);
    assertThat(locked.activeTaskId()).isEqualTo("t-1");
    assertThat(instances.acquireUpgradeLock(id, "t-1").activeTaskId()).isEqualTo("t-1");
    assertThatThrownBy(() -> instances.acquireUpgradeLock(id, "t-2"))
        .isInstanceOfSatisfying(
            UpgradeInProgressException.class, e -> assertThat(e.activeTaskId()).isEqualTo("t-1"));
    assertThat(instances.releaseUpgradeLock(id, "t-2", InstanceStatus.Running)).isFalse();
    assertThat(instances.releaseUpgradeLock(id, "t-1", InstanceStatus.Running)).isTrue();
    assertThat(instances.releaseUpgradeLock(id, "t-1", InstanceStatus.Running)).isFalse();
    Instance after = instances.get(id);
    assertThat(after.activeTaskId()).isNull();
    assertThat(after.status()).isEqualTo(InstanceStatus.Running);
    assertThatThrownBy(() -> instances.acquireUpgradeLock("missing", "t-3"))
        .isInstanceOf(InstanceNotFoundException.class);
  }

  @Test
  void lock_needsARunningInstance() {
    Instance stopped = Fixtures.guideExample().withStatus(InstanceStatus.Stopped, null);
    instances.create(stopped);

    assertThatThrownBy(() -> instances.acquireUpgradeLock(stopped.instanceId(), "t-1"))
        .isInstanceOfSatisfying(
            IncorrectInstanceStateException.class,
            e -> assertThat(e.status()).isEqualTo(InstanceStatus.Stopped));
  }

  @Test
  void lock_under32ConcurrentTakers_hasExactlyOneWinner() throws Exception {
    Instance created = instances.create(Fixtures.guideExample());
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    for (int n = 0; n < 32; n++) {
      String taskId = "t-" + n;
      Callable<String> take =
          () -> {
            start.await();
            try {
              return "won:"
                  + instances.acquireUpgradeLock(created.instanceId(), taskId).activeTaskId();
            } catch (UpgradeInProgressException e) {
              return "lost:" + e.activeTaskId();
            }
          };
      results.add(pool.submit(take));
    }
    start.countDown();
    List<String> outcomes = new ArrayList<>();
    for (Future<String> f : results) {
      outcomes.add(f.get());
    }
    pool.shutdown();

    String winner = instances.get(created.instanceId()).activeTaskId();
    assertThat(outcomes).filteredOn(o -> o.startsWith("won:")).containsExactly("won:" + winner);
    assertThat(outcomes)
        .filteredOn(o -> o.startsWith("lost:"))
        .hasSize(31)
        .allMatch(o -> o.equals("lost:" + winner));
  }

  @Test
  void task_roundTrips_updatesWithVersions_andRejectsStaleWrites() {
    UpgradeTask created = tasks.create(task("t-1", "rm-1", T0));

    assertThat(tasks.get("t-1")).isEqualTo(created);
    UpgradeTask running =
        tasks.update(
            created.progressed(
                TaskStatus.Running,
                "create",
                1,
                100,
                List.of(
                    new TaskStep("create", StepStatus.Running, T0, null, "creating the target")),
                T0));

    assertThat(running.version()).isEqualTo(2);
    assertThat(tasks.get("t-1").steps())
        .singleElement()
        .extracting(TaskStep::status)
        .isEqualTo(StepStatus.Running);
    assertThatThrownBy(() -> tasks.update(created)).isInstanceOf(StaleVersionException.class);
    assertThatThrownBy(() -> tasks.create(task("t-1", "rm-1", T0)))
        .isInstanceOfSatisfying(
            TaskAlreadyExistsException.class, e -> assertThat(e.existing()).isEqualTo(running));
    assertThat(tasks.deletePending("t-1")).isFalse();
    assertThatThrownBy(() -> tasks.get("t-2")).isInstanceOf(TaskNotFoundException.class);
  }

  @Test
  void tasksByInstance_areNewestFirst_andPaginate() {
    for (int n = 0; n < 5; n++) {
      tasks.create(task("t-" + n, "rm-1", T0.plusSeconds(n)));
    }
    tasks.create(task("other", "rm-2", T0));

    Page<UpgradeTask> first = tasks.listByInstance("rm-1", 2, null);
    Page<UpgradeTask> second = tasks.listByInstance("rm-1", 2, first.nextToken());
    Page<UpgradeTask> third = tasks.listByInstance("rm-1", 2, second.nextToken());

    assertThat(first.items()).extracting(UpgradeTask::taskId).containsExactly("t-4", "t-3");
    assertThat(second.items()).extracting(UpgradeTask::taskId).containsExactly("t-2", "t-1");
    assertThat(third.items()).extracting(UpgradeTask::taskId).containsExactly("t-0");
    assertThat(tasks.listByStatus(TaskStatus.Pending, 10, null).items()).hasSize(6);
    assertThatThrownBy(() -> tasks.listByInstance("rm-2", 2, first.nextToken()))
        .isInstanceOf(InvalidNextTokenException.class);
    assertThatThrownBy(() -> tasks.listByInstance("rm-1", 2, "!!"))
        .isInstanceOf(InvalidNextTokenException.class);
  }

  @Test
  void tasksInFlight_areListedFromTheSparseIndex_andLeaveItWhenFinished() {
    for (int n = 0; n < 5; n++) {
      tasks.create(task("t-" + n, "rm-" + n, T0.plusSeconds(n)));
    }
    for (String id : List.of("t-1", "t-2", "t-3")) {
      UpgradeTask t = tasks.get(id);
      tasks.update(
          t.progressed(
              TaskStatus.Running, "create", 0, t.remainingSeconds(), t.steps(), t.updatedAt()));
    }
    UpgradeTask done = tasks.get("t-2");
    tasks.update(
        done.progressed(TaskStatus.Succeeded, "done", 100, 0, done.steps(), done.updatedAt()));

    Page<InFlightTask> first = tasks.listInFlight(1, null);
    Page<InFlightTask> second = tasks.listInFlight(5, first.nextToken());

    assertThat(first.items()).extracting(InFlightTask::taskId).containsExactly("t-1");
    assertThat(second.items()).extracting(InFlightTask::taskId).containsExactly("t-3");
    InFlightTask t1 = first.items().get(0);
    assertThat(t1.status()).isEqualTo(TaskStatus.Running);
    assertThat(t1.overEstimateAt())
        .isEqualTo(dev.sqlup.domain.EstimateOverrun.at(tasks.get("t-1")).orElseThrow());
    assertThat(t1.isOverEstimate(T0)).isFalse();
    assertThatThrownBy(() -> tasks.listByStatus(TaskStatus.Running, 3, first.nextToken()))
        .isInstanceOf(InvalidNextTokenException.class);
  }

  @Test
  void findAll_readsMoreThanOneBatch_andLeavesOutUnknownIds() {
    List<String> ids = new java.util.ArrayList<>();
    for (int n = 0; n < 130; n++) {
      ids.add(tasks.create(task("t-" + n, "rm-" + n, T0.plusSeconds(n))).taskId());
    }
    ids.add("no-such-task");
    ids.add("t-7"); // asked twice, read once

    Map<String, UpgradeTask> found = tasks.findAll(ids);

    assertThat(found).hasSize(130).doesNotContainKey("no-such-task");
    assertThat(found.get("t-129")).isEqualTo(tasks.get("t-129"));
    assertThat(tasks.findAll(List.of())).isEmpty();
  }

  @Test
  void pendingTask_canBeDeleted_onceOnly() {
    tasks.create(task("t-1", "rm-1", T0));

    assertThat(tasks.deletePending("t-1")).isTrue();
    assertThat(tasks.deletePending("t-1")).isFalse();
    assertThat(tasks.find("t-1")).isEmpty();
  }
}
