package dev.sqlup.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.testing.DynaliteExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every raw API Gateway event, from the test fixtures and from the top-level {@code events/} folder
 * (used by {@code sam local invoke} / {@code sqlup invoke}), goes through its handler and gets the
 * documented answer.
 */
@ExtendWith(DynaliteExtension.class)
class ApiEventFixturesTest {
  private final DynamoDbClient dynamo;

  ApiEventFixturesTest(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  static Stream<Arguments> events() {
    Path fixtures = Path.of("src/test/resources/apigateway/events");
    Path samples = Dynalite.projectRoot().resolve("events");
    return Stream.of(
            Arguments.of("register-instance", 201, "instanceId", "rm-guide-1"),
            Arguments.of("list-instances", 200, "instances", null),
            Arguments.of("get-instance", 200, "status", "Running"),
            Arguments.of("get-upgrade-options", 200, "upgradable", "true"),
            Arguments.of("submit-upgrade", 202, "status", "Pending"),
            Arguments.of("submit-upgrade-dry-run", 200, "upgradable", "true"),
            Arguments.of("list-instance-tasks", 200, "tasks", null),
            Arguments.of("get-task", 200, "taskId", "up-example-task"),
            Arguments.of("cancel-task", 409, "code", "UpgradeCannotBeCancelled"),
            Arguments.of("discover-source", 200, "simulated", "true"),
            Arguments.of("update-instance", 200, "maintenanceWindow", "02:00Z-04:00Z"),
            Arguments.of("delete-instance", 200, "deleted", "true"),
            Arguments.of("list-target-hosts", 200, "hosts", null),
            Arguments.of("delete-target-host", 200, "deleted", "true"),
            Arguments.of("return-target-host", 200, "status", "AVAILABLE"),
            Arguments.of("switchover-task", 202, "switchTime", "Immediate"),
            Arguments.of("update-task", 200, "switchTime", "OnApproval"))
        .flatMap(
            a ->
                Stream.of(fixtures, samples)
                    .map(
                        dir ->
                            Arguments.of(
                                dir.resolve(a.get()[0] + ".json"),
                                a.get()[1],
                                a.get()[2],
                                a.get()[3])));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("events")
  void rawEvent_getsTheDocumentedAnswer(Path file, int status, String field, String value)
      throws Exception {
    // GIVEN the guide's instance (except when the event registers it) and one finished-looking task
    ApiFixture api = new ApiFixture(dynamo);
    assertThat(Files.exists(file)).as(file.toString()).isTrue();
    APIGatewayProxyRequestEvent event = ApiFixture.event(file);
    api.seedFor(file);

    // WHEN the raw event reaches its handler
    ApiFixture.Response response = api.send(event);

    // THEN
    assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
    assertThat(response.body().has(field)).as(response.body().toString()).isTrue();
    if (value != null) {
      assertThat(response.body().get(field).asText()).isEqualTo(value);
    }
  }
}
