package dev.sqlup.local.asl.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sqlup.local.asl.StepFunctions;
import dev.sqlup.local.asl.model.StepFunctionsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AWS Step Functions API over HTTP (AWS JSON 1.0: {@code POST /}, {@code X-Amz-Target:
 * AWSStepFunctions.<Operation>}), in front of a {@link StepFunctions}, so that the AWS SDKs and the
 * AWS CLI work against the embedded engine with an endpoint override.
 *
 * <p>Listens on 127.0.0.1 only. SigV4 {@code Authorization} headers are accepted and not verified:
 * this is a local development endpoint, reachable from this machine only.
 *
 * <pre>{@code
 * try (var server = new StepFunctionsHttpServer(engine, 0).start()) {
 *   SfnClient sfn = SfnClient.builder().endpointOverride(server.endpoint())...build();
 * }
 * }</pre>
 */
public final class StepFunctionsHttpServer implements AutoCloseable {
  /** Step Functions Local's port. */
  public static final int DEFAULT_PORT = 8083;

  static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final String TARGET_PREFIX = "AWSStepFunctions.";

  /** Far above AWS's own limits (1 MB definition, 256 KiB input); guards the heap, not the API. */
  private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  private final StepFunctionsApi api;
  private final ObjectMapper json;
  private final RequestLogger logger;
  private final Clock clock;
  private final int requestedPort;
  private HttpServer http;
  private ExecutorService workers;

  /**
   * A server on {@code port} (0 = any free port) that logs nothing and stamps times with UTC wall
   * time.
   */
  public StepFunctionsHttpServer(StepFunctions engine, int port) {
    this(engine, port, RequestLogger.NONE, Clock.systemUTC());
  }

  /**
   * @param clock stamps the times the facade does not return (UpdateStateMachine's updateDate);
   *     pass the engine's clock when it runs on virtual time
   */
  public StepFunctionsHttpServer(
      StepFunctions engine, int port, RequestLogger logger, Clock clock) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    this.json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.api = new StepFunctionsApi(engine, clock, json);
    this.logger = logger;
    this.clock = clock;
    this.requestedPort = port;
  }

  /** Binds 127.0.0.1 and starts answering; returns this. */
  public synchronized StepFunctionsHttpServer start() throws IOException {
    if (http != null) {
      throw new IllegalStateException("already started");
    }
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 64);
    AtomicInteger threads = new AtomicInteger();
    workers =
        Executors.newFixedThreadPool(
            8,
            task -> {
              Thread thread = new Thread(task, "sfn-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(workers);
    server.createContext("/", this::handle);
    server.start();
    http = server;
    return this;
  }

  /** The bound port (the real one when constructed with port 0). */
  public synchronized int port() {
    if (http == null) {
      throw new IllegalStateException("not started");
    }
    return http.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}, for {@code endpointOverride} and {@code --endpoint-url}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Stops listening and closes open exchanges. Idempotent. */
  public synchronized void stop() {
    if (http == null) {
      return;
    }
    // stop(n) waits the full n seconds on JDK 17 even when idle; requests in flight are cut short.
    http.stop(0);
    workers.shutdown();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http = null;
  }

  @Override
  public void close() {
    stop();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String operation =
        target != null && target.startsWith(TARGET_PREFIX)
            ? target.substring(TARGET_PREFIX.length())
            : null;
    int status = 200;
    String errorCode = null;
    byte[] response;
    try {
      ObjectNode result = dispatch(exchange, operation);
      response = json.writeValueAsBytes(result);
    } catch (ApiError e) {
      status = e.status();
      errorCode = e.code();
      response = errorBody(errorCode, e.getMessage());
    } catch (StepFunctionsException e) {
      status = 400;
      errorCode = e.errorCode();
      response = errorBody(errorCode, e.getMessage());
    } catch (IllegalArgumentException e) {
      // An engine that rejects an argument without a StepFunctionsException still rejected bad
      // input.
      status = 400;
      errorCode = "ValidationException";
      response = errorBody(errorCode, String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      status = 500;
      errorCode = "InternalFailure";
      response = errorBody(errorCode, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    try {
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
      if (errorCode != null) {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", errorCode);
      }
      exchange.sendResponseHeaders(status, response.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(response);
      }
    } finally {
      exchange.close();
      logger.log(
          new RequestLogEntry(
              clock.instant(),
              operation != null ? operation : (target != null ? target : "-"),
              status,
              errorCode,
              (System.nanoTime() - started) / 1000));
    }
  }

  private ObjectNode dispatch(HttpExchange exchange, String operation) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())
        || !"/".equals(exchange.getRequestURI().getPath())) {
      throw new ApiError(
          400,
          "UnknownOperationException",
          "Only POST / is served (AWS JSON 1.0), got "
              + exchange.getRequestMethod()
              + " "
              + exchange.getRequestURI().getPath());
    }
    if (operation == null || !api.operationNames().contains(operation)) {
      throw new ApiError(400, "UnknownOperationException", "Unknown operation: " + operation);
    }
    return api.call(operation, readBody(exchange.getRequestBody()));
  }

  private ObjectNode readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw ApiError.validation("Request body exceeds " + MAX_BODY_BYTES + " bytes");
    }
    if (bytes.length == 0) {
      return json.createObjectNode();
    }
    JsonNode body;
    try {
      body = json.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiError.serialization("Malformed JSON body: " + e.getOriginalMessage());
    }
    if (body == null || body.isMissingNode()) {
      return json.createObjectNode();
    }
    if (!body.isObject()) {
      throw ApiError.serialization("The request body must be a JSON object");
    }
    return (ObjectNode) body;
  }

  private byte[] errorBody(String code, String message) {
    ObjectNode body = json.createObjectNode();
    body.put("__type", code);
    body.put("message", message);
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
