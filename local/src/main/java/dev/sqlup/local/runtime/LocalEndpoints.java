package dev.sqlup.local.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment overrides a function gets locally on top of the template's variables: the SDK's
 * standard endpoint variables pointing at the local services, the region and dummy credentials.
 */
public final class LocalEndpoints {
  private LocalEndpoints() {}

  /**
   * @param dynamodb e.g. {@code http://127.0.0.1:8000}; null leaves the variable out
   * @param stepFunctions e.g. {@code http://127.0.0.1:8083}; null leaves it out
   * @param eventBridge null leaves it out (no local EventBridge API yet)
   */
  public static Map<String, String> overrides(String dynamodb, String stepFunctions, String eventBridge) {
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
    env.put("AWS_REGION", TemplateResolver.REGION);
    env.put("AWS_DEFAULT_REGION", TemplateResolver.REGION);
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    return env;
  }
}
