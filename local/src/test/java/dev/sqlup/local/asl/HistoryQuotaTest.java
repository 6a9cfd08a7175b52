package dev.sqlup.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.HistoryEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AWS's hard quota of 25,000 events per Standard execution history: when event 25,000 would not be
 * ExecutionSucceeded, the execution fails with States.Runtime, which no Catch sees
 * (docs.aws.amazon.com/step-functions/latest/dg/bp-history-limit.html).
 */
class HistoryQuotaTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** A busy loop without a Wait, inside a Parallel whose Catch takes States.ALL. */
  private static final String LOOP_FOREVER =
      """
      {"StartAt":"Guarded","States":{
        "Guarded":{"Type":"Parallel","Branches":[{"StartAt":"Spin","States":{
            "Spin":{"Type":"Pass","Next":"Again"},
            "Again":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"Out"}],"Default":"Spin"},
            "Out":{"Type":"Succeed"}}}],
          "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
        "Caught":{"Type":"Pass","End":true}}}""";

  /** ExecutionStarted, PassStateEntered, PassStateExited, ExecutionSucceeded: four events. */
  private static final String ONE_PASS =
      """
      {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""";

  @Test
  void aLoopWithoutEnd_failsWithStatesRuntime_atExactly25000Events_uncaught() {
    try (LocalStepFunctions sfn = LocalStepFunctions.local()) {
      String machine = sfn.createStateMachine("Spin", LOOP_FOREVER, null, null).stateMachineArn();
      String arn = sfn.startExecution(machine, "spin", "{}").executionArn();

      ExecutionInfo end = sfn.awaitExecution(arn, WAIT);

      assertThat(end.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(end.error()).isEqualTo("States.Runtime");
      assertThat(end.cause())
          .isEqualTo("The execution reached the maximum number of history events (25000).");
      List<HistoryEvent> history = sfn.getExecutionHistory(arn);
      assertThat(history).hasSize(25_000);
      assertThat(history.get(24_999).type()).isEqualTo("ExecutionFailed");
      assertThat(history)
          .noneMatch(
              e ->
                  e.type().equals("ParallelStateFailed")
                      || e.type().startsWith("Pass")
                          && e.details() != null
                          && "Caught".equals(e.details().path("name").asText()));
    }
  }

  @Test
  void theLastPlace_isForTheEndEvent_succeedingThereIsFine() {
    try (LocalStepFunctions four = LocalStepFunctions.builder().maxHistoryEvents(4).build();
        LocalStepFunctions three = LocalStepFunctions.builder().maxHistoryEvents(3).build()) {
      ExecutionInfo fits = run(four, "STANDARD");
      ExecutionInfo over = run(three, "STANDARD");

      assertThat(fits.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(four.getExecutionHistory(fits.executionArn())).hasSize(4);
      assertThat(over.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(three.getExecutionHistory(over.executionArn()))
          .extracting(HistoryEvent::type)
          .containsExactly("ExecutionStarted", "PassStateEntered", "ExecutionFailed");
    }
  }

  @Test
  void expressExecutions_haveNoHistoryQuota() {
    try (LocalStepFunctions sfn = LocalStepFunctions.builder().maxHistoryEvents(3).build()) {
      assertThat(run(sfn, "EXPRESS").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }

  private static ExecutionInfo run(LocalStepFunctions sfn, String type) {
    String machine = sfn.createStateMachine("One" + type, ONE_PASS, null, type).stateMachineArn();
    return sfn.awaitExecution(sfn.startExecution(machine, "e", "{}").executionArn(), WAIT);
  }
}
