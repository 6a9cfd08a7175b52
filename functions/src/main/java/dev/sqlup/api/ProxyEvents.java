package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.json.Json;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of API Gateway's REST proxy integration (payload format 1.0), read and written with
 * {@link Json}: the event Lambda hands a function and the response it returns
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html).
 *
 * <p>The event fields read are those the handlers may use: resource, path, httpMethod, headers,
 * multiValueHeaders, queryStringParameters, multiValueQueryStringParameters, pathParameters,
 * stageVariables, body, isBase64Encoded and the request context's ids, route and identity's {@code
 * userArn} and {@code caller} (who switched or rescheduled a task; not the authorizer, which no
 * route reads). Other fields are ignored, as API Gateway may add some; a listed field of the wrong
 * JSON type is a {@link MalformedEvent}.
 */
final class ProxyEvents {
  private ProxyEvents() {}

  /** A payload that is not a proxy event; the message says what is wrong. */
  static final class MalformedEvent extends RuntimeException {
    MalformedEvent(String message) {
      super(message);
    }
  }

  static APIGatewayProxyRequestEvent readRequest(byte[] json) {
    Object tree;
    try {
      tree = Json.readTree(json);
    } catch (Json.MalformedJson e) {
      throw new MalformedEvent("the event is not JSON: " + e.detail());
    }
    Map<String, Object> event = object(tree, "the event");
    APIGatewayProxyRequestEvent request =
        new APIGatewayProxyRequestEvent()
            .withResource(text(event, "resource"))
            .withPath(text(event, "path"))
            .withHttpMethod(text(event, "httpMethod"))
            .withHeaders(texts(event, "headers"))
            .withMultiValueHeaders(textLists(event, "multiValueHeaders"))
            .withQueryStringParameters(texts(event, "queryStringParameters"))
            .withMultiValueQueryStringParameters(
                textLists(event, "multiValueQueryStringParameters"))
            .withPathParameters(texts(event, "pathParameters"))
            .withStageVariables(texts(event, "stageVariables"))
            .withBody(text(event, "body"));
    request.setIsBase64Encoded(bool(event, "isBase64Encoded"));
    Object context = event.get("requestContext");
    if (context != null) {
      Map<String, Object> c = object(context, "requestContext");
      request.setRequestContext(
          new ProxyRequestContext()
              .withRequestId(text(c, "requestContext", "requestId"))
              .withExtendedRequestId(text(c, "requestContext", "extendedRequestId"))
              .withAccountId(text(c, "requestContext", "accountId"))
              .withApiId(text(c, "requestContext", "apiId"))
              .withStage(text(c, "requestContext", "stage"))
              .withResourceId(text(c, "requestContext", "resourceId"))
              .withResourcePath(text(c, "requestContext", "resourcePath"))
              .withHttpMethod(text(c, "requestContext", "httpMethod"))
              .withPath(text(c, "requestContext", "path"))
              .withRequestTimeEpoch(integer(c, "requestContext", "requestTimeEpoch")));
      Object identity = c.get("identity");
      if (identity != null) {
        Map<String, Object> i = object(identity, "requestContext.identity");
        request
            .getRequestContext()
            .setIdentity(
                new APIGatewayProxyRequestEvent.RequestIdentity()
                    .withUserArn(text(i, "requestContext.identity", "userArn"))
                    .withCaller(text(i, "requestContext.identity", "caller")));
      }
    }
    return request;
  }

  /** The JSON of an event, as API Gateway would send it (the fields {@link #readRequest} reads). */
  static byte[] writeRequest(APIGatewayProxyRequestEvent request) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("resource", request.getResource());
    event.put("path", request.getPath());
    event.put("httpMethod", request.getHttpMethod());
    event.put("headers", request.getHeaders());
    event.put("multiValueHeaders", request.getMultiValueHeaders());
    event.put("queryStringParameters", request.getQueryStringParameters());
    event.put("multiValueQueryStringParameters", request.getMultiValueQueryStringParameters());
    event.put("pathParameters", request.getPathParameters());
    event.put("stageVariables", request.getStageVariables());
    ProxyRequestContext c = request.getRequestContext();
    if (c != null) {
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("requestId", c.getRequestId());
      context.put("extendedRequestId", c.getExtendedRequestId());
      context.put("accountId", c.getAccountId());
      context.put("apiId", c.getApiId());
      context.put("stage", c.getStage());
      context.put("resourceId", c.getResourceId());
      context.put("resourcePath", c.getResourcePath());
      context.put("httpMethod", c.getHttpMethod());
      context.put("path", c.getPath());
      context.put("requestTimeEpoch", c.getRequestTimeEpoch());
      if (c.getIdentity() != null) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("userArn", c.getIdentity().getUserArn());
        identity.put("caller", c.getIdentity().getCaller());
        context.put("identity", identity);
      }
      event.put("requestContext", context);
    }
    event.put("body", request.getBody());
    event.put("isBase64Encoded", Boolean.TRUE.equals(request.getIsBase64Encoded()));
    return Json.writeBytes(event);
  }

  /**
   * Writes the response as Lambda returns it to API Gateway: {@code {"statusCode", "headers",
   * "multiValueHeaders" (only when set), "body", "isBase64Encoded"}}.
   */
  static void writeResponse(APIGatewayProxyResponseEvent response, OutputStream out) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("statusCode", response.getStatusCode());
    json.put("headers", response.getHeaders());
    if (response.getMultiValueHeaders() != null) {
      json.put("multiValueHeaders", response.getMultiValueHeaders());
    }
    json.put("body", response.getBody());
    json.put("isBase64Encoded", Boolean.TRUE.equals(response.getIsBase64Encoded()));
    Json.write(json, out);
  }

  /** Reads a response {@link #writeResponse} wrote (what API Gateway does with it). */
  static APIGatewayProxyResponseEvent readResponse(byte[] json) {
    Map<String, Object> response;
    try {
      response = Json.readObject(json);
    } catch (Json.MalformedJson e) {
      throw new MalformedEvent("the response is not a JSON object: " + e.detail());
    }
    Long status = integer(response, "", "statusCode");
    if (status == null || status < 100 || status > 599) {
      throw new MalformedEvent("the response has no statusCode from 100 to 599");
    }
    APIGatewayProxyResponseEvent out =
        new APIGatewayProxyResponseEvent()
            .withStatusCode(status.intValue())
            .withHeaders(texts(response, "headers"))
            .withMultiValueHeaders(textLists(response, "multiValueHeaders"))
            .withBody(text(response, "body"));
    out.setIsBase64Encoded(bool(response, "isBase64Encoded"));
    return out;
  }

  private static String where(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what) {
    if (!(value instanceof Map<?, ?>)) {
      throw new MalformedEvent(what + " must be a JSON object");
    }
    return (Map<String, Object>) value;
  }

  private static String text(Map<String, Object> json, String name) {
    return text(json, "", name);
  }

  private static String text(Map<String, Object> json, String parent, String name) {
    Object v = json.get(name);
    if (v != null && !(v instanceof String)) {
      throw new MalformedEvent(where(parent, name) + " must be a string or null");
    }
    return (String) v;
  }

  private static Boolean bool(Map<String, Object> json, String name) {
    Object v = json.get(name);
    if (v != null && !(v instanceof Boolean)) {
      throw new MalformedEvent(name + " must be true, false or null");
    }
    return (Boolean) v;
  }

  private static Long integer(Map<String, Object> json, String parent, String name) {
    Object v = json.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Integer || v instanceof Long)) {
      throw new MalformedEvent(where(parent, name) + " must be an integer or null");
    }
    return ((Number) v).longValue();
  }

  /** An object of strings (headers, parameters); null stays null. */
  private static Map<String, String> texts(Map<String, Object> json, String name) {
    Object v = json.get(name);
    if (v == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object(v, name).entrySet()) {
      if (e.getValue() != null && !(e.getValue() instanceof String)) {
        throw new MalformedEvent(name + "." + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), (String) e.getValue());
    }
    return out;
  }

  /** An object of string lists (the multi-value headers and parameters); null stays null. */
  private static Map<String, List<String>> textLists(Map<String, Object> json, String name) {
    Object v = json.get(name);
    if (v == null) {
      return null;
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object(v, name).entrySet()) {
      if (!(e.getValue() instanceof List<?> values)
          || values.stream().anyMatch(x -> !(x instanceof String))) {
        throw new MalformedEvent(name + "." + e.getKey() + " must be an array of strings");
      }
      List<String> strings = new ArrayList<>();
      values.forEach(x -> strings.add((String) x));
      out.put(e.getKey(), strings);
    }
    return out;
  }
}
