package dev.sqlup.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynaliteTest {
  /** dynalite 4.0.0 alone dies on the first dropped request (architect/dynalite#183). */
  @Test
  void clientsDroppingRequestsMidway_doNotTakeTheSharedDynaliteDown() {
    try (DynamoDbClient client = Dynalite.client()) {
      client.listTables();
      for (int i = 0; i < 3; i++) {
        DroppedRequest.send(Dynalite.endpoint());
      }
      assertThat(client.listTables().sdkHttpResponse().isSuccessful()).isTrue();
    }
  }
}
