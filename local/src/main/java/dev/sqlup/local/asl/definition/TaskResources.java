package dev.sqlup.local.asl.definition;

import dev.sqlup.local.asl.task.DynamoDbResource;
import dev.sqlup.local.asl.task.EventsPutEventsResource;
import dev.sqlup.local.asl.task.LambdaFunctionResource;
import dev.sqlup.local.asl.task.LambdaInvokeResource;
import dev.sqlup.local.asl.task.StartExecutionResource;
import dev.sqlup.local.asl.task.TaskResource;
import java.util.regex.Pattern;

/**
 * Resolves a Task's Resource ARN. Like AWS, a resource the service does not recognise is rejected
 * at CreateStateMachine ("The resource provided ... is not recognized"); integrations AWS has but
 * this engine does not implement are rejected the same way, naming the integration.
 */
public final class TaskResources {
  private static final Pattern LAMBDA_FUNCTION =
      Pattern.compile(
          "arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?");

  private final String region;
  private final String account;

  public TaskResources(String region, String account) {
    this.region = region;
    this.account = account;
  }

  /** The resource, or throws IllegalArgumentException with the InvalidDefinition message. */
  public TaskResource resolve(String arn) {
    if (LAMBDA_FUNCTION.matcher(arn).matches()) {
      return new LambdaFunctionResource(arn);
    }
    String prefix = "arn:aws:states:::";
    if (arn.startsWith(prefix)) {
      String rest = arn.substring(prefix.length());
      boolean callback = rest.endsWith(".waitForTaskToken");
      String base =
          callback ? rest.substring(0, rest.length() - ".waitForTaskToken".length()) : rest;
      if (base.equals("lambda:invoke")) {
        return new LambdaInvokeResource(arn, callback, region, account);
      }
      if (base.equals("events:putEvents")) {
        return new EventsPutEventsResource(arn, callback);
      }
      if (base.startsWith("dynamodb:") && !callback) {
        String api = base.substring("dynamodb:".length());
        if (DynamoDbResource.OPERATIONS.containsKey(api)) {
          return new DynamoDbResource(arn, api);
        }
      }
      switch (rest) {
        case "states:startExecution" -> {
          return new StartExecutionResource(arn, StartExecutionResource.Mode.REQUEST_RESPONSE);
        }
        case "states:startExecution.sync" -> {
          return new StartExecutionResource(arn, StartExecutionResource.Mode.SYNC);
        }
        case "states:startExecution.sync:2" -> {
          return new StartExecutionResource(arn, StartExecutionResource.Mode.SYNC_2);
        }
        case "states:startExecution.waitForTaskToken" -> {
          return new StartExecutionResource(arn, StartExecutionResource.Mode.WAIT_FOR_TASK_TOKEN);
        }
        default -> {}
      }
      if (rest.endsWith(".sync") || rest.contains(".sync:")) {
        throw new IllegalArgumentException(
            "The resource provided "
                + arn
                + " is not recognized: the .sync integration pattern is"
                + " supported by the local engine for states:startExecution only");
      }
    }
    throw new IllegalArgumentException(
        "The resource provided "
            + arn
            + " is not recognized. The value is not a valid resource ARN,"
            + " or the resource is not available in this region (the local engine supports Lambda"
            + " functions, lambda:invoke, dynamodb:getItem|putItem|updateItem|deleteItem,"
            + " events:putEvents and states:startExecution).");
  }
}
