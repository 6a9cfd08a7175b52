package dev.sqlup.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Custom metrics sent with PutMetricData under {@code METRICS_NAMESPACE} (the stack's {@code
 * sqlup/<stack>}). Off when the namespace is blank, as the local runtime sets it: no client is
 * built and nothing is sent. The client is built on first publish, so functions that never publish
 * never pay for it.
 */
public final class CloudWatchMetrics {
  private final String namespace;
  private final Supplier<CloudWatchClient> client;

  public CloudWatchMetrics(String namespace, Supplier<CloudWatchClient> client) {
    this.namespace = namespace == null || namespace.isBlank() ? null : namespace;
    this.client = client;
  }

  public static CloudWatchMetrics of(Services services) {
    return new CloudWatchMetrics(
        services.envOrDefault(JsonLog.METRICS_NAMESPACE, null), services::cloudWatch);
  }

  public boolean enabled() {
    return namespace != null;
  }

  /**
   * Sends one data point per entry (unit Count, no dimensions) at {@code at}; nothing when
   * disabled.
   */
  public void publishCounts(Map<String, Long> counts, Instant at) {
    if (!enabled() || counts.isEmpty()) {
      return;
    }
    List<MetricDatum> data = new ArrayList<>();
    counts.forEach(
        (name, value) ->
            data.add(
                MetricDatum.builder()
                    .metricName(name)
                    .value(value.doubleValue())
                    .unit(StandardUnit.COUNT)
                    .timestamp(at)
                    .build()));
    client
        .get()
        .putMetricData(
            PutMetricDataRequest.builder().namespace(namespace).metricData(data).build());
  }
}
