package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.JsonLog;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.UpgradeRejected;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.json.Json;
import dev.sqlup.store.ItemCodec;
import dev.sqlup.store.StoreException;
import dev.sqlup.store.UpgradeInProgressException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The template every route handler follows: parse, call the domain and the store, answer JSON.
 * Errors become {@code {"code","message","requestId"}} (plus {@code field} and extras) with a
 * stable code; only unexpected failures are 5xx.
 *
 * <p>A {@link RequestStreamHandler}: the proxy event and response are read and written by {@link
 * ProxyEvents} (Jackson jr) because the Lambda runtime's own event deserialisation, reflective
 * Jackson, costs a cold start about 190 ms (docs/BENCHMARKS.md, "Cold start"). The typed {@link
 * #handleRequest(APIGatewayProxyRequestEvent, Context)} is what the stream method calls, and what
 * tests call directly.
 */
abstract class ApiHandler implements RequestStreamHandler, SnapStartPriming.Primed {
  protected final Services services;
  private SnapStartPriming priming;

  protected ApiHandler(Services services) {
    this.services = services;
  }

  /**
   * What the no-arg constructor (the Lambda runtime's) adds: the SDK client is built now, during
   * init, where SnapStart snapshots it (a classic cold start pays the same either way), and the
   * route's priming is registered to run before the snapshot.
   */
  protected final void initForLambda() {
    services.dynamoDb();
    priming().register();
  }

  /** This route's SnapStart priming (registered only by the Lambda runtime's constructor). */
  @Override
  public final synchronized SnapStartPriming priming() {
    if (priming == null) {
      priming = new SnapStartPriming(getClass().getSimpleName());
      PrimingRequest request = primingRequest();
      // Through the stream method, bytes in and out, so the snapshot holds what a real first
      // request loads.
      priming.step(
          "request answered " + request.status() + " without writing",
          () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handleRequest(
                new ByteArrayInputStream(ProxyEvents.writeRequest(request.event())), out, null);
            APIGatewayProxyResponseEvent response = ProxyEvents.readResponse(out.toByteArray());
            if (response.getStatusCode() != request.status()) {
              throw new IllegalStateException(
                  "answered " + response.getStatusCode() + ": " + response.getBody());
            }
          });
      addPrimingSteps(priming);
    }
    return priming;
  }

  /** A request to this route that is answered without writing, and the status it gets. */
  record PrimingRequest(APIGatewayProxyRequestEvent event, int status) {}

  /**
   * The route's priming request: an id no record has (answered 404 after one GetItem, the store's
   * read path), or on routes that write, a body refused by validation (400).
   */
  protected abstract PrimingRequest primingRequest();

  /** Further read-only steps of the route's first request (JSON of the records it answers with). */
  protected void addPrimingSteps(SnapStartPriming priming) {}

  static APIGatewayProxyRequestEvent primingEvent(
      String method, String resource, Map<String, String> pathParameters, String body) {
    String path = resource;
    for (Map.Entry<String, String> p : pathParameters.entrySet()) {
      path = path.replace("{" + p.getKey() + "}", p.getValue());
    }
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod(method)
        .withResource(resource)
        .withPath(path)
        .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withBody(body)
        .withRequestContext(
            new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId("snapstart-priming"));
  }

  /**
   * The instance routes' records: a sample registration parsed, through the item codec, to its
   * view's JSON.
   */
  static void primeInstanceJson(Services services) throws IOException {
    Instance instance =
        RegisterInstanceHandler.parse(
            Json.readObject(primingResource("instance.json")), services.catalogue());
    Json.write(Views.instance(ItemCodec.fromItem(ItemCodec.toItem(instance), Instance.class)));
  }

  /** The task routes' records: a sample task through the item codec to its view's JSON. */
  static void primeTaskJson() throws IOException {
    UpgradeTask task = Json.read(primingResource("task.json"), UpgradeTask.class);
    Json.write(Views.task(ItemCodec.fromItem(ItemCodec.toItem(task), UpgradeTask.class)));
  }

  private static byte[] primingResource(String name) throws IOException {
    try (InputStream in = ApiHandler.class.getResourceAsStream("priming/" + name)) {
      if (in == null) {
        throw new IOException("resource dev/sqlup/api/priming/" + name + " is missing");
      }
      return in.readAllBytes();
    }
  }

  /** The route's work; returns the response or throws {@link ApiException}. */
  protected abstract APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event);

  /**
   * The Lambda entry point: the proxy event's JSON in, the proxy response's JSON out. A payload
   * that is not a proxy event (only possible when the function is invoked directly) is answered 400
   * {@code MalformedEvent}.
   */
  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    byte[] payload = input.readAllBytes();
    APIGatewayProxyRequestEvent event;
    try {
      event = ProxyEvents.readRequest(payload);
    } catch (ProxyEvents.MalformedEvent e) {
      ProxyEvents.writeResponse(
          error(
              new ApiException(400, "MalformedEvent", "event", e.getMessage(), null),
              requestId(null, context)),
          output);
      return;
    }
    ProxyEvents.writeResponse(handleRequest(event, context), output);
  }

  /** The route's answer to a parsed event; never throws (errors are responses). */
  public final APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    String requestId = requestId(event, context);
    try {
      if (event == null) {
        throw ApiException.invalid("event", "no request");
      }
      return handle(event);
    } catch (ApiException e) {
      return error(e, requestId);
    } catch (UpgradeInProgressException e) {
      return error(
          new ApiException(409, e.code(), null, e.getMessage(), Map.of("taskId", e.activeTaskId())),
          requestId);
    } catch (dev.sqlup.store.InvalidNextTokenException e) {
      return error(ApiException.invalid("nextToken", e.getMessage()), requestId);
    } catch (StoreException e) {
      return error(
          new ApiException(statusOf(e.code()), e.code(), null, e.getMessage(), null), requestId);
    } catch (UpgradeRejected e) {
      return error(new ApiException(422, e.code(), e.field(), e.getMessage(), null), requestId);
    } catch (RuntimeException e) {
      // One JSON line like the workflow's (dev.sqlup.config.JsonLog): the route as the phase.
      Map<String, String> path =
          event == null || event.getPathParameters() == null ? Map.of() : event.getPathParameters();
      JsonLog.to(
              context != null && context.getLogger() != null
                  ? context.getLogger()::log
                  : System.err::println,
              services.clock(),
              null)
          .with("taskId", path.get("taskId"))
          .with("instanceId", path.get("instanceId"))
          .with(
              "phase",
              event == null ? "api" : "api " + event.getHttpMethod() + " " + event.getResource())
          .error("InternalError", Map.of("requestId", requestId, "error", e.toString()));
      return error(
          new ApiException(500, "InternalError", null, "internal error; retry later", null),
          requestId);
    }
  }

  private static int statusOf(String code) {
    return switch (code) {
      case "InstanceNotFound", "TaskNotFound", "CampaignNotFound" -> 404;
      case "InvalidParameter" -> 400;
      default -> 409;
    };
  }

  private static String requestId(APIGatewayProxyRequestEvent event, Context context) {
    if (event != null
        && event.getRequestContext() != null
        && event.getRequestContext().getRequestId() != null) {
      return event.getRequestContext().getRequestId();
    }
    return context != null && context.getAwsRequestId() != null
        ? context.getAwsRequestId()
        : "local";
  }

  static APIGatewayProxyResponseEvent json(int status, Object body) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(status)
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withBody(Json.write(body));
  }

  static APIGatewayProxyResponseEvent error(ApiException e, String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", e.code());
    body.put("message", e.getMessage());
    body.put("requestId", requestId);
    if (e.field() != null) {
      body.put("field", e.field());
    }
    body.putAll(e.extra());
    return json(e.status(), body);
  }
}
