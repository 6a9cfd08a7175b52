package dev.sqlup.local.asl.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs a Lambda function for the engine (both the function-ARN resource and {@code
 * arn:aws:states:::lambda:invoke}). Called on an engine worker thread; it may block.
 *
 * <p>Contract: return the function's JSON result. To fail the way a Lambda function fails, throw a
 * {@link StatesError} whose {@code error} is the error name Step Functions shows (for Java Lambdas,
 * the exception's fully qualified class name) and whose cause is the error text; {@link
 * #catchingExceptions} turns any other thrown exception into exactly that. A function the invoker
 * does not know should throw {@code StatesError("Lambda.ResourceNotFoundException", ...)}.
 */
@FunctionalInterface
public interface TaskInvoker {

  JsonNode invoke(String resourceArn, JsonNode payload, TaskContext ctx);

  /**
   * Wraps an invoker so a thrown Java exception becomes the StatesError AWS reports for a Java
   * Lambda: error = the exception's class name, cause = {@code
   * {"errorMessage","errorType","stackTrace"}} JSON.
   */
  static TaskInvoker catchingExceptions(TaskInvoker delegate) {
    return (arn, payload, ctx) -> {
      try {
        return delegate.invoke(arn, payload, ctx);
      } catch (StatesError e) {
        throw e;
      } catch (RuntimeException e) {
        throw LambdaErrors.fromException(e);
      }
    };
  }
}
