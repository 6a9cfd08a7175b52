package dev.sqlup.local.asl.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How a Java Lambda's exception looks to Step Functions (error name and cause JSON). */
public final class LambdaErrors {
  private LambdaErrors() {}

  public static StatesError fromException(Throwable e) {
    ObjectNode cause = JsonNodeFactory.instance.objectNode();
    cause.put("errorMessage", e.getMessage());
    cause.put("errorType", e.getClass().getName());
    ArrayNode trace = cause.putArray("stackTrace");
    StackTraceElement[] elements = e.getStackTrace();
    for (int i = 0; i < Math.min(elements.length, 10); i++) {
      trace.add(elements[i].toString());
    }
    return new StatesError(e.getClass().getName(), cause.toString());
  }
}
