package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.MapRunInfo;
import dev.sqlup.local.asl.model.StepFunctionsException;
import dev.sqlup.local.asl.state.MapRun;
import dev.sqlup.local.asl.state.MapRuns;
import dev.sqlup.local.asl.state.StateGraph;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Map Runs and their child executions, as a Distributed Map state drives them and as the Map Run
 * API (ListMapRuns, DescribeMapRun, UpdateMapRun, ListExecutions of a Map Run) shows them. Every
 * change goes to the parent execution's journal ({@link MapRunJournal}); a restarted durable engine
 * reads the Map Runs back while it replays the journals, and a resumed Map state picks up its own.
 */
public final class MapRunRegistry implements MapRuns {
  /** Developer guide, "Choosing workflow type": an Express execution runs for at most 5 minutes. */
  static final int EXPRESS_MAX_SECONDS = 300;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String region;
  private final String account;
  // the scheduler is built after the services that hold this registry; the states reach it only
  // later
  private final Supplier<ExecutionScheduler> scheduler;
  private final Map<String, MapRun> mapRuns = new ConcurrentHashMap<>();
  private final Map<String, List<String>> childrenOf = new ConcurrentHashMap<>();
  private final Map<String, String> mapRunOfChild = new ConcurrentHashMap<>();
  private final Map<String, Integer> itemsOfChild = new ConcurrentHashMap<>();
  // Map Runs read back from journals whose Map state had not completed, by execution and branch
  private final Map<String, List<MapRun>> resumable = new ConcurrentHashMap<>();

  public MapRunRegistry(String region, String account, Supplier<ExecutionScheduler> scheduler) {
    this.region = region;
    this.account = account;
    this.scheduler = scheduler;
  }

  @Override
  public MapRun start(Request q) {
    ExecutionRun parent = scheduler.get().require(q.executionArn());
    MapRun resumed = takeResumable(q.executionArn(), q.branch(), q.stateName());
    if (resumed != null) {
      resumed.markResumed();
      return resumed;
    }
    String prefix = "arn:aws:states:" + region + ":" + account;
    String qualified = parent.machineName() + "/" + q.label();
    MapRun run =
        new MapRun(
            prefix + ":mapRun:" + qualified + ":" + ExecutionScheduler.randomUuid(),
            q.executionArn(),
            prefix + ":stateMachine:" + qualified,
            q.branch(),
            q.stateName(),
            q.express(),
            scheduler.get().services().clock().now(),
            q.maxConcurrency(),
            q.toleratedPercentage(),
            q.toleratedCount(),
            q.items(),
            q.batches());
    MapRunJournal.start(parent.journal(), run, q.items(), q.batches());
    mapRuns.put(run.arn(), run);
    return run;
  }

  /** The latest Map Run this Map state had started before the restart, if it had not completed. */
  private MapRun takeResumable(String executionArn, String branch, String stateName) {
    List<MapRun> pending = resumable.get(executionArn + "\n" + branch);
    if (pending == null) {
      return null;
    }
    MapRun latest = null;
    for (MapRun run : pending) {
      if (run.stateName().equals(stateName)) {
        latest = run;
      }
    }
    pending.removeIf(run -> run.stateName().equals(stateName));
    return latest;
  }

  @Override
  public ExecutionInfo startChild(
      MapRun run, int index, int itemCount, String definition, StateGraph processor, String input) {
    ExecutionScheduler executions = scheduler.get();
    String arn = run.child(index);
    if (arn != null) {
      ExecutionRun existing = executions.find(arn);
      if (existing != null) {
        return existing.info(); // started before a restart: resumed by the scheduler, not again
      }
    } else {
      String machine = run.childMachineArn();
      arn =
          "arn:aws:states:"
              + region
              + ":"
              + account
              + ":execution:"
              + machine.substring(machine.indexOf(":stateMachine:") + 14)
              + ":"
              + ExecutionScheduler.randomUuid();
      ExecutionRun parent = executions.find(run.executionArn());
      if (parent != null) {
        MapRunJournal.child(parent.journal(), run, index, arn, itemCount);
      }
      run.childStarted(index, arn, itemCount);
      indexChild(run.arn(), arn, itemCount);
    }
    ExecutionRun parent = executions.require(run.executionArn());
    String machineName =
        run.childMachineArn().substring(run.childMachineArn().indexOf(":stateMachine:") + 14);
    JsonNode json = readJson(input);
    String childDefinition = definition;
    StateGraph graph = processor;
    int historyLimit = executions.services().maxHistoryEvents();
    if (run.express()) {
      // an Express child ends with States.Timeout after 5 minutes (ExecutionRun's execution
      // timeout); the limit is in its definition too, so a resumed child keeps it
      int timeout =
          processor.timeoutSeconds() == null
              ? EXPRESS_MAX_SECONDS
              : Math.min(processor.timeoutSeconds(), EXPRESS_MAX_SECONDS);
      ObjectNode limited = (ObjectNode) readJson(definition);
      limited.put("TimeoutSeconds", timeout);
      childDefinition = limited.toString();
      graph = new StateGraph(processor.startAt(), processor.states(), timeout);
      historyLimit = Integer.MAX_VALUE; // Express executions have no history quota
    }
    String name = arn.substring(arn.lastIndexOf(':') + 1);
    return executions
        .start(
            arn,
            name,
            run.childMachineArn(),
            machineName,
            parent.roleArn(),
            childDefinition,
            graph,
            json,
            historyLimit)
        .info();
  }

  @Override
  public void childEnded(
      MapRun run, int index, int itemCount, ExecutionInfo done, JsonNode result) {
    ExecutionRun parent = scheduler.get().find(run.executionArn());
    if (parent != null) {
      MapRunJournal.ended(parent.journal(), run, index, itemCount, done.status(), result);
    }
    run.childEnded(index, itemCount, done.status(), result);
  }

  @Override
  public void finish(MapRun run, String status, Instant when) {
    if (!run.status().equals("RUNNING")) {
      return;
    }
    ExecutionRun parent = scheduler.get().find(run.executionArn());
    if (parent != null) {
      MapRunJournal.finish(parent.journal(), run, status, when);
    }
    run.finish(status, when);
  }

  @Override
  public CompletableFuture<ExecutionInfo> completion(String executionArn) {
    ExecutionRun run = scheduler.get().require(executionArn);
    return run.done().thenApply(status -> run.info());
  }

  @Override
  public void stop(String executionArn, String error, String cause) {
    ExecutionRun run = scheduler.get().find(executionArn);
    if (run != null) {
      run.abort(error, cause);
    }
  }

  // ---------------------------------------------------------------- restart

  /**
   * Replays one Map Run record of {@code parent}'s journal (the scheduler's journal replay calls
   * this before any execution runs again).
   */
  public void restore(ExecutionRun parent, JsonNode record) {
    if (record.path("op").asText().equals("start")) {
      MapRun run = MapRunJournal.started(record);
      mapRuns.put(run.arn(), run);
      resumable
          .computeIfAbsent(parent.arn() + "\n" + run.branch(), k -> new CopyOnWriteArrayList<>())
          .add(run);
      return;
    }
    MapRun run = mapRuns.get(record.path("arn").asText());
    if (run == null) {
      return;
    }
    if (record.path("op").asText().equals("child")) {
      indexChild(run.arn(), record.get("child").asText(), record.get("n").asInt());
    }
    MapRunJournal.replay(run, record);
  }

  /**
   * A checkpoint of {@code branch} journaled after a Map Run started there: its Map state
   * completed, so that run is not to be resumed.
   */
  public void checkpointed(String executionArn, String branch) {
    if (!resumable.isEmpty()) {
      resumable.remove(executionArn + "\n" + branch);
    }
  }

  private void indexChild(String mapRunArn, String childArn, int itemCount) {
    childrenOf.computeIfAbsent(mapRunArn, k -> new CopyOnWriteArrayList<>()).add(childArn);
    mapRunOfChild.put(childArn, mapRunArn);
    itemsOfChild.put(childArn, itemCount);
  }

  // ---------------------------------------------------------------- API

  /** DescribeExecution: a Map Run's child carries its {@code mapRunArn}. */
  public ExecutionInfo describe(ExecutionInfo execution) {
    String mapRun = mapRunOfChild.get(execution.executionArn());
    return mapRun == null ? execution : execution.inMapRun(mapRun, null);
  }

  /** True for a child of a Map Run whose ProcessorConfig ExecutionType is EXPRESS. */
  public boolean expressChild(String executionArn) {
    String mapRun = mapRunOfChild.get(executionArn);
    return mapRun != null && mapRuns.get(mapRun).express();
  }

  public List<MapRunInfo> list(String executionArn) {
    scheduler.get().require(executionArn);
    return mapRuns.values().stream()
        .filter(r -> r.executionArn().equals(executionArn))
        .map(MapRun::info)
        .sorted(Comparator.comparing(MapRunInfo::startDate).reversed())
        .toList();
  }

  public MapRunInfo describe(String mapRunArn) {
    return mapRun(mapRunArn).info();
  }

  public void update(
      String mapRunArn,
      Integer maxConcurrency,
      Double toleratedFailurePercentage,
      Long toleratedFailureCount) {
    MapRun run = mapRun(mapRunArn);
    ExecutionRun parent = scheduler.get().find(run.executionArn());
    if (parent != null) {
      MapRunJournal.update(
          parent.journal(),
          mapRunArn,
          maxConcurrency,
          toleratedFailurePercentage,
          toleratedFailureCount);
    }
    run.update(maxConcurrency, toleratedFailurePercentage, toleratedFailureCount);
  }

  /**
   * ListExecutions with a Map Run ARN: its children, with {@code mapRunArn} and {@code itemCount}.
   */
  public List<ExecutionInfo> executions(String mapRunArn, ExecutionStatus statusFilter) {
    mapRun(mapRunArn);
    List<ExecutionInfo> out = new ArrayList<>();
    for (String arn : childrenOf.getOrDefault(mapRunArn, List.of())) {
      ExecutionRun run = scheduler.get().find(arn);
      if (run != null && (statusFilter == null || run.status() == statusFilter)) {
        out.add(run.info().inMapRun(mapRunArn, itemsOfChild.get(arn)));
      }
    }
    out.sort(
        Comparator.comparing(ExecutionInfo::startDate)
            .reversed()
            .thenComparing(ExecutionInfo::name));
    return out;
  }

  private MapRun mapRun(String arn) {
    ExecutionScheduler.checkArn(arn, ":mapRun:");
    MapRun run = mapRuns.get(arn);
    if (run == null) {
      throw new StepFunctionsException("ResourceNotFound", "Map Run Does Not Exist: '" + arn + "'");
    }
    return run;
  }

  private static JsonNode readJson(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
