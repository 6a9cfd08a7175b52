package dev.sqlup.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.sqlup.local.asl.model.ExecutionStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How many executions of a small realistic machine (Pass, Lambda Task with Retry, Choice, a
 * one-hour Wait, Map of three, Succeed) the engine completes per second under virtual time.
 */
@Tag("slow")
class EngineThroughputTest {
  private static final String L = "arn:aws:lambda:us-east-1:123456789012:function:";

  @Test
  void thousandExecutions_underVirtualTime() {
    String definition =
        "{\"StartAt\":\"Init\",\"States\":{"
            + "\"Init\":{\"Type\":\"Pass\",\"Parameters\":{\"n.$\":\"$.n\",\"items\":[1,2,3]},\"Next\":\"Work\"},"
            + "\"Work\":{\"Type\":\"Task\",\"Resource\":\""
            + L
            + "Inc\",\"InputPath\":\"$.n\",\"ResultPath\":\"$.n\","
            + "  \"Retry\":[{\"ErrorEquals\":[\"States.ALL\"]}],\"Next\":\"Decide\"},"
            + "\"Decide\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.n\",\"NumericGreaterThan\":0,\"Next\":\"Sleep\"}],\"Default\":\"Done\"},"
            + "\"Sleep\":{\"Type\":\"Wait\",\"Seconds\":3600,\"Next\":\"Fan\"},"
            + "\"Fan\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"ResultPath\":\"$.out\",\"Next\":\"Done\","
            + "  \"ItemProcessor\":{\"StartAt\":\"I\",\"States\":{\"I\":{\"Type\":\"Task\",\"Resource\":\""
            + L
            + "Inc\",\"End\":true}}}},"
            + "\"Done\":{\"Type\":\"Succeed\"}}}";
    int count = 1000;
    try (LocalStepFunctions sfn =
        LocalStepFunctions.local((arn, payload, ctx) -> IntNode.valueOf(payload.asInt() + 1))) {
      String machine =
          sfn.createStateMachine("Throughput", definition, null, null).stateMachineArn();
      long start = System.nanoTime();
      List<String> arns = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        arns.add(sfn.startExecution(machine, "t" + i, "{\"n\":" + i + "}").executionArn());
      }
      for (String arn : arns) {
        assertThat(sfn.awaitExecution(arn, Duration.ofSeconds(60)).status())
            .isEqualTo(ExecutionStatus.SUCCEEDED);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%d executions (6 states, map of 3, 1 h virtual wait) in %.2f s: %.0f executions/s%n",
          count, seconds, count / seconds);
    }
  }
}
