package dev.sqlup.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.simulated.SimulatedDataPlane;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.HistoryEvent;
import dev.sqlup.workflow.TransientEngineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 7 §1: upgrades of a simulated fleet under seeded faults, each checked against the
 * invariants. Upgrades run in batches, every batch in one {@link UpgradeWorld} (template, state
 * machine on the embedded engine in virtual time, real handlers, dynalite), all of a batch
 * concurrently.
 *
 * <p>Faults per upgrade (seeded from the campaign seed and the upgrade number): the simulated data
 * plane's transient failures (p = 0.1 per operation start and poll), permanent failures (p = 0.01
 * per operation), slow operations (p = 0.1, 3× longer); Lambda timeouts after the handler ran (p =
 * 0.03 per invocation of every phase function, so Step Functions retries an invocation whose work
 * happened); duplicate EventBridge deliveries of the sweeper's schedule (the sweeper runs twice per
 * tick while upgrades run); and, for one upgrade in 20, a metadata change (database
 * created/dropped, recovery model changed) during the upgrade.
 */
final class ChaosCampaign {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  static final List<String> PHASE_FUNCTIONS =
      List.of(
          "PrecheckFunction",
          "CreateTargetFunction",
          "FullBackupFunction",
          "RestoreFullFunction",
          "CatchUpFunction",
          "SwitchTimeFunction",
          "KeepShippingFunction",
          "ListenForSwitchChangeFunction",
          "CheckWindowFunction",
          "SwitchoverFunction",
          "MoveEndpointFunction",
          "FinalizeFunction",
          "CompensateFunction");

  record Spec(
      int index,
      String instanceId,
      String edition,
      String switchTime,
      List<Map<String, Object>> databases,
      double logGbPerHour,
      Map<String, Object> faults,
      String metadataChange) {}

  record Outcome(
      Spec spec,
      String status,
      String failureCode,
      List<String> violations,
      Map<String, Integer> faultsSeen) {}

  final long seed;
  final Map<String, Integer> injected = new ConcurrentHashMap<>();
  final List<Outcome> outcomes = new ArrayList<>();

  private final long created = System.nanoTime();

  ChaosCampaign(long seed) {
    this.seed = seed;
  }

  Spec spec(int index, boolean faults) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index);
    int dbCount = 1 + r.nextInt(8);
    List<Map<String, Object>> dbs = new ArrayList<>();
    for (int d = 0; d < dbCount; d++) {
      double size =
          switch (r.nextInt(3)) {
            case 0 -> 1 + r.nextInt(20);
            case 1 -> 20 + r.nextInt(200);
            default -> 200 + r.nextInt(800);
          };
      dbs.add(Fixtures.database("db" + d, size));
    }
    Map<String, Object> faultPlan = new LinkedHashMap<>();
    String metadata = null;
    if (faults) {
      faultPlan.put("seed", r.nextLong(1, Long.MAX_VALUE));
      faultPlan.put("transientProbability", 0.1);
      faultPlan.put("permanentProbability", 0.01);
      faultPlan.put("slowProbability", 0.1);
      faultPlan.put("slowFactor", 3.0);
      if (r.nextInt(20) == 0) {
        String kind =
            List.of("DATABASE_CREATED", "DATABASE_DROPPED", "RECOVERY_MODEL_CHANGED")
                .get(r.nextInt(3));
        String db = kind.equals("DATABASE_CREATED") ? "late" + index : "db" + r.nextInt(dbCount);
        faultPlan.put(
            "metadataChange",
            Map.of("afterMinutes", 1 + r.nextInt(180), "kind", kind, "database", db));
        metadata = kind;
      }
    }
    return new Spec(
        index,
        "rm-chaos-" + seed % 1000 + "-" + index,
        r.nextBoolean() ? "Standard" : "Enterprise",
        r.nextInt(4) == 0 ? "MaintenanceWindow" : "Immediate",
        dbs,
        0.2 + r.nextDouble() * 4.8,
        faultPlan,
        metadata);
  }

  /** Runs upgrades {@code from} (inclusive) to {@code to} (exclusive) concurrently in one world. */
  void runBatch(int from, int to, boolean faults) {
    try (UpgradeWorld world = new UpgradeWorld(T0)) {
      if (faults) {
        for (String fn : PHASE_FUNCTIONS) {
          world.failuresAfterRun.put(
              fn,
              n -> {
                if (new SplittableRandom(seed ^ (fn.hashCode() * 31L + n)).nextInt(100) < 3) {
                  injected.merge("lambda timeout after the work ran", 1, Integer::sum);
                  return new TransientEngineException(
                      "injected: " + fn + " invocation " + n + " timed out after running", null);
                }
                return null;
              });
        }
      }
      Map<String, Spec> specs = new LinkedHashMap<>();
      Map<String, Instance> before = new HashMap<>();
      Map<String, String> tasks = new LinkedHashMap<>();
      for (int i = from; i < to; i++) {
        Spec s = spec(i, faults);
        Map<String, Object> body =
            Fixtures.instance(
                s.instanceId,
                s.logGbPerHour,
                s.databases,
                s.faults.isEmpty() ? Map.of() : Map.of("faults", s.faults),
                Map.of("sqlEdition", s.edition));
        world.register(body);
        specs.put(s.instanceId, s);
        before.put(s.instanceId, world.services.instances().get(s.instanceId));
        Map<String, Object> upgrade =
            new LinkedHashMap<>(Fixtures.upgradeTo2022(s.switchTime, "chaos-" + i));
        upgrade.put("sqlEdition", s.edition);
        tasks.put(s.instanceId, world.submit(s.instanceId, upgrade));
        if (s.metadataChange != null) {
          injected.merge("metadata change " + s.metadataChange, 1, Integer::sum);
        }
        progress("submitted", i + 1 - from, to - from, world);
      }
      // Duplicate EventBridge deliveries: the sweeper's schedule fires twice for the same tick
      // while upgrades run.
      Thread sweeps = null;
      AtomicInteger sweepRuns = new AtomicInteger();
      if (faults) {
        sweeps =
            new Thread(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      world.sweeper().sweep();
                      world.sweeper().sweep();
                      sweepRuns.addAndGet(2);
                      Thread.sleep(200);
                    } catch (InterruptedException e) {
                      return;
                    } catch (RuntimeException e) {
                      injected.merge(
                          "sweeper error (duplicate delivery): " + e.getClass().getSimpleName(),
                          1,
                          Integer::sum);
                    }
                  }
                },
                "duplicate-sweeper");
        sweeps.setDaemon(true);
        sweeps.start();
      }
      // One real-time deadline for the whole batch: in virtual time all of a batch's upgrades end
      // close
      // together, so waiting 5 minutes for each in turn would call the first ones stuck in a long
      // batch.
      Map<String, ExecutionInfo> ends = new LinkedHashMap<>();
      long deadline =
          System.nanoTime() + Duration.ofMinutes(5).plusSeconds(3L * tasks.size()).toNanos();
      for (Map.Entry<String, String> t : tasks.entrySet()) {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        ends.put(t.getKey(), world.engine.awaitExecution(world.executionArn(t.getValue()), left));
        progress("ended", ends.size(), tasks.size(), world);
      }
      if (sweeps != null) {
        sweeps.interrupt();
        try {
          sweeps.join(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        injected.merge("duplicate sweeper deliveries (runs)", sweepRuns.get(), Integer::sum);
      }
      for (Map.Entry<String, String> t : tasks.entrySet()) {
        Spec s = specs.get(t.getKey());
        outcomes.add(check(world, s, t.getValue(), ends.get(t.getKey()), before.get(t.getKey())));
      }
    }
  }

  /**
   * With {@code -Dproof.chaos.progress=true}, a line every 100 upgrades (long runs show where they
   * are).
   */
  private void progress(String what, int done, int of, UpgradeWorld world) {
    if (Boolean.getBoolean("proof.chaos.progress") && (done % 100 == 0 || done == of)) {
      System.out.printf(
          "chaos progress: %d/%d %s after %.0f s (virtual time %s, %d function invocations)%n",
          done,
          of,
          what,
          (System.nanoTime() - created) / 1e9,
          world.now(),
          world.invocations.values().stream().mapToInt(AtomicInteger::get).sum());
    }
  }

  /** The invariants of issue 7 §1 for one upgrade. */
  Outcome check(
      UpgradeWorld world, Spec s, String taskId, ExecutionInfo execution, Instance before) {
    List<String> v = new ArrayList<>();
    String id = s.instanceId;
    Map<String, Integer> faultsSeen = faultsSeen(world, taskId);
    UpgradeTask task = world.task(taskId);
    // Failed log rounds retried by a later round never reach Retry/Catch: the task's warnings count
    // them.
    for (String warning : task.warnings()) {
      if (warning.startsWith("LOG_BACKUP_RETRIED") || warning.startsWith("LOG_RESTORE_RETRIED")) {
        faultsSeen.merge("data plane permanent, retried by a later log round", 1, Integer::sum);
      }
    }
    if (execution.status() == ExecutionStatus.FAILED
        && task.status() != TaskStatus.Failed
        && task.status() != TaskStatus.Succeeded) {
      // A failed execution that left a non-terminal task is the sweeper's to finish (rolling
      // forward).
      for (int i = 0; i < 3 && !terminal(world.task(taskId).status()); i++) {
        world.sweeper().sweep();
      }
      task = world.task(taskId);
    }
    if (execution.status() == ExecutionStatus.RUNNING) {
      v.add("execution still RUNNING (stuck)");
    }
    if (task.status() != TaskStatus.Succeeded && task.status() != TaskStatus.Failed) {
      v.add(
          "task ended "
              + task.status()
              + " (execution "
              + execution.status()
              + " "
              + execution.error()
              + ")");
    }
    Instance after = world.services.instances().get(id);
    SimulatedDataPlane sim = world.sim();
    Map<String, Integer> effects = sim.effectCounts(id);
    int dbs = s.databases.size();
    int created = sim.targetsEverCreated(id);
    if (created > 1) {
      v.add("targets created: " + created);
    }
    for (String once : List.of("CREATE_TARGET", "MOVE_ENDPOINT")) {
      if (effects.getOrDefault(once, 0) > 1) {
        v.add(once + " happened " + effects.get(once) + " times");
      }
    }
    for (String perDb :
        List.of("FULL_BACKUP", "RESTORE_FULL", "TAIL_LOG_BACKUP", "RESTORE_TAIL_WITH_RECOVERY")) {
      if (effects.getOrDefault(perDb, 0) > dbs + (s.metadataChange != null ? 1 : 0)) {
        v.add(perDb + " happened " + effects.get(perDb) + " times for " + dbs + " databases");
      }
    }
    if (effects.getOrDefault("RESTORE_LOG", 0) > effects.getOrDefault("LOG_BACKUP", 0)) {
      v.add("more log restores than log backups: " + effects);
    }
    InstanceRef source =
        new InstanceRef(
            id,
            "simulated",
            "2019",
            s.edition,
            "10.0.0.5",
            1433,
            after.endpoint(),
            null,
            Map.of("simulation", json(after.simulation())));
    if (task.status() == TaskStatus.Succeeded) {
      if (!"2022".equals(after.engineVersion())
          || after.status() != InstanceStatus.Running
          || after.activeTaskId() != null) {
        v.add(
            "succeeded but instance is "
                + after.engineVersion()
                + " "
                + after.status()
                + " lock "
                + after.activeTaskId());
      }
      if (sim.targetsOf(id).size() != 1 || created != 1) {
        v.add(
            "succeeded with "
                + sim.targetsOf(id).size()
                + " live targets, "
                + created
                + " created");
      }
      v.addAll(lsnContinuity(world, id));
      if (effects.containsKey("RECOVER_SOURCE")) {
        v.add("succeeded but the source was recovered");
      }
    } else if (task.status() == TaskStatus.Failed) {
      if (after.status() != InstanceStatus.Running
          || after.activeTaskId() != null
          || !after.spec().equals(before.spec())
          || !"2019".equals(after.engineVersion())) {
        v.add(
            "failed but source is "
                + after.status()
                + " "
                + after.engineVersion()
                + " lock "
                + after.activeTaskId()
                + (after.spec().equals(before.spec()) ? "" : " spec changed"));
      }
      if (!sim.targetsOf(id).isEmpty()) {
        v.add("failed with orphaned target(s) " + sim.targetsOf(id));
      }
      // The endpoint moves while the tails are restored: a failure before the databases are
      // opened moves it back; a failed upgrade never leaves it on the target, and never opened
      // the target's databases to applications.
      if (sim.endpointState(source).map(e -> e.movedBackAt() == null).orElse(false)) {
        v.add("failed with the endpoint on the target");
      }
      if (effects.containsKey("OPEN_DATABASES")) {
        v.add("failed after the databases were opened on the target");
      }
      for (Map<String, Object> db : s.databases) {
        String name = (String) db.get("name");
        if (sim.databaseState(source, name) != SimulatedDataPlane.DatabaseState.ONLINE) {
          v.add("failed with source database " + name + " " + sim.databaseState(source, name));
        }
      }
    }
    String code = task.failureReason() == null ? null : task.failureReason().split("[: ]")[0];
    if (task.failureReason() != null && Boolean.getBoolean("proof.chaos.verbose")) {
      System.out.println("FAILURE " + id + " " + execution.error() + " | " + task.failureReason());
    }
    return new Outcome(s, task.status().name(), code, v, faultsSeen);
  }

  /**
   * No data loss: every database of the live target restored exactly up to the source's tail-log
   * LSN.
   */
  private static List<String> lsnContinuity(UpgradeWorld world, String instanceId) {
    List<String> v = new ArrayList<>();
    JsonNode source = null;
    List<JsonNode> targets = new ArrayList<>();
    String table = world.fleetTableName();
    for (Map<String, AttributeValue> item :
        world
            .services
            .dynamoDb()
            .queryPaginator(
                b ->
                    b.tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(
                            Map.of(":pk", AttributeValue.fromS("INSTANCE#" + instanceId))))
            .items()) {
      try {
        JsonNode doc = UpgradeWorld.JSON.readTree(item.get("doc").s());
        if (item.get("sk").s().equals("SOURCE")) {
          source = doc;
        } else if (item.get("sk").s().startsWith("TARGET#") && !doc.hasNonNull("droppedAt")) {
          targets.add(doc);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (source == null || targets.size() != 1) {
      v.add("LSN check: source " + (source != null) + ", live targets " + targets.size());
      return v;
    }
    JsonNode target = targets.get(0);
    source
        .path("databases")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode db = e.getValue();
              if (db.path("frozenAt").isNull() || db.path("frozenAt").isMissingNode()) {
                v.add("LSN check: " + e.getKey() + " was never frozen by a tail-log backup");
                return;
              }
              long frozenAt = db.get("frozenAt").asLong();
              long tail =
                  db.get("offsetLsn").asLong()
                      + Math.round(
                          db.get("logBytesPerHour").asLong()
                              * (frozenAt - db.get("activeSince").asLong())
                              / 3_600_000.0);
              JsonNode restored = target.path("databases").path(e.getKey());
              long last = Long.MIN_VALUE;
              long newest = Long.MIN_VALUE;
              for (JsonNode r : restored.path("restores")) {
                if (r.get("finishedAt").asLong() >= newest) {
                  newest = r.get("finishedAt").asLong();
                  last = r.get("lastLsn").asLong();
                }
              }
              if (last != tail) {
                v.add(
                    "data loss: "
                        + e.getKey()
                        + " restored to LSN "
                        + last
                        + ", source tail LSN "
                        + tail);
              }
            });
    return v;
  }

  /** Errors the execution met and handled (Retry/Catch), by name, from its history. */
  private static Map<String, Integer> faultsSeen(UpgradeWorld world, String taskId) {
    Map<String, Integer> seen = new TreeMap<>();
    for (HistoryEvent e : world.history(taskId)) {
      if (e.type().endsWith("Failed") || e.type().endsWith("TimedOut")) {
        String text = String.valueOf(e.details());
        String kind =
            text.contains("SIMULATED_TRANSIENT")
                ? "data plane transient"
                : text.contains("injected:")
                    ? "lambda timeout after the work ran"
                    : text.contains("SIMULATED_PERMANENT") || text.contains("OperationFailed")
                        ? "data plane permanent"
                        : text.contains("Throttl") ? "throttled" : "other: " + e.type();
        seen.merge(kind, 1, Integer::sum);
      }
    }
    return seen;
  }

  static boolean terminal(TaskStatus status) {
    return status == TaskStatus.Succeeded || status == TaskStatus.Failed;
  }

  private static String json(Map<String, Object> value) {
    try {
      return UpgradeWorld.JSON.writeValueAsString(value == null ? Map.of() : new HashMap<>(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
