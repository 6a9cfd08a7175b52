package dev.sqlup.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * JUnit extension: {@code @ExtendWith(DynaliteExtension.class)} injects a {@link DynamoDbClient}
 * bound to the shared local DynamoDB (see {@link Dynalite}). Tests create their own uniquely named
 * tables.
 */
public final class DynaliteExtension implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DynamoDbClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(
            DynamoDbClient.class,
            k -> new CloseableClient(Dynalite.client()),
            CloseableClient.class)
        .client();
  }

  /** Closes the shared client when the test run ends. */
  private record CloseableClient(DynamoDbClient client) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }
}
