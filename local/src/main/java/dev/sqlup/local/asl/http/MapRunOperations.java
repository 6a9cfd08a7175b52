package dev.sqlup.local.asl.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.StepFunctions;
import dev.sqlup.local.asl.model.MapRunInfo;
import java.math.BigDecimal;
import java.util.List;

/**
 * The Map Run operations of the API reference (ListMapRuns, DescribeMapRun, UpdateMapRun): members
 * and constraints as AWS documents them.
 */
final class MapRunOperations {
  private final StepFunctions engine;
  private final ObjectMapper json;

  MapRunOperations(StepFunctions engine, ObjectMapper json) {
    this.engine = engine;
    this.json = json;
  }

  ObjectNode listMapRuns(JsonRequest request) {
    String executionArn = request.requiredString("executionArn");
    int max = request.maxResults(StepFunctionsApi.DEFAULT_PAGE, StepFunctionsApi.MAX_PAGE);
    List<MapRunInfo> all = engine.listMapRuns(executionArn);
    PageToken.Page<MapRunInfo> page =
        PageToken.page(all, request.optionalString("nextToken"), max, "mapRuns|" + executionArn);
    ObjectNode out = json.createObjectNode();
    ArrayNode items = out.putArray("mapRuns");
    for (MapRunInfo run : page.items()) {
      ObjectNode item = items.addObject();
      item.put("executionArn", run.executionArn());
      item.put("mapRunArn", run.mapRunArn());
      item.put("stateMachineArn", run.stateMachineArn());
      item.put("startDate", StepFunctionsApi.epochSeconds(run.startDate()));
      if (run.stopDate() != null) {
        item.put("stopDate", StepFunctionsApi.epochSeconds(run.stopDate()));
      }
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  ObjectNode describeMapRun(JsonRequest request) {
    MapRunInfo run = engine.describeMapRun(request.requiredString("mapRunArn"));
    ObjectNode out = json.createObjectNode();
    out.put("mapRunArn", run.mapRunArn());
    out.put("executionArn", run.executionArn());
    out.put("status", run.status());
    out.put("startDate", StepFunctionsApi.epochSeconds(run.startDate()));
    if (run.stopDate() != null) {
      out.put("stopDate", StepFunctionsApi.epochSeconds(run.stopDate()));
    }
    out.put("maxConcurrency", run.maxConcurrency());
    out.put("toleratedFailurePercentage", run.toleratedFailurePercentage());
    out.put("toleratedFailureCount", run.toleratedFailureCount());
    counts(out.putObject("itemCounts"), run.itemCounts(), true);
    counts(out.putObject("executionCounts"), run.executionCounts(), false);
    out.put("redriveCount", 0);
    return out;
  }

  ObjectNode updateMapRun(JsonRequest request) {
    String arn = request.requiredString("mapRunArn");
    BigDecimal max = request.optionalNumber("maxConcurrency");
    BigDecimal percentage = request.optionalNumber("toleratedFailurePercentage");
    BigDecimal count = request.optionalNumber("toleratedFailureCount");
    if (max != null
        && (max.signum() < 0 || max.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0)) {
      throw ApiError.constraint(
          "maxConcurrency", max, "Member must have value greater than or equal to 0");
    }
    if (percentage != null
        && (percentage.signum() < 0 || percentage.compareTo(BigDecimal.valueOf(100)) > 0)) {
      throw ApiError.constraint(
          "toleratedFailurePercentage",
          percentage,
          "Member must have value less than or equal to 100");
    }
    if (count != null && count.signum() < 0) {
      throw ApiError.constraint(
          "toleratedFailureCount", count, "Member must have value greater than or equal to 0");
    }
    engine.updateMapRun(
        arn,
        max == null ? null : max.intValue(),
        percentage == null ? null : percentage.doubleValue(),
        count == null ? null : count.longValue());
    return json.createObjectNode();
  }

  private static void counts(ObjectNode out, MapRunInfo.Counts counts, boolean items) {
    out.put("pending", counts.pending());
    out.put("running", counts.running());
    out.put("succeeded", counts.succeeded());
    out.put("failed", counts.failed());
    out.put("timedOut", counts.timedOut());
    out.put("aborted", counts.aborted());
    out.put("total", counts.total());
    out.put("resultsWritten", 0);
    out.put("failuresNotRedrivable", 0);
    out.put("pendingRedrive", 0);
  }
}
