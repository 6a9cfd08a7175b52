package dev.sqlup.local.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The {@link Context} of one local invocation; remaining time counts down in real time from
 * Timeout.
 */
final class LambdaContext implements Context {
  private final String requestId;
  private final SamFunction function;
  private final long deadlineNanos;
  private final LambdaLogger logger;

  LambdaContext(String requestId, SamFunction function, Consumer<String> sink) {
    this.requestId = requestId;
    this.function = function;
    this.deadlineNanos = System.nanoTime() + function.timeoutSeconds() * 1_000_000_000L;
    this.logger =
        new LambdaLogger() {
          @Override
          public void log(String message) {
            sink.accept(message);
          }

          @Override
          public void log(byte[] message) {
            sink.accept(new String(message, StandardCharsets.UTF_8));
          }
        };
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + function.functionName();
  }

  @Override
  public String getLogStreamName() {
    return "local/[$LATEST]" + requestId.replace("-", "");
  }

  @Override
  public String getFunctionName() {
    return function.functionName();
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return TemplateResolver.functionArn(function.functionName());
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getMemoryLimitInMB() {
    return function.memorySize();
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
  }
}
