package dev.sqlup.local.runtime.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Throws, or returns something that is not a proxy response, or sleeps, depending on the words in
 * its input.
 */
public final class FailingHandler implements RequestHandler<Map<String, Object>, Object> {
  @Override
  public Object handleRequest(Map<String, Object> input, Context context) {
    String mode =
        String.valueOf(input).contains("garbage")
            ? "garbage"
            : String.valueOf(input).contains("sleep") ? "sleep" : null;
    if ("garbage".equals(mode)) {
      return "not a proxy response";
    }
    if ("sleep".equals(mode)) {
      try {
        Thread.sleep(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "late";
    }
    throw new IllegalStateException("database is on fire");
  }
}
