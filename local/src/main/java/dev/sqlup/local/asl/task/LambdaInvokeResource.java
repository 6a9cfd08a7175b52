package dev.sqlup.local.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.model.TaskContext;
import java.util.UUID;

/**
 * {@code arn:aws:states:::lambda:invoke[.waitForTaskToken]} (developer guide "Invoke an AWS Lambda
 * function with Step Functions"): Parameters carry FunctionName (name, partial or full ARN) and
 * Payload; the result is the Invoke response as Step Functions returns it (ExecutedVersion,
 * Payload, SdkHttpMetadata, SdkResponseMetadata, StatusCode).
 */
public record LambdaInvokeResource(
    String arn, boolean waitForTaskToken, String region, String account) implements TaskResource {

  @Override
  public String resourceType() {
    return "lambda";
  }

  @Override
  public String resourceName() {
    return waitForTaskToken ? "invoke.waitForTaskToken" : "invoke";
  }

  @Override
  public JsonNode call(JsonNode parameters, TaskServices services, TaskContext ctx) {
    JsonNode functionName = parameters.get("FunctionName");
    if (functionName == null || !functionName.isTextual()) {
      throw new StatesError(
          "States.Runtime",
          "lambda:invoke needs a string FunctionName in Parameters: " + parameters);
    }
    String functionArn = functionArn(functionName.asText());
    JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : NullNode.instance;
    if (services.invoker() == null) {
      throw new StatesError(
          "Lambda.ResourceNotFoundException", "Function not found: " + functionArn);
    }
    JsonNode result = services.invoker().invoke(functionArn, payload, ctx);
    return invokeResponse(result);
  }

  private String functionArn(String name) {
    if (name.startsWith("arn:")) {
      return name;
    }
    if (name.contains(":function:")) {
      return "arn:aws:lambda:" + region + ":" + name;
    }
    return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
  }

  static ObjectNode invokeResponse(JsonNode payload) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    String requestId = UUID.randomUUID().toString();
    ObjectNode response = f.objectNode();
    response.put("ExecutedVersion", "$LATEST");
    response.set("Payload", payload == null ? NullNode.instance : payload);
    ObjectNode http = response.putObject("SdkHttpMetadata");
    ObjectNode allHeaders = http.putObject("AllHttpHeaders");
    allHeaders.putArray("X-Amz-Executed-Version").add("$LATEST");
    allHeaders.putArray("x-amzn-Remapped-Content-Length").add("0");
    allHeaders.putArray("Connection").add("keep-alive");
    allHeaders.putArray("x-amzn-RequestId").add(requestId);
    allHeaders.putArray("Content-Type").add("application/json");
    ObjectNode headers = http.putObject("HttpHeaders");
    headers.put("Connection", "keep-alive");
    headers.put("Content-Type", "application/json");
    headers.put("X-Amz-Executed-Version", "$LATEST");
    headers.put("x-amzn-Remapped-Content-Length", "0");
    headers.put("x-amzn-RequestId", requestId);
    http.put("HttpStatusCode", 200);
    response.putObject("SdkResponseMetadata").put("RequestId", requestId);
    response.put("StatusCode", 200);
    return response;
  }
}
