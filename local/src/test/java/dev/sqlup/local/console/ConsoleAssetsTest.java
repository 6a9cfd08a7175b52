package dev.sqlup.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleAssetsTest {
  @TempDir Path dir;
  private HttpServer server;
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void serve() throws Exception {
    Files.createDirectories(dir.resolve("console/assets"));
    Files.writeString(
        dir.resolve("console/index.html"), "<!doctype html><title>sqlup console</title>");
    Files.writeString(dir.resolve("console/assets/index-abc.js"), "console.log(1)");
    Files.writeString(dir.resolve("secret.txt"), "not for the web");
    ConsoleAssets assets =
        new ConsoleAssets(new URLClassLoader(new URL[] {dir.toUri().toURL()}, null));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            if (assets.handle(exchange) < 0) {
              exchange.sendResponseHeaders(418, -1); // what the API would answer
            }
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void consoleUrls_getTheApp_assetsAreCachedForGood_andNothingElseIsServed() throws Exception {
    HttpResponse<String> page = get("/console/instances/rm-guide-600g");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("sqlup console");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");

    HttpResponse<String> script = get("/console/assets/index-abc.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(script.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");

    assertThat(get("/console/assets/missing.js").statusCode()).isEqualTo(404);
    assertThat(get("/console/..%2Fsecret.txt").statusCode()).isEqualTo(404);
    assertThat(get("/console/").body()).contains("sqlup console");
    assertThat(get("/").headers().firstValue("Location")).hasValue("/console/");
    // API paths pass through
    assertThat(get("/instances").statusCode()).isEqualTo(418);
    assertThat(get("/tasks/up-1").statusCode()).isEqualTo(418);
  }

  @Test
  void withoutABuiltConsole_saysHowToBuildIt() throws Exception {
    ConsoleAssets none = new ConsoleAssets(new URLClassLoader(new URL[0], null));
    assertThat(none.available()).isFalse();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
