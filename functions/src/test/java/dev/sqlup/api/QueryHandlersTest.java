package dev.sqlup.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sqlup.testing.DynaliteExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Registration, reads, upgrade options, history paging and cancellation. */
@ExtendWith(DynaliteExtension.class)
class QueryHandlersTest {
  private final DynamoDbClient dynamo;
  private ApiFixture api;

  QueryHandlersTest(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  @BeforeEach
  void fixture() {
    api = new ApiFixture(dynamo);
  }

  @Test
  void register_returns201_thenGetReturnsIt_andASecondRegistrationIs409() {
    ApiFixture.Response created = api.register(Map.of());

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().get("version").asLong()).isEqualTo(1);
    assertThat(created.body().at("/engine/binding").asText()).isEqualTo("simulated");
    assertThat(created.body().at("/simulation/logGbPerHour").asDouble()).isEqualTo(1.5);
    ApiFixture.Response got = api.send("get-instance");
    assertThat(got.body()).isEqualTo(created.body());
    ApiFixture.Response again = api.register(Map.of());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("InstanceAlreadyExists");
  }

  @Test
  void register_sqlserverBinding_needsHostAndSecret() {
    ApiFixture.Response missing =
        api.register(Map.of("engine", Map.of("binding", "sqlserver", "host", "db1.corp.example")));
    // version, editions, type and size come from discovery (recorded SQL Server 2016 Standard)
    ApiFixture.Response ok =
        api.register(
            java.util.Set.of(
                "engineVersion", "sqlEdition", "instanceType", "dataSizeGb", "simulation"),
            Map.of(
                "engine",
                Map.of(
                    "binding",
                    "sqlserver",
                    "host",
                    "db1.corp.example",
                    "secretArn",
                    "arn:aws:secretsmanager:us-east-1:123456789012:secret:sqlup/db1-AbCdEf",
                    "properties",
                    Map.of("trustServerCertificate", "true"))));

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().get("field").asText()).isEqualTo("engine.secretArn");
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.body().at("/engine/properties/trustServerCertificate").asText())
        .isEqualTo("true");
  }

  /**
   * Issue 13, item 8: a body over the API's limit is 413 on every route, also those that take no
   * body.
   */
  @Test
  void aBodyOverTheLimit_is413_RequestBodyTooLarge_evenOnRoutesWithoutABody() {
    String big = "{\"x\":\"" + "a".repeat(40 * 1024) + "\"}";
    for (String fixture :
        List.of("get-task", "cancel-task", "switchover-task", "update-task", "submit-upgrade")) {
      ApiFixture.Response r = api.send(ApiFixture.withBody(fixture, big));

      assertThat(r.status()).as(fixture).isEqualTo(413);
      assertThat(r.code()).as(fixture).isEqualTo("RequestBodyTooLarge");
    }
  }

  @Test
  void unknownInstance_is404_InstanceNotFound_onEveryInstanceRoute() {
    for (String fixture :
        List.of("get-instance", "get-upgrade-options", "list-instance-tasks", "submit-upgrade")) {
      ApiFixture.Response r = api.send(fixture);
      assertThat(r.status()).as(fixture).isEqualTo(404);
      assertThat(r.code()).as(fixture).isEqualTo("InstanceNotFound");
    }
    ApiFixture.Response task = api.send("get-task");
    assertThat(task.status()).isEqualTo(404);
    assertThat(task.code()).isEqualTo("TaskNotFound");
    assertThat(api.send("cancel-task").code()).isEqualTo("TaskNotFound");
  }

  @Test
  void upgradeOptions_listTargets_andBlockers() {
    api.register(Map.of());
    ApiFixture.Response r = api.send("get-upgrade-options");

    assertThat(r.body().get("upgradable").asBoolean()).isTrue();
    assertThat(r.body().get("targets").findValuesAsText("engineVersion"))
        .containsExactly("2019", "2022");
    assertThat(r.body().at("/targets/1/editions/0/instanceTypes/0/name").asText())
        .isEqualTo("mssql.x4.large");
    assertThat(r.body().at("/targets/1/editions/0/instanceTypes/0/cpuCores").asInt()).isEqualTo(4);
    assertThat(r.body().at("/targets/1/editions/0/instanceTypes/0").has("offeredFor")).isFalse();

    api.send("submit-upgrade");
    ApiFixture.Response during = api.send("get-upgrade-options");
    assertThat(during.body().get("upgradable").asBoolean()).isFalse();
    assertThat(during.body().get("blockers").findValuesAsText("code"))
        .containsExactly("UpgradeInProgress");
    assertThat(during.body().get("activeTaskId").asText()).startsWith("up-");
  }

  @Test
  void taskHistory_isNewestFirst_andPaginated() {
    api.register(Map.of());
    List<String> ids = new java.util.ArrayList<>();
    for (int n = 0; n < 3; n++) {
      api.clock.set(ApiFixture.T0.plusSeconds(60L * n));
      String taskId =
          api.send(
                  ApiFixture.withBody(
                      "submit-upgrade",
                      ApiFixture.event("submit-upgrade")
                          .getBody()
                          .replace("guide-example-1", "token-" + n)))
              .body()
              .get("taskId")
              .asText();
      ids.add(taskId);
      // let the next one in: release as a finished workflow would
      api.services
          .instances()
          .releaseUpgradeLock("rm-guide-1", taskId, dev.sqlup.domain.InstanceStatus.Running);
    }
    APIGatewayProxyRequestEvent page1 = ApiFixture.event("list-instance-tasks");
    page1.setQueryStringParameters(Map.of("limit", "2"));

    ApiFixture.Response first = api.send(page1);
    APIGatewayProxyRequestEvent page2 = ApiFixture.event("list-instance-tasks");
    page2.setQueryStringParameters(
        new HashMap<>(Map.of("limit", "2", "nextToken", first.body().get("nextToken").asText())));
    ApiFixture.Response second = api.send(page2);

    assertThat(first.body().get("tasks").findValuesAsText("taskId"))
        .containsExactly(ids.get(2), ids.get(1));
    assertThat(second.body().get("tasks").findValuesAsText("taskId")).containsExactly(ids.get(0));
    assertThat(second.body().get("tasks")).hasSize(1);
    assertThat(second.body().has("nextToken")).isFalse();
    assertThat(first.body().at("/tasks/0").has("requestHash")).isFalse();
    // a token from another listing is refused, naming the parameter
    api.register(Map.of("instanceId", "rm-other"));
    APIGatewayProxyRequestEvent foreign =
        ApiFixture.withPath("list-instance-tasks", "instanceId", "rm-other");
    foreign.setQueryStringParameters(Map.of("nextToken", first.body().get("nextToken").asText()));
    ApiFixture.Response refused = api.send(foreign);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("field").asText()).isEqualTo("nextToken");
  }

  @Test
  void cancel_isAlways409_UpgradeCannotBeCancelled() {
    api.register(Map.of());
    String taskId = api.send("submit-upgrade").body().get("taskId").asText();

    ApiFixture.Response r = api.send(ApiFixture.withPath("cancel-task", "taskId", taskId));

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.code()).isEqualTo("UpgradeCannotBeCancelled");
    assertThat(api.services.tasks().get(taskId).status())
        .isEqualTo(dev.sqlup.domain.TaskStatus.Pending);
  }

  @Test
  void getTask_showsProgressStepsAndSpecs() {
    api.register(Map.of());
    String taskId = api.send("submit-upgrade").body().get("taskId").asText();

    ApiFixture.Response r = api.send(ApiFixture.withPath("get-task", "taskId", taskId));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("progress").asInt()).isZero();
    assertThat(r.body().get("remainingSeconds").asLong())
        .isEqualTo(r.body().at("/estimate/totalSeconds").asLong());
    assertThat(r.body().get("steps").findValuesAsText("name")).hasSize(7);
    assertThat(r.body().at("/source/engineVersion").asText()).isEqualTo("2019");
    assertThat(r.body().at("/target/engineVersion").asText()).isEqualTo("2022");
    assertThat(r.body().get("switchTime").asText()).isEqualTo("Immediate");
    assertThat(r.body().get("clientToken").asText()).isEqualTo("guide-example-1");
  }
}
