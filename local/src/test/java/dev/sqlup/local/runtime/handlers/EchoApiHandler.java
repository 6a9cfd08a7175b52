package dev.sqlup.local.runtime.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Echoes what it received (method, resource, path parameters, query, body, request context) plus
 * the environment it was built with and how many times this instance ran.
 */
public final class EchoApiHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FakeServices services;
  private int invocations;

  public EchoApiHandler() {
    this(new FakeServices(Map.of(), java.time.Clock.systemUTC()));
  }

  public EchoApiHandler(FakeServices services) {
    this.services = services;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    invocations++;
    context.getLogger().log("echo " + event.getHttpMethod() + " " + event.getPath());
    ObjectNode body = JSON.createObjectNode();
    body.put("httpMethod", event.getHttpMethod());
    body.put("resource", event.getResource());
    body.put("path", event.getPath());
    body.set("pathParameters", JSON.valueToTree(event.getPathParameters()));
    body.set("queryStringParameters", JSON.valueToTree(event.getQueryStringParameters()));
    body.set(
        "multiValueQueryStringParameters",
        JSON.valueToTree(event.getMultiValueQueryStringParameters()));
    body.put("body", event.getBody());
    body.put(
        "stage", event.getRequestContext() == null ? null : event.getRequestContext().getStage());
    body.put(
        "sourceIp",
        event.getRequestContext() == null
            ? null
            : event.getRequestContext().getIdentity().getSourceIp());
    body.put(
        "contentType", event.getHeaders() == null ? null : event.getHeaders().get("Content-Type"));
    body.put("tableName", services.env().get("TASKS_TABLE"));
    body.put("dynamodbEndpoint", services.env().get("AWS_ENDPOINT_URL_DYNAMODB"));
    body.put("invocations", invocations);
    body.put("functionName", context.getFunctionName());
    body.put("clockMillis", services.clock().millis());
    int status =
        event.getQueryStringParameters() != null
                && event.getQueryStringParameters().containsKey("status")
            ? Integer.parseInt(event.getQueryStringParameters().get("status"))
            : 200;
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(status)
        .withHeaders(Map.of("Content-Type", "application/json", "X-Handler", "echo"))
        .withBody(body.toString());
  }
}
