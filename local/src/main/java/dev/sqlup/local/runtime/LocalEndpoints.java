package dev.sqlup.local.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment overrides a function gets locally on top of the template's variables: the SDK's
 * standard endpoint variables pointing at the local services, the region and dummy credentials, the
 * simulated data plane enabled ({@code DATA_PLANE=simulated}) and CloudWatch metrics off.
 */
public final class LocalEndpoints {
  private LocalEndpoints() {}

  /**
   * @param dynamodb e.g. {@code http://127.0.0.1:8000}; null leaves the variable out
   * @param stepFunctions e.g. {@code http://127.0.0.1:8083}; null leaves it out
   * @param eventBridge null leaves it out (no local EventBridge API yet)
   */
  public static Map<String, String> overrides(
      String dynamodb, String stepFunctions, String eventBridge) {
    Map<String, String> env = new LinkedHashMap<>();
    if (dynamodb != null) {
      env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamodb);
    }
    if (stepFunctions != null) {
      env.put("AWS_ENDPOINT_URL_SFN", stepFunctions);
    }
    if (eventBridge != null) {
      env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBridge);
    }
    // The simulated fleet: the local runtime's data plane, asked for by name (a deployed stack's
    // DataPlane
    // parameter defaults to sqlserver, which refuses simulated instances).
    env.put("DATA_PLANE", "simulated");
    // No CloudWatch here: the sweeper publishes no metrics and the phases write no embedded-metric
    // lines.
    env.put("METRICS_NAMESPACE", "");
    env.put("AWS_REGION", TemplateResolver.REGION);
    env.put("AWS_DEFAULT_REGION", TemplateResolver.REGION);
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    return env;
  }
}
