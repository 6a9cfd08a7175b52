package dev.sqlup.local.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.model.TaskContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code arn:aws:states:::events:putEvents[.waitForTaskToken]} (developer guide "Add EventBridge
 * events with Step Functions"): Parameters {@code {"Entries":[...]}}; each entry is handed to the
 * configured listener; the result is {@code {"Entries":[{"EventId":...}],"FailedEntryCount":0}}.
 */
public record EventsPutEventsResource(String arn, boolean waitForTaskToken)
    implements TaskResource {
  @Override
  public String resourceType() {
    return "events";
  }

  @Override
  public String resourceName() {
    return waitForTaskToken ? "putEvents.waitForTaskToken" : "putEvents";
  }

  @Override
  public JsonNode call(JsonNode parameters, TaskServices services, TaskContext ctx) {
    JsonNode entries = parameters.get("Entries");
    if (entries == null || !entries.isArray() || entries.isEmpty()) {
      throw new StatesError(
          "EventBridge.ValidationException", "putEvents needs a non-empty Entries array");
    }
    List<JsonNode> list = new ArrayList<>();
    entries.forEach(list::add);
    if (services.events() != null) {
      services.events().onPutEvents(ctx.executionArn(), list);
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    ArrayNode ids = result.putArray("Entries");
    for (int i = 0; i < list.size(); i++) {
      ids.addObject().put("EventId", UUID.randomUUID().toString());
    }
    result.put("FailedEntryCount", 0);
    return result;
  }
}
