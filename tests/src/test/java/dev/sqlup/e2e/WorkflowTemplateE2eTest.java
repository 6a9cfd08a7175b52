package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.local.runtime.SamFunction;
import dev.sqlup.local.runtime.SamStateMachine;
import dev.sqlup.local.runtime.SamTemplate;
import dev.sqlup.local.runtime.TemplateChecks;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The workflow section of template.yaml agrees with the definition and the handler classes. */
class WorkflowTemplateE2eTest {

  @Test
  void everyPlaceholderIsSubstituted_everyHandlerExists_andEveryPhaseFunctionIsInvocable()
      throws Exception {
    SamTemplate template = SamTemplate.load(UpgradeWorld.ROOT.resolve("template.yaml"));
    assertThat(TemplateChecks.substitutionProblems(template)).isEmpty();
    assertThat(TemplateChecks.handlerProblems(template, getClass().getClassLoader())).isEmpty();

    // Every workflow function (upgrade phases, campaign steps) is invoked by exactly one of the
    // machines.
    Set<String> workflowFunctions =
        template.functions().stream()
            .map(SamFunction::handler)
            .filter(
                h ->
                    h.startsWith("dev.sqlup.workflow.")
                        && !h.contains("Sweeper")
                        && !h.contains("PreUpgradeBackup"))
            .collect(Collectors.toSet());
    int invoked = 0;
    for (SamStateMachine machine : template.stateMachines()) {
      String definition = Files.readString(machine.definitionPath());
      Set<String> functionArns =
          TemplateChecks.placeholders(definition).stream()
              .filter(p -> p.endsWith("FunctionArn"))
              .collect(Collectors.toSet());
      invoked += functionArns.size();
      // SnapStart runs published versions only: the machine must invoke the alias, never $LATEST.
      Map<String, String> substitutions = template.resolver().substitutions(machine);
      assertThat(functionArns).allSatisfy(p -> assertThat(substitutions.get(p)).endsWith(":live"));
      // The state machine's role may invoke exactly its functions and put events on the bus.
      String policies =
          template
              .json()
              .path("Resources")
              .path(machine.logicalId())
              .path("Properties")
              .path("Policies")
              .toString();
      for (String placeholder : functionArns) {
        assertThat(policies).contains(placeholder.replace("Arn", ""));
      }
      assertThat(policies)
          .contains("EventBridgePutEventsPolicy")
          .doesNotContain("AdministratorAccess");
    }
    assertThat(invoked).isEqualTo(workflowFunctions.size());
  }
}
