package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.MapRunInfo;
import dev.sqlup.local.asl.model.StepFunctionsException;
import dev.sqlup.local.asl.state.MapRun;
import dev.sqlup.local.asl.state.MapRuns;
import dev.sqlup.local.asl.state.StateGraph;
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
 * API (ListMapRuns, DescribeMapRun, UpdateMapRun, ListExecutions of a Map Run) shows them.
 */
public final class MapRunRegistry implements MapRuns {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String region;
  private final String account;
  // the scheduler is built after the services that hold this registry; the states reach it only
  // later
  private final Supplier<ExecutionScheduler> scheduler;
  private final Map<String, MapRun> mapRuns = new ConcurrentHashMap<>();
  private final Map<String, List<String>> childrenOf = new ConcurrentHashMap<>();

  public MapRunRegistry(String region, String account, Supplier<ExecutionScheduler> scheduler) {
    this.region = region;
    this.account = account;
    this.scheduler = scheduler;
  }

  @Override
  public MapRun start(
      String executionArn,
      String label,
      int maxConcurrency,
      Double toleratedPercentage,
      Long toleratedCount,
      int items,
      int batches) {
    ExecutionRun parent = scheduler.get().require(executionArn);
    String childMachine =
        "arn:aws:states:"
            + region
            + ":"
            + account
            + ":stateMachine:"
            + parent.machineName()
            + "/"
            + label;
    String arn =
        "arn:aws:states:"
            + region
            + ":"
            + account
            + ":mapRun:"
            + parent.machineName()
            + "/"
            + label
            + ":"
            + ExecutionScheduler.randomUuid();
    MapRun run =
        new MapRun(
            arn,
            executionArn,
            childMachine,
            scheduler.get().services().clock().now(),
            maxConcurrency,
            toleratedPercentage,
            toleratedCount,
            items,
            batches);
    mapRuns.put(arn, run);
    return run;
  }

  @Override
  public ExecutionInfo startChild(
      MapRun run, String definition, StateGraph processor, String input) {
    ExecutionRun parent = scheduler.get().require(run.executionArn());
    String machineName =
        run.childMachineArn().substring(run.childMachineArn().indexOf(":stateMachine:") + 14);
    String name = ExecutionScheduler.randomUuid();
    String arn =
        "arn:aws:states:" + region + ":" + account + ":execution:" + machineName + ":" + name;
    JsonNode json;
    try {
      json = MAPPER.readTree(input);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    // child executions are Standard: they have the Standard history quota
    ExecutionRun child =
        scheduler
            .get()
            .start(
                arn,
                name,
                run.childMachineArn(),
                machineName,
                parent.roleArn(),
                definition,
                processor,
                json,
                scheduler.get().services().maxHistoryEvents());
    childrenOf.computeIfAbsent(run.arn(), k -> new CopyOnWriteArrayList<>()).add(arn);
    return child.info();
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
    mapRun(mapRunArn).update(maxConcurrency, toleratedFailurePercentage, toleratedFailureCount);
  }

  public List<ExecutionInfo> executions(String mapRunArn, ExecutionStatus statusFilter) {
    mapRun(mapRunArn);
    List<ExecutionInfo> out = new ArrayList<>();
    for (String arn : childrenOf.getOrDefault(mapRunArn, List.of())) {
      ExecutionRun run = scheduler.get().find(arn);
      if (run != null && (statusFilter == null || run.status() == statusFilter)) {
        out.add(run.info());
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
}
