package dev.sqlup.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One {@code AWS::Serverless::Function} with {@code Globals.Function} merged in.
 *
 * @param handler {@code pkg.Class::method} (or {@code pkg.Class})
 * @param environment raw {@code Environment.Variables} (values may be intrinsics; see {@link
 *     TemplateResolver#environment})
 * @param timeoutSeconds the template's Timeout (SAM's default is 3 s)
 */
public record SamFunction(
    String logicalId,
    String functionName,
    String handler,
    String codeUri,
    Map<String, JsonNode> environment,
    int timeoutSeconds,
    int memorySize,
    List<ApiEvent> apiEvents,
    List<ScheduleEvent> scheduleEvents) {

  public static final int DEFAULT_TIMEOUT_SECONDS = 3;
  public static final int DEFAULT_MEMORY_SIZE = 128;

  /** The class part of {@link #handler()}. */
  public String handlerClass() {
    int sep = handler.indexOf("::");
    return sep < 0 ? handler : handler.substring(0, sep);
  }

  /** The method part of {@link #handler()}, or {@code handleRequest} when none is given. */
  public String handlerMethod() {
    int sep = handler.indexOf("::");
    return sep < 0 ? "handleRequest" : handler.substring(sep + 2);
  }

  /** An {@code Api} event: {@code method} is upper case, or {@code ANY}. */
  public record ApiEvent(String name, String path, String method, JsonNode restApiId) {}

  /**
   * A {@code Schedule} event; {@code input} is the constant JSON sent instead of the scheduled
   * event.
   */
  public record ScheduleEvent(String name, String expression, boolean enabled, String input) {}
}
