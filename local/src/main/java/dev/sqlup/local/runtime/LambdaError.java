package dev.sqlup.local.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The error document the Lambda Java runtime returns for an unhandled exception: {@code
 * errorMessage}, {@code errorType} (the exception's class name) and {@code stackTrace} (one {@code
 * class.method(File.java:line)} string per frame), the shape AWS documents for Java functions.
 */
public record LambdaError(String errorMessage, String errorType, List<String> stackTrace) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static LambdaError of(Throwable t) {
    // The runtime's own frames (here: reflection and the invoker) are left out, as the Lambda
    // runtime does.
    List<String> frames =
        java.util.Arrays.stream(t.getStackTrace())
            .takeWhile(
                e ->
                    !e.getClassName().startsWith("jdk.internal.reflect.")
                        && !e.getClassName().equals("java.lang.reflect.Method")
                        && !e.getClassName().startsWith(InProcessLambda.class.getName()))
            .map(
                e ->
                    e.getClassName()
                        + "."
                        + e.getMethodName()
                        + "("
                        + e.getFileName()
                        + ":"
                        + e.getLineNumber()
                        + ")")
            .toList();
    return new LambdaError(t.getMessage(), t.getClass().getName(), frames);
  }

  /** Lambda's timeout error: no type, no stack. */
  public static LambdaError timeout(String timestamp, String requestId, int seconds) {
    return new LambdaError(
        timestamp + " " + requestId + " Task timed out after " + seconds + ".00 seconds",
        null,
        null);
  }

  public ObjectNode toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("errorMessage", errorMessage);
    if (errorType != null) {
      node.put("errorType", errorType);
    }
    if (stackTrace != null) {
      ArrayNode frames = node.putArray("stackTrace");
      stackTrace.forEach(frames::add);
    }
    return node;
  }

  @Override
  public String toString() {
    return toJson().toString();
  }
}
