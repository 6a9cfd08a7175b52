package dev.sqlup.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sqlup.api.SwitchoverTaskHandler;
import dev.sqlup.config.Services;
import dev.sqlup.domain.SwitchChange;
import dev.sqlup.domain.SwitchTime;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.store.TaskRepository;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.testing.DynaliteExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Issue 15: the waiting loop's listener against dynalite. It stores its token only when the plan
 * the loop sleeps on still holds, and every ordering of its write and an API change ends with the
 * loop woken: the change before the listener's read (it sees the new revision), between its read
 * and its write (its version check fails), after its write (the API answers the stored token).
 */
@ExtendWith(DynaliteExtension.class)
class SwitchChangeListenerTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  static final String TOKEN = "token-of-the-sleep";

  /** What the loop decided at T0 for the window 18:00Z-22:00Z: wait for today's window. */
  static final SwitchPlan WAITING_FOR_TODAYS_WINDOW =
      new SwitchPlan(
          "MaintenanceWindow",
          "2026-11-24T18:00:00Z",
          "2026-11-24T22:00:00Z",
          false,
          "waiting for the window",
          SwitchPlan.WAIT,
          false,
          null,
          0,
          null,
          null,
          null);

  private WorkflowFixture world;
  private final List<String> woken = new CopyOnWriteArrayList<>();
  private Services services;
  private String taskId;

  @BeforeEach
  void submitted(DynamoDbClient dynamo) {
    world = new WorkflowFixture(dynamo, T0);
    services = world.services.withSwitchWake(token -> woken.add(token));
    world.register(WorkflowFixture.guideInstance("rm-listen", 1.0, databases(), Map.of()));
    taskId = world.submit("rm-listen", WorkflowFixture.upgradeTo2022("MaintenanceWindow", "l-1"));
  }

  @Test
  void nothingChanged_storesTheToken_andWakesNothing() {
    UpgradeTask before = services.tasks().get(taskId);

    SwitchChangeListener.Outcome outcome = listener(services.tasks()).listen(listen());

    assertThat(outcome.listening()).isTrue();
    assertThat(woken).isEmpty();
    UpgradeTask after = services.tasks().get(taskId);
    assertThat(after.cutover().wakeToken()).isEqualTo(TOKEN);
    assertThat(after.version()).isEqualTo(before.version() + 1);
    assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
  }

  @Test
  void settingChangedBeforeTheTokenIsStored_wakesAtOnce() {
    // GIVEN a switch-now written before the listener reads the task
    switchNowBehindTheListener(services.tasks());

    // WHEN the listener of the round decided on revision 0 runs
    SwitchChangeListener.Outcome outcome = listener(services.tasks()).listen(listen());

    // THEN it answers its own token: the loop decides again at once
    assertThat(outcome.listening()).isFalse();
    assertThat(outcome.reason()).contains("revision 0 → 1");
    assertThat(woken).containsExactly(TOKEN);
    assertThat(services.tasks().get(taskId).cutover().wakeToken()).isNull();
  }

  @Test
  void settingChangedBetweenTheListenersReadAndItsWrite_wakes() {
    // GIVEN a client whose first read of the task is followed by an API change of the setting
    AtomicBoolean raced = new AtomicBoolean();
    DynamoDbClient racing =
        DynamoDbClient.builder()
            .endpointOverride(Dynalite.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(
                c ->
                    c.addExecutionInterceptor(
                        new ExecutionInterceptor() {
                          @Override
                          public void afterExecution(
                              Context.AfterExecution context, ExecutionAttributes attributes) {
                            if (context.request() instanceof GetItemRequest
                                && raced.compareAndSet(false, true)) {
                              switchNowBehindTheListener(services.tasks());
                            }
                          }
                        }))
            .build();
    TaskRepository tasks =
        new TaskRepository(racing, services.env(Services.TASKS_TABLE), world.clock);

    // WHEN the listener reads the old revision, then tries to store its token
    SwitchChangeListener.Outcome outcome = listener(tasks).listen(listen());

    // THEN its version check lost, and it woke the loop instead of listening
    assertThat(raced).isTrue();
    assertThat(outcome.listening()).isFalse();
    assertThat(outcome.reason()).contains("changed while the listener stored its token");
    assertThat(woken).containsExactly(TOKEN);
    UpgradeTask stored = services.tasks().get(taskId);
    assertThat(stored.cutover().wakeToken()).isNull();
    assertThat(stored.switchTime()).isEqualTo(SwitchTime.Immediate);
  }

  @Test
  void settingChangedAfterTheTokenIsStored_theApiAnswersIt() {
    // GIVEN the loop listening
    assertThat(listener(services.tasks()).listen(listen()).listening()).isTrue();

    // WHEN an operator switches now through the API
    var response =
        new SwitchoverTaskHandler(services)
            .handleRequest(
                event("/tasks/{taskId}/switchover", Map.of("taskId", taskId), "POST"), null);

    // THEN the change is written and the stored token answered
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
    assertThat(woken).containsExactly(TOKEN);
    assertThat(response.getBody()).doesNotContain(TOKEN);
  }

  @Test
  void anApiChangeAfterAnHourOfSleep_keepsTheRemainingTimeCountingDown() {
    // GIVEN the loop's last write at T0: waiting for the window, 10 h left
    UpgradeTask t = services.tasks().get(taskId);
    services
        .tasks()
        .update(
            t.progressed(
                dev.sqlup.domain.TaskStatus.WaitingForSwitchWindow,
                t.currentStep(),
                t.progress(),
                36_000,
                t.steps(),
                T0));

    // WHEN an operator switches now an hour later, while the loop sleeps
    world.clock.advanceSeconds(3_600);
    var response =
        new SwitchoverTaskHandler(services)
            .handleRequest(
                event("/tasks/{taskId}/switchover", Map.of("taskId", taskId), "POST"), null);

    // THEN the write keeps the figure the API showed (9 h left), not 10 h from now
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
    UpgradeTask stored = services.tasks().get(taskId);
    assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(3_600));
    assertThat(stored.remainingSeconds()).isEqualTo(32_400);
  }

  @Test
  void aPlanOnAnotherWindowOccurrence_wakes() {
    // The loop sleeps on tomorrow's window while the decision now is today's (a stale plan).
    SwitchPlan stale =
        new SwitchPlan(
            "MaintenanceWindow",
            "2026-11-25T18:00:00Z",
            "2026-11-25T22:00:00Z",
            false,
            "waiting",
            SwitchPlan.WAIT,
            false,
            null,
            0,
            null,
            null,
            null);

    SwitchChangeListener.Outcome outcome =
        listener(services.tasks()).listen(new SwitchListen(taskId, "rm-listen", stale, TOKEN));

    assertThat(outcome.listening()).isFalse();
    assertThat(outcome.reason()).contains("moved");
    assertThat(woken).containsExactly(TOKEN);
  }

  private SwitchChangeListener listener(TaskRepository tasks) {
    return new SwitchChangeListener(
        tasks, services.instances(), services.switchWake(), world.clock);
  }

  private SwitchListen listen() {
    return new SwitchListen(taskId, "rm-listen", WAITING_FOR_TODAYS_WINDOW, TOKEN);
  }

  /** What {@code POST /tasks/{id}/switchover} writes, written straight to the table. */
  private void switchNowBehindTheListener(TaskRepository tasks) {
    UpgradeTask t = tasks.get(taskId);
    tasks.update(
        t.withSwitch(
            SwitchTime.Immediate,
            t.cutover()
                .withChange(
                    new SwitchChange(T0, "dba", "SwitchNow", "MaintenanceWindow", "Immediate"),
                    null,
                    t.cutover().guards())));
  }

  private static List<Map<String, Object>> databases() {
    return List.of(Map.of("name", "sales", "sizeGb", 10));
  }

  private static APIGatewayProxyRequestEvent event(
      String resource, Map<String, String> path, String method) {
    APIGatewayProxyRequestEvent e = new APIGatewayProxyRequestEvent();
    e.setHttpMethod(method);
    e.setResource(resource);
    e.setPath(resource);
    e.setPathParameters(path);
    e.setHeaders(Map.of("Content-Type", "application/json"));
    return e;
  }
}
