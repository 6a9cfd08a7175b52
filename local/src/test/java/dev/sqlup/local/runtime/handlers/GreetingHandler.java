package dev.sqlup.local.runtime.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;

/** Takes and returns records, as the workflow phase handlers do. */
public final class GreetingHandler
    implements RequestHandler<GreetingHandler.Greeting, GreetingHandler.Reply> {
  public record Greeting(String name, int times) {}

  public record Reply(String message, List<String> echoes) {}

  @Override
  public Reply handleRequest(Greeting input, Context context) {
    return new Reply(
        "hello " + input.name(), java.util.Collections.nCopies(input.times(), input.name()));
  }
}
