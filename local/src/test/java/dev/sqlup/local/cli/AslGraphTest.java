package dev.sqlup.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.local.runtime.UserException;
import org.junit.jupiter.api.Test;

class AslGraphTest {
  private static final String MAP_MACHINE =
      """
      {"StartAt": "Wait", "States": {
        "Wait": {"Type": "Wait", "Seconds": 5, "Next": "PerDatabase"},
        "PerDatabase": {"Type": "Map", "ItemsPath": "$.databases",
          "ItemProcessor": {"StartAt": "Backup", "States": {
            "Backup": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Backup", "Next": "Ok"},
            "Ok": {"Type": "Succeed"}}},
          "Catch": [{"ErrorEquals": ["States.TaskFailed", "Custom.Error"], "Next": "Check"}],
          "Next": "Check"},
        "Check": {"Type": "Choice", "QueryLanguage": "JSONata",
          "Choices": [{"Condition": "{% $states.input.n > 1 %}", "Next": "Done"},
                      {"Not": {"Variable": "$.ok", "BooleanEquals": true}, "Next": "Done"},
                      {"Variable": "$.at", "TimestampLessThanPath": "$.deadline", "Next": "Done"},
                      {"Variable": "$.name", "IsPresent": true, "Next": "Done"}],
          "Default": "Done"},
        "Done": {"Type": "Pass", "End": true}}}""";

  @Test
  void mapItemProcessor_isASubgraph_andConditionsAreReadable() {
    String m = AslGraph.of(MAP_MACHINE).toMermaid();
    assertThat(m)
        .contains("s0[/\"Wait<br/><small>Wait</small>\"/]")
        .contains("subgraph s1[\"PerDatabase (Map)\"]")
        .contains("subgraph s1_items[\"each item\"]")
        .contains("s1_items_start --> s4")
        .contains("s5 --> s1_items_end")
        .contains("s1 -.->|\"States.TaskFailed, Custom.Error\"| s2")
        .contains("|\"{% $states.input.n #gt; 1 %}\"|")
        .contains("|\"not ($.ok == true)\"|")
        .contains("|\"$.at < $.deadline\"|".replace("<", "#lt;"))
        .contains("|\"$.name IsPresent true\"|")
        .contains("s3[[\"Done<br/><small>Pass</small>\"]]");
    String dot = AslGraph.of(MAP_MACHINE).toDot();
    assertThat(dot)
        .startsWith("digraph StateMachine {")
        .contains("subgraph cluster_s1 {")
        .contains("subgraph cluster_s1_items {")
        .contains("style=dashed, color=\"#c62828\"");
  }

  @Test
  void danglingNext_isAUserError() {
    assertThatThrownBy(
            () ->
                AslGraph.of(
                    "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"}}}"))
        .isInstanceOf(UserException.class)
        .hasMessage("state A goes to B, which is not a state of its machine");
  }
}
