package dev.sqlup.local.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.model.TaskContext;

/** {@code arn:aws:lambda:region:account:function:Name}: the payload is the effective input. */
public record LambdaFunctionResource(String arn) implements TaskResource {
  @Override
  public String resourceType() {
    return "lambda";
  }

  @Override
  public String resourceName() {
    return arn;
  }

  @Override
  public boolean legacyLambda() {
    return true;
  }

  @Override
  public JsonNode call(JsonNode payload, TaskServices services, TaskContext ctx) {
    if (services.invoker() == null) {
      throw new StatesError(
          "Lambda.ResourceNotFoundException", "Function not found: " + arn + " (no task invoker)");
    }
    return services.invoker().invoke(arn, payload, ctx);
  }
}
