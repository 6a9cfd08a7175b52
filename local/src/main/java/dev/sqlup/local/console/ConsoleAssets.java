package dev.sqlup.local.console;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The web console's built files (console/dist, packaged into the jar under {@code /console/}) at
 * {@code /console/}. Every path under it that is not a file gets {@code index.html}, so the
 * console's own URLs ({@code /console/instances/rm-1}) can be opened, reloaded and bookmarked;
 * {@code /} redirects to the console. The API's routes never start with {@code /console/}, so
 * nothing here shadows them.
 */
public final class ConsoleAssets implements LocalRoute {
  public static final String PREFIX = "/console/";
  private static final String RESOURCE_ROOT = "console/";
  private static final Map<String, String> TYPES =
      Map.of(
          "html",
          "text/html; charset=utf-8",
          "js",
          "text/javascript; charset=utf-8",
          "css",
          "text/css; charset=utf-8",
          "svg",
          "image/svg+xml",
          "png",
          "image/png",
          "woff2",
          "font/woff2",
          "woff",
          "font/woff",
          "json",
          "application/json",
          "ico",
          "image/x-icon",
          "txt",
          "text/plain; charset=utf-8");

  private final ClassLoader loader;

  public ConsoleAssets(ClassLoader loader) {
    this.loader = loader;
  }

  /** Whether the jar holds a built console (a build with -Dconsole.skip has none). */
  public boolean available() {
    return loader.getResource(RESOURCE_ROOT + "index.html") != null;
  }

  @Override
  public int handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return -1;
    }
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/") || path.equals("/console")) {
      exchange.getResponseHeaders().set("Location", PREFIX);
      exchange.sendResponseHeaders(302, -1);
      return 302;
    }
    if (!path.startsWith(PREFIX)) {
      return -1;
    }
    String relative = path.substring(PREFIX.length());
    boolean asset = relative.startsWith("assets/") || relative.contains(".");
    if (relative.contains("..") || relative.contains("//") || relative.contains("\\")) {
      return notFound(exchange);
    }
    String file = relative;
    byte[] body = relative.isEmpty() ? null : read(RESOURCE_ROOT + relative);
    if (body == null && asset) {
      return notFound(exchange);
    }
    if (body == null) {
      // a console URL (client route): the app's page, which routes it
      file = "index.html";
      body = read(RESOURCE_ROOT + file);
      if (body == null) {
        byte[] text =
            ("the console is not in this build (built with -Dconsole.skip?): build it with "
                    + "`mvn -pl local -am package` (needs Node.js 20+ and npm on PATH)\n")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(404, text.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(text);
        }
        return 404;
      }
    }
    String extension = file.substring(file.lastIndexOf('.') + 1);
    exchange
        .getResponseHeaders()
        .set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
    // Vite names assets after their content hash: cache them for good; index.html must always be
    // fresh.
    exchange
        .getResponseHeaders()
        .set(
            "Cache-Control",
            file.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = method.equals("HEAD");
    exchange.sendResponseHeaders(200, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    return 200;
  }

  private byte[] read(String resource) throws IOException {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  private static int notFound(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(404, -1);
    return 404;
  }
}
