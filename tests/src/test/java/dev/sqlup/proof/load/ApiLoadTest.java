package dev.sqlup.proof.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.local.runtime.InProcessLambda;
import dev.sqlup.local.runtime.LocalServer;
import dev.sqlup.proof.CfnTemplate;
import dev.sqlup.proof.Docs;
import dev.sqlup.testing.Dynalite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 §3: the API of {@code serve} (API Gateway emulator, real handlers in-process, dynalite)
 * under 100 concurrent clients for 60 s on loopback: p50/p99 latency per route and no 5xx. A Java
 * load generator (java.net.http, one client per thread, closed loop, no think time); mixed reads
 * and a share of registrations.
 */
@Tag("slow")
class ApiLoadTest {
  static final int CLIENTS = Integer.getInteger("proof.load.clients", 100);
  static final Duration DURATION = Duration.ofSeconds(Long.getLong("proof.load.seconds", 60));

  @Test
  void hundredClients_sixtySeconds_noServerErrors() throws Exception {
    var root = Dynalite.projectRoot();
    try (LocalServer serve =
        LocalServer.start(
            new LocalServer.Config(
                CfnTemplate.defaultPath(root),
                root,
                0,
                freePort(),
                freePort(),
                "real",
                Instant.now(),
                null,
                null,
                InProcessLambda.SERVICES_CLASS),
            line -> {})) {
      String base = serve.api().url();
      HttpClient seedClient = HttpClient.newHttpClient();
      String register = Files.readString(root.resolve("events/register-instance.json"));
      String body =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(register)
              .path("body")
              .asText();
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> r =
            seedClient.send(
                HttpRequest.newBuilder(URI.create(base + "/instances"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            body.replace("rm-guide-1", "rm-load-" + i)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      }
      Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
      Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
      AtomicLong registered = new AtomicLong();
      CountDownLatch done = new CountDownLatch(CLIENTS);
      long end = System.nanoTime() + DURATION.toNanos();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        Thread t =
            new Thread(
                () -> {
                  HttpClient http =
                      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                  SplittableRandom random = new SplittableRandom(client);
                  List<Long> mine = new ArrayList<>();
                  try {
                    while (System.nanoTime() < end) {
                      int pick = random.nextInt(100);
                      String id = "rm-load-" + random.nextInt(20);
                      String route;
                      HttpRequest request;
                      if (pick < 50) {
                        route = "GET /instances/{instanceId}";
                        request =
                            HttpRequest.newBuilder(URI.create(base + "/instances/" + id))
                                .GET()
                                .build();
                      } else if (pick < 65) {
                        route = "GET /instances";
                        request =
                            HttpRequest.newBuilder(URI.create(base + "/instances?limit=10"))
                                .GET()
                                .build();
                      } else if (pick < 80) {
                        route = "GET /instances/{instanceId}/upgrade-options";
                        request =
                            HttpRequest.newBuilder(
                                    URI.create(base + "/instances/" + id + "/upgrade-options"))
                                .GET()
                                .build();
                      } else if (pick < 95) {
                        route = "GET /instances/{instanceId}/tasks";
                        request =
                            HttpRequest.newBuilder(URI.create(base + "/instances/" + id + "/tasks"))
                                .GET()
                                .build();
                      } else {
                        route = "POST /instances";
                        request =
                            HttpRequest.newBuilder(URI.create(base + "/instances"))
                                .header("Content-Type", "application/json")
                                .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                        body.replace(
                                            "rm-guide-1",
                                            "rm-load-new-"
                                                + client
                                                + "-"
                                                + registered.incrementAndGet())))
                                .build();
                      }
                      long t0 = System.nanoTime();
                      HttpResponse<Void> r =
                          http.send(request, HttpResponse.BodyHandlers.discarding());
                      long micros = (System.nanoTime() - t0) / 1000;
                      latencies
                          .computeIfAbsent(
                              route, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                          .add(micros);
                      mine.add(micros);
                      statuses
                          .computeIfAbsent(route + " " + r.statusCode(), k -> new AtomicLong())
                          .incrementAndGet();
                    }
                  } catch (IOException | InterruptedException e) {
                    statuses
                        .computeIfAbsent(
                            "client error " + e.getClass().getSimpleName(), k -> new AtomicLong())
                        .incrementAndGet();
                  } finally {
                    done.countDown();
                  }
                },
                "load-" + c);
        t.setDaemon(true);
        t.start();
      }
      done.await();
      List<Long> all = new ArrayList<>();
      latencies.values().forEach(all::addAll);
      long total = all.size();
      long fiveXx =
          statuses.entrySet().stream()
              .filter(e -> e.getKey().matches(".* 5\\d\\d"))
              .mapToLong(e -> e.getValue().get())
              .sum();
      long clientErrors =
          statuses.entrySet().stream()
              .filter(e -> e.getKey().startsWith("client error"))
              .mapToLong(e -> e.getValue().get())
              .sum();
      String summary =
          String.format(
              "api load: %d clients for %d s on loopback: %d requests (%.0f/s), p50 %.1f ms, "
                  + "p99 %.1f ms, %d x 5xx, %d client-side errors",
              CLIENTS,
              DURATION.toSeconds(),
              total,
              total / (double) DURATION.toSeconds(),
              pct(all, 50) / 1000.0,
              pct(all, 99) / 1000.0,
              fiveXx,
              clientErrors);
      System.out.println(summary);
      StringBuilder md =
          new StringBuilder(
              "## API under load\n\nCommand: `mvn -B -o -Pslow -pl tests -am verify "
                  + "-Dtest=ApiLoadTest -Dsurefire.failIfNoSpecifiedTests=false -Dproof.docs=true` (class "
                  + "`dev.sqlup.proof.load.ApiLoadTest`: `serve`'s API Gateway emulator with the real handlers in-process "
                  + "and dynalite, on this 2-core machine shared with other builds).\n\nResult: "
                  + summary
                  + "\n\n| route | requests | p50 ms | p99 ms |\n|---|---:|---:|---:|\n");
      new TreeMap<>(latencies)
          .forEach(
              (route, l) ->
                  md.append(
                      String.format(
                          "| %s | %d | %.1f | %.1f |%n",
                          route, l.size(), pct(l, 50) / 1000.0, pct(l, 99) / 1000.0)));
      md.append("\n| route and status | count |\n|---|---:|\n");
      new TreeMap<>(statuses)
          .forEach(
              (k, v) -> md.append("| ").append(k).append(" | ").append(v.get()).append(" |\n"));
      Docs.write("RELIABILITY.md", "## API under load", md.toString());
      assertThat(fiveXx).isZero();
      assertThat(clientErrors).isZero();
      assertThat(total).isPositive();
    }
  }

  private static long pct(List<Long> values, int p) {
    List<Long> sorted;
    synchronized (values) {
      sorted = new ArrayList<>(values);
    }
    sorted.sort(null);
    return sorted.isEmpty()
        ? 0
        : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
