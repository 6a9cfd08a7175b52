package dev.sqlup.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The sweeper's PutMetricData through the real SDK client (url-connection) against a loopback HTTP
 * server playing CloudWatch (CloudWatch itself cannot run here); and nothing at all when metrics
 * are off.
 */
class CloudWatchMetricsTest {
  record Request(String path, Map<String, List<String>> headers, String body) {}

  @Test
  void publishCounts_sendsOnePutMetricDataUnderTheNamespace() throws Exception {
    List<Request> requests = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(
              new Request(
                  exchange.getRequestURI().getPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  new String(
                      exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1)));
          exchange.getResponseHeaders().add("x-amzn-RequestId", "req-1");
          exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
          exchange.getResponseHeaders().add("Content-Type", "application/cbor");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      Services services =
          new Services(
              Map.of(
                  "METRICS_NAMESPACE",
                  "sqlup/prod",
                  "AWS_REGION",
                  "eu-west-1",
                  "AWS_ACCESS_KEY_ID",
                  "k",
                  "AWS_SECRET_ACCESS_KEY",
                  "s",
                  "AWS_ENDPOINT_URL_CLOUDWATCH",
                  "http://127.0.0.1:" + server.getAddress().getPort()),
              Clock.systemUTC());
      CloudWatchMetrics metrics = CloudWatchMetrics.of(services);
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("ActiveUpgrades", 3L);
      counts.put("TasksOverEstimate", 1L);

      metrics.publishCounts(counts, Instant.parse("2026-11-24T08:00:00Z"));

      assertThat(metrics.enabled()).isTrue();
      assertThat(requests).hasSize(1);
      Request r = requests.get(0);
      assertThat(r.path()).endsWith("PutMetricData");
      assertThat(r.headers().toString()).contains("AWS4-HMAC-SHA256", "eu-west-1/monitoring");
      assertThat(r.body()).contains("sqlup/prod", "ActiveUpgrades", "TasksOverEstimate", "Count");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void blankNamespace_isOff_andNeverBuildsAClient() {
    CloudWatchMetrics metrics =
        new CloudWatchMetrics(
            "",
            () -> {
              throw new AssertionError("no client when metrics are off");
            });
    metrics.publishCounts(Map.of("ActiveUpgrades", 1L), Instant.EPOCH);
    assertThat(metrics.enabled()).isFalse();
    assertThat(CloudWatchMetrics.of(new Services(Map.of(), Clock.systemUTC())).enabled()).isFalse();
  }
}
