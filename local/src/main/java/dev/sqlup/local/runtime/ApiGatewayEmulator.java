package dev.sqlup.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sqlup.local.console.LocalRoute;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The REST API of the template on loopback: every {@code Api} event of every function, invoked
 * in-process with the event API Gateway's Lambda proxy integration sends, and the proxy response
 * mapped back.
 *
 * <p>As API Gateway (REST) does: an unknown resource or method answers 403 {@code
 * {"message":"Missing Authentication Token"}}; a handler that throws, times out or returns
 * something that is not a proxy response answers 502 {@code {"message": "Internal server error"}}.
 * Routes are served at the root (no stage prefix), as {@code sam local start-api} does; {@code
 * requestContext.stage} carries the stage. Header names reach the handler as the JDK server
 * canonicalizes them ({@code Content-type}), not byte-for-byte as the client sent them.
 */
public final class ApiGatewayEmulator implements AutoCloseable {
  public static final int DEFAULT_PORT = 3000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ApiRoute> routes;
  private final InProcessLambda lambda;
  private final Consumer<String> log;
  private final ProxyEventBuilder events;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<LocalRoute> localRoutes = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Binds 127.0.0.1:{@code port} (0 = any free port) and starts serving.
   *
   * @param clock stamps {@code requestContext.requestTime(Epoch)}
   * @param log receives one line per request: method, path, status, milliseconds
   * @throws UserException when the port is in use
   */
  public ApiGatewayEmulator(InProcessLambda lambda, int port, Clock clock, Consumer<String> log) {
    this.lambda = lambda;
    this.log = log;
    this.routes = routes(lambda.template());
    this.events = new ProxyEventBuilder(clock, stageOf(lambda.template()));
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (BindException e) {
      throw new UserException(
          "port " + port + " is in use: stop what is using it or pass --api-port <port>");
    } catch (IOException e) {
      throw new UserException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
    }
    executor =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "api-gateway");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Every Api event of the template, most specific first. */
  public static List<ApiRoute> routes(SamTemplate template) {
    List<ApiRoute> out = new ArrayList<>();
    for (SamFunction f : template.functions()) {
      for (SamFunction.ApiEvent e : f.apiEvents()) {
        out.add(new ApiRoute(e.path(), e.method(), f.logicalId()));
      }
    }
    out.sort(Comparator.comparingInt(ApiRoute::specificity).reversed());
    return List.copyOf(out);
  }

  /** Also serve {@code route} (consulted before the template's routes, in the order added). */
  public void addLocalRoute(LocalRoute route) {
    localRoutes.add(route);
  }

  public List<ApiRoute> routes() {
    return routes;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  private static String stageOf(SamTemplate template) {
    for (String id : template.logicalIdsOfType("AWS::Serverless::Api")) {
      JsonNode stage =
          template.json().path("Resources").path(id).path("Properties").get("StageName");
      if (stage != null) {
        return template.resolver().resolveString(stage);
      }
    }
    return "Prod"; // the stage of SAM's implicit ServerlessRestApi
  }

  private void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    int status;
    try (exchange) {
      int local = -1;
      for (LocalRoute r : localRoutes) {
        if ((local = r.handle(exchange)) >= 0) {
          break;
        }
      }
      if (local >= 0) {
        log.accept(
            String.format(
                "%s %s %d %d ms",
                exchange.getRequestMethod(),
                exchange.getRequestURI(),
                local,
                (System.nanoTime() - start) / 1_000_000));
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      List<String> segments =
          ApiRoute.segments(path).stream().map(ProxyEventBuilder::decode).toList();
      ApiRoute route = null;
      Map<String, String> params = null;
      for (ApiRoute r : routes) {
        if (r.accepts(exchange.getRequestMethod()) && (params = r.match(segments)) != null) {
          route = r;
          break;
        }
      }
      if (route == null) {
        status = 403;
        send(
            exchange,
            status,
            Map.of(
                "Content-Type",
                List.of("application/json"),
                "x-amzn-ErrorType",
                List.of("MissingAuthenticationTokenException")),
            "{\"message\":\"Missing Authentication Token\"}".getBytes(StandardCharsets.UTF_8));
      } else {
        status = invoke(exchange, route, params);
      }
    } catch (RuntimeException e) {
      status = 502;
      log.accept("api: " + e.getMessage());
    }
    log.accept(
        String.format(
            "%s %s %d %d ms",
            exchange.getRequestMethod(),
            exchange.getRequestURI(),
            status,
            (System.nanoTime() - start) / 1_000_000));
  }

  private int invoke(HttpExchange exchange, ApiRoute route, Map<String, String> pathParams)
      throws IOException {
    String requestId = UUID.randomUUID().toString();
    ObjectNode event = event(exchange, route, pathParams, requestId);
    InvocationResult result;
    try {
      result = lambda.invoke(route.functionLogicalId(), event.toString());
    } catch (UserException e) {
      log.accept("api: " + route.functionLogicalId() + ": " + e.getMessage());
      return internalError(exchange, requestId);
    }
    if (result.error()) {
      log.accept("api: " + route.functionLogicalId() + " failed: " + result.payload());
      return internalError(exchange, requestId);
    }
    JsonNode response;
    try {
      response = JSON.readTree(result.payload());
    } catch (IOException e) {
      response = null;
    }
    if (response == null
        || !response.isObject()
        || !response.path("statusCode").canConvertToInt()
        || response.path("statusCode").asInt() < 100
        || response.path("statusCode").asInt() > 599) {
      log.accept(
          "api: "
              + route.functionLogicalId()
              + " returned a malformed proxy response: "
              + result.payload());
      return internalError(exchange, requestId);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    response
        .path("multiValueHeaders")
        .fields()
        .forEachRemaining(
            e -> {
              List<String> values = new ArrayList<>();
              e.getValue().forEach(v -> values.add(v.asText()));
              headers.put(e.getKey(), values);
            });
    response
        .path("headers")
        .fields()
        .forEachRemaining(e -> headers.put(e.getKey(), List.of(e.getValue().asText())));
    if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
      headers.put("Content-Type", List.of("application/json"));
    }
    headers.put("x-amzn-RequestId", List.of(requestId));
    JsonNode body = response.get("body");
    byte[] bytes =
        body == null || body.isNull()
            ? new byte[0]
            : response.path("isBase64Encoded").asBoolean()
                ? Base64.getDecoder().decode(body.asText())
                : body.asText().getBytes(StandardCharsets.UTF_8);
    int status = response.get("statusCode").asInt();
    send(exchange, status, headers, bytes);
    return status;
  }

  private int internalError(HttpExchange exchange, String requestId) throws IOException {
    send(
        exchange,
        502,
        Map.of(
            "Content-Type",
            List.of("application/json"),
            "x-amzn-RequestId",
            List.of(requestId),
            "x-amzn-ErrorType",
            List.of("InternalServerErrorException")),
        "{\"message\": \"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
    return 502;
  }

  /** The REST API Lambda proxy integration event (payload format 1.0). */
  ObjectNode event(
      HttpExchange exchange, ApiRoute route, Map<String, String> pathParams, String requestId)
      throws IOException {
    return events.event(exchange, route, pathParams, requestId, port());
  }

  private static void send(
      HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
      throws IOException {
    headers.forEach((k, v) -> exchange.getResponseHeaders().put(k, new ArrayList<>(v)));
    boolean noBody =
        body.length == 0
            || exchange.getRequestMethod().equals("HEAD")
            || status == 204
            || status == 304;
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
