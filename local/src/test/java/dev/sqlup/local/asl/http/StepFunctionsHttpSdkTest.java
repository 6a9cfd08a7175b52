package dev.sqlup.local.asl.http;

import static dev.sqlup.local.asl.http.Definitions.FAILING;
import static dev.sqlup.local.asl.http.Definitions.PASS_CHAIN;
import static dev.sqlup.local.asl.http.Definitions.ROLE;
import static dev.sqlup.local.asl.http.Definitions.WAIT_HOUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.StepFunctions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;

/**
 * The AWS SDK for Java v2 {@link SfnClient} against {@link StepFunctionsHttpServer} over the real
 * engine.
 */
class StepFunctionsHttpSdkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StepFunctions engine;
  private StepFunctionsHttpServer server;
  private SfnClient sfn;
  private final List<RequestLogEntry> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    engine = TestEngines.realTime();
    server = new StepFunctionsHttpServer(engine, 0, log::add, java.time.Clock.systemUTC()).start();
    sfn = SfnClients.at(server.endpoint());
  }

  @AfterEach
  void stop() {
    sfn.close();
    server.close();
    engine.close();
  }

  private String createMachine(String name, String definition) {
    return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE))
        .stateMachineArn();
  }

  private DescribeExecutionResponse finish(String executionArn) {
    engine.awaitExecution(executionArn, Duration.ofSeconds(20));
    return sfn.describeExecution(b -> b.executionArn(executionArn));
  }

  @Test
  void createDescribeUpdateListDelete_roundTripTheStateMachine() throws Exception {
    // GIVEN / WHEN
    Instant before = Instant.now().minusSeconds(1);
    CreateStateMachineResponse created =
        sfn.createStateMachine(b -> b.name("hello").definition(PASS_CHAIN).roleArn(ROLE));

    // THEN
    assertThat(created.stateMachineArn())
        .startsWith("arn:aws:states:")
        .endsWith(":stateMachine:hello");
    assertThat(created.creationDate()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
    DescribeStateMachineResponse described =
        sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));
    assertThat(described.name()).isEqualTo("hello");
    assertThat(described.type()).isEqualTo(StateMachineType.STANDARD);
    assertThat(described.roleArn()).isEqualTo(ROLE);
    assertThat(described.statusAsString()).isEqualTo("ACTIVE");
    assertThat(JSON.readTree(described.definition())).isEqualTo(JSON.readTree(PASS_CHAIN));
    assertThat(described.creationDate()).isEqualTo(created.creationDate());

    // WHEN updated
    var updated =
        sfn.updateStateMachine(
            b -> b.stateMachineArn(created.stateMachineArn()).definition(FAILING));
    assertThat(updated.updateDate()).isNotNull();
    assertThat(
            JSON.readTree(
                sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()))
                    .definition()))
        .isEqualTo(JSON.readTree(FAILING));

    // THEN listed, and gone after delete
    assertThat(sfn.listStateMachines(b -> {}).stateMachines())
        .extracting(StateMachineListItem::name)
        .containsExactly("hello");
    sfn.deleteStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));
    assertThatThrownBy(
            () -> sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn())))
        .isInstanceOf(StateMachineDoesNotExistException.class);
  }

  @Test
  void startExecution_runsToSuccess_andDescribeReturnsOutput() throws Exception {
    String machine = createMachine("greeter", PASS_CHAIN);

    var started =
        sfn.startExecution(
            b -> b.stateMachineArn(machine).name("run-1").input("{\"who\":\"ana\"}"));
    DescribeExecutionResponse done = finish(started.executionArn());

    assertThat(started.executionArn()).contains(":execution:greeter:run-1");
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.name()).isEqualTo("run-1");
    assertThat(done.stateMachineArn()).isEqualTo(machine);
    assertThat(JSON.readTree(done.input())).isEqualTo(JSON.readTree("{\"who\":\"ana\"}"));
    assertThat(JSON.readTree(done.output()))
        .isEqualTo(JSON.readTree("{\"who\":\"ana\",\"greeting\":\"hello\"}"));
    assertThat(done.startDate()).isEqualTo(started.startDate());
    assertThat(done.stopDate()).isNotNull().isAfterOrEqualTo(done.startDate());
  }

  @Test
  void startExecution_withoutInput_runsOnEmptyObject() throws Exception {
    String machine = createMachine("greeter", PASS_CHAIN);

    var started = sfn.startExecution(b -> b.stateMachineArn(machine));

    DescribeExecutionResponse done = finish(started.executionArn());
    assertThat(JSON.readTree(done.output())).isEqualTo(JSON.readTree("{\"greeting\":\"hello\"}"));
  }

  @Test
  void failedExecution_reportsErrorAndCause() {
    String machine = createMachine("failing", FAILING);

    DescribeExecutionResponse done =
        finish(sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn());

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("Custom.Boom");
    assertThat(done.cause()).isEqualTo("it broke");
    assertThat(done.output()).isNull();
  }

  @Test
  void stopExecution_abortsARunningExecution() {
    String machine = createMachine("sleeper", WAIT_HOUR);
    String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
        .isEqualTo(ExecutionStatus.RUNNING);

    var stopped =
        sfn.stopExecution(b -> b.executionArn(execution).error("Operator.Stop").cause("by test"));

    DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(execution));
    assertThat(described.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(stopped.stopDate()).isNotNull();
    assertThat(described.stopDate()).isEqualTo(stopped.stopDate());
    assertThat(
            sfn.getExecutionHistory(b -> b.executionArn(execution).reverseOrder(true))
                .events()
                .get(0)
                .type())
        .isEqualTo(HistoryEventType.EXECUTION_ABORTED);
  }

  @Test
  void listExecutions_filtersByStatus_andPaginates() {
    String machine = createMachine("sleeper", WAIT_HOUR);
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      started.add(sfn.startExecution(b -> b.stateMachineArn(machine).name("e" + n)).executionArn());
    }
    sfn.stopExecution(b -> b.executionArn(started.get(0)));

    // WHEN paging two at a time
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String current = token;
      ListExecutionsResponse page =
          sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(2).nextToken(current));
      assertThat(page.executions()).hasSizeLessThanOrEqualTo(2);
      page.executions().forEach(e -> seen.add(e.executionArn()));
      token = page.nextToken();
      pages++;
    } while (token != null);

    // THEN every execution once, in three pages; the SDK paginator agrees
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(started);
    assertThat(
            sfn.listExecutionsPaginator(b -> b.stateMachineArn(machine).maxResults(2)).executions())
        .hasSize(5);
    assertThat(
            sfn.listExecutions(
                    b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.RUNNING))
                .executions())
        .hasSize(4)
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING));
    assertThat(
            sfn.listExecutions(
                    b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.ABORTED))
                .executions())
        .singleElement()
        .satisfies(e -> assertThat(e.executionArn()).isEqualTo(started.get(0)));
  }

  @Test
  void listStateMachines_paginates() {
    for (int i = 0; i < 3; i++) {
      createMachine("m" + i, PASS_CHAIN);
    }

    var first = sfn.listStateMachines(b -> b.maxResults(2));
    var second = sfn.listStateMachines(b -> b.maxResults(2).nextToken(first.nextToken()));

    assertThat(first.stateMachines()).hasSize(2);
    assertThat(first.nextToken()).isNotNull();
    assertThat(second.stateMachines()).hasSize(1);
    assertThat(second.nextToken()).isNull();
    assertThat(sfn.listStateMachinesPaginator(b -> b.maxResults(1)).stateMachines())
        .extracting(StateMachineListItem::name)
        .containsExactlyInAnyOrder("m0", "m1", "m2");
  }

  @Test
  void getExecutionHistory_hasAwsEventTypesAndDetails_inBothOrders() throws Exception {
    String machine = createMachine("greeter", PASS_CHAIN);
    String execution =
        sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"n\":1}")).executionArn();
    finish(execution);

    GetExecutionHistoryResponse history = sfn.getExecutionHistory(b -> b.executionArn(execution));
    List<HistoryEvent> events = history.events();

    assertThat(events)
        .extracting(HistoryEvent::type)
        .containsExactly(
            HistoryEventType.EXECUTION_STARTED,
            HistoryEventType.PASS_STATE_ENTERED,
            HistoryEventType.PASS_STATE_EXITED,
            HistoryEventType.PASS_STATE_ENTERED,
            HistoryEventType.PASS_STATE_EXITED,
            HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(events).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(events.get(1).previousEventId()).isEqualTo(1L);
    assertThat(events).allSatisfy(e -> assertThat(e.timestamp()).isNotNull());
    assertThat(JSON.readTree(events.get(0).executionStartedEventDetails().input()))
        .isEqualTo(JSON.readTree("{\"n\":1}"));
    assertThat(events.get(0).executionStartedEventDetails().roleArn()).isEqualTo(ROLE);
    assertThat(events.get(1).stateEnteredEventDetails().name()).isEqualTo("Greet");
    assertThat(events.get(2).stateExitedEventDetails().name()).isEqualTo("Greet");
    assertThat(JSON.readTree(events.get(2).stateExitedEventDetails().output()))
        .isEqualTo(JSON.readTree("{\"n\":1,\"greeting\":\"hello\"}"));
    assertThat(JSON.readTree(events.get(5).executionSucceededEventDetails().output()))
        .isEqualTo(JSON.readTree("{\"n\":1,\"greeting\":\"hello\"}"));

    // reverse order, paginated by two
    var reversed =
        sfn.getExecutionHistoryPaginator(
            b -> b.executionArn(execution).reverseOrder(true).maxResults(2));
    assertThat(reversed.events())
        .extracting(HistoryEvent::id)
        .containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
    var firstPage = sfn.getExecutionHistory(b -> b.executionArn(execution).maxResults(4));
    assertThat(firstPage.events()).hasSize(4);
    assertThat(firstPage.nextToken()).isNotNull();

    // without execution data
    var bare = sfn.getExecutionHistory(b -> b.executionArn(execution).includeExecutionData(false));
    assertThat(bare.events().get(0).executionStartedEventDetails().input()).isNull();
  }

  @Test
  void failedExecutionHistory_endsWithExecutionFailed() {
    String machine = createMachine("failing", FAILING);
    String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    finish(execution);

    List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();

    HistoryEvent last = events.get(events.size() - 1);
    assertThat(last.type()).isEqualTo(HistoryEventType.EXECUTION_FAILED);
    assertThat(last.executionFailedEventDetails().error()).isEqualTo("Custom.Boom");
    assertThat(last.executionFailedEventDetails().cause()).isEqualTo("it broke");
  }

  @Test
  void validateStateMachineDefinition_okAndFail() {
    ValidateStateMachineDefinitionResponse ok =
        sfn.validateStateMachineDefinition(b -> b.definition(PASS_CHAIN));
    ValidateStateMachineDefinitionResponse bad =
        sfn.validateStateMachineDefinition(
            b ->
                b.definition(
                    "{\"StartAt\":\"Missing\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}"));

    assertThat(ok.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
    assertThat(ok.diagnostics()).isEmpty();
    assertThat(ok.truncated()).isFalse();
    assertThat(bad.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
    assertThat(bad.diagnostics()).isNotEmpty();
    assertThat(bad.diagnostics().get(0).severityAsString()).isEqualTo("ERROR");
    assertThat(bad.diagnostics().get(0).code()).isNotBlank();
  }

  @Test
  void errors_mapToTheSdkExceptions() {
    String machine = createMachine("greeter", PASS_CHAIN);
    String missingExecution = machine.replace(":stateMachine:", ":execution:") + ":nope";
    sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{}"));

    assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(missingExecution)))
        .isInstanceOf(ExecutionDoesNotExistException.class)
        .satisfies(e -> assertThat(((SfnException) e).statusCode()).isEqualTo(400));
    assertThatThrownBy(() -> createMachine("greeter", FAILING))
        .isInstanceOf(StateMachineAlreadyExistsException.class);
    assertThatThrownBy(() -> createMachine("broken", "{\"StartAt\":\"X\"}"))
        .isInstanceOf(InvalidDefinitionException.class);
    assertThatThrownBy(
            () ->
                sfn.startExecution(
                    b -> b.stateMachineArn(machine).name("once").input("{\"other\":1}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class);
    assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn("not-an-arn")))
        .isInstanceOf(InvalidArnException.class);
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).input("{not json")))
        .isInstanceOf(
            software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException.class);
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name("bad name?")))
        .isInstanceOf(software.amazon.awssdk.services.sfn.model.InvalidNameException.class);
    assertThatThrownBy(() -> sfn.stopExecution(b -> b.executionArn(missingExecution)))
        .isInstanceOf(ExecutionDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.getExecutionHistory(b -> b.executionArn(missingExecution)))
        .isInstanceOf(ExecutionDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken("no-such-token").output("{}")))
        .isInstanceOf(TaskDoesNotExistException.class);
    assertThatThrownBy(
            () -> sfn.listExecutions(b -> b.stateMachineArn(machine).nextToken("garbage")))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(1001)))
        .isInstanceOf(SfnException.class)
        .satisfies(
            e ->
                assertThat(((SfnException) e).awsErrorDetails().errorCode())
                    .isEqualTo("ValidationException"));
  }

  @Test
  void everyRequest_isLoggedOnce() {
    sfn.listStateMachines(b -> {});
    assertThatThrownBy(
            () ->
                sfn.describeExecution(
                    b -> b.executionArn("arn:aws:states:us-east-1:123456789012:execution:x:y")))
        .isInstanceOf(ExecutionDoesNotExistException.class);

    assertThat(log).hasSize(2);
    assertThat(log.get(0).operation()).isEqualTo("ListStateMachines");
    assertThat(log.get(0).status()).isEqualTo(200);
    assertThat(log.get(1).line()).contains("DescribeExecution 400 ExecutionDoesNotExist");
  }
}
