package dev.sqlup.local.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A scripted stand-in for the remote sqlup API: fixed answers per "METHOD path", requests recorded.
 */
final class FakeApi implements AutoCloseable {
  record Answer(int status, String body) {}

  record Request(String method, String path, String body, Map<String, List<String>> headers) {}

  private final HttpServer server;
  private final Map<String, Supplier<Answer>> answers = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
            requests.add(
                new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    body,
                    Map.copyOf(exchange.getRequestHeaders())));
            Supplier<Answer> answer = answers.get(key);
            Answer a =
                answer == null
                    ? new Answer(
                        404,
                        "{\"code\":\"NotFound\",\"message\":\"no route "
                            + key
                            + "\",\"requestId\":\"r-404\"}")
                    : answer.get();
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
          }
        });
    server.start();
  }

  FakeApi on(String methodAndPath, int status, String body) {
    answers.put(methodAndPath, () -> new Answer(status, body));
    return this;
  }

  FakeApi on(String methodAndPath, Supplier<Answer> answer) {
    answers.put(methodAndPath, answer);
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
