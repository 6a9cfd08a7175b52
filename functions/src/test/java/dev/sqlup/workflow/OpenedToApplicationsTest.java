package dev.sqlup.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.TaskStep;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fact the failure policy reads to decide between moving the endpoint back and rolling forward
 * ({@link TaskSteps#openedToApplications}).
 */
class OpenedToApplicationsTest {
  static final Instant T = Instant.parse("2026-11-24T14:21:10Z");

  private static TaskStep step(String name, Instant start, Instant end, String detail) {
    return new TaskStep(
        name, end == null ? StepStatus.Running : StepStatus.Succeeded, start, end, detail);
  }

  @Test
  void endpointMovedDuringARestrictedRestore_notOpened_rollsBack() {
    List<TaskStep> steps =
        List.of(
            step("pointOfNoReturn", T, null, null),
            step(
                "restoreDatabases",
                T.plusSeconds(24),
                null,
                "tail restored and recovered in one RESTORE LOG ... WITH RECOVERY, RESTRICTED_USER"),
            step("endpointMove", T.plusSeconds(24), null, null));

    assertThat(TaskSteps.openedToApplications(steps)).isFalse();
  }

  @Test
  void endpointMovedAfterARecoveryAlreadyChecked_stillRestricted_rollsBack() {
    // The move waited for old DNS answers past the restore: the databases are still
    // RESTRICTED_USER.
    List<TaskStep> steps =
        List.of(
            step("pointOfNoReturn", T, null, null),
            step(
                "restoreDatabases",
                T.plusSeconds(24),
                T.plusSeconds(58),
                "recovered 1 database(s) RESTRICTED_USER; target LSN = tail LSN for each"),
            step("endpointMove", T.plusSeconds(70), null, null));

    assertThat(TaskSteps.openedToApplications(steps)).isFalse();
  }

  @Test
  void openingStarted_rollsForward() {
    List<TaskStep> steps =
        List.of(
            step("pointOfNoReturn", T, null, null),
            step(
                "restoreDatabases",
                T.plusSeconds(24),
                T.plusSeconds(58),
                "recovered 1 database(s) RESTRICTED_USER; target LSN = tail LSN for each"),
            step("endpointMove", T.plusSeconds(24), T.plusSeconds(39), null),
            step("openDatabases", T.plusSeconds(58), null, null));

    assertThat(TaskSteps.openedToApplications(steps)).isTrue();
  }

  @Test
  void anExecutionFromBeforeTheOpening_endpointMoved_rollsForward() {
    // Recovered without RESTRICTED_USER, then the endpoint moved: applications may have written.
    List<TaskStep> steps =
        List.of(
            step("pointOfNoReturn", T, null, null),
            step(
                "restoreDatabases",
                T.plusSeconds(24),
                T.plusSeconds(58),
                "recovered 1 database(s); target LSN = tail LSN for each"),
            step("endpointMove", T.plusSeconds(58), null, null));

    assertThat(TaskSteps.openedToApplications(steps)).isTrue();
  }

  @Test
  void beforeTheEndpointMove_nothingIsOpen() {
    assertThat(TaskSteps.openedToApplications(List.of(step("pointOfNoReturn", T, null, null))))
        .isFalse();
  }
}
