package dev.sqlup.dataplane.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
  private static final String CONFIG =
      "{\"seed\":42,\"transientProbability\":0.3,\"permanentProbability\":0.1,"
          + "\"slowProbability\":0.25,\"slowFactor\":3}";

  private static List<OperationKey> keys(int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                new OperationKey(
                    "task-" + i,
                    OperationKind.values()[i % OperationKind.values().length],
                    "db" + (i % 3),
                    i % 4))
        .toList();
  }

  private static List<String> decisions(FaultPlan plan) {
    List<String> out = new ArrayList<>();
    for (OperationKey key : keys(200)) {
      out.add(
          plan.transientOnStart(key, 1)
              + "/"
              + plan.transientOnStart(key, 2)
              + "/"
              + plan.transientOnPoll(key, 1)
              + "/"
              + plan.failsPermanently(key)
              + "/"
              + plan.slowdown(key));
    }
    return out;
  }

  @Test
  void sameSeed_givesTheSameDecisions() {
    assertThat(decisions(FaultPlan.parse(CONFIG))).isEqualTo(decisions(FaultPlan.parse(CONFIG)));
  }

  @Test
  void anotherSeed_givesOtherDecisions() {
    assertThat(decisions(FaultPlan.parse(CONFIG.replace("42", "43"))))
        .isNotEqualTo(decisions(FaultPlan.parse(CONFIG)));
  }

  @Test
  void drawnFrequencies_followTheConfiguredProbabilities() {
    FaultPlan plan = FaultPlan.parse(CONFIG);
    List<OperationKey> keys = keys(5000);
    double transientRate = keys.stream().filter(k -> plan.transientOnStart(k, 1)).count() / 5000.0;
    double permanentRate = keys.stream().filter(plan::failsPermanently).count() / 5000.0;
    double slowRate = keys.stream().filter(k -> plan.slowdown(k) == 3.0).count() / 5000.0;
    assertThat(transientRate).isCloseTo(0.3, within(0.03));
    assertThat(permanentRate).isCloseTo(0.1, within(0.02));
    assertThat(slowRate).isCloseTo(0.25, within(0.03));
  }

  @Property(tries = 200)
  void aTransientFault_isDecidedPerAttempt_soSomeRetrySucceeds(
      @ForAll @IntRange(min = 0, max = 10_000) int n) {
    FaultPlan plan = FaultPlan.parse("{\"seed\":" + n + ",\"transientProbability\":0.5}");
    OperationKey key = new OperationKey("t-" + n, OperationKind.LOG_BACKUP, "db", n % 7);
    assertThat(
            IntStream.rangeClosed(1, 40).anyMatch(attempt -> !plan.transientOnStart(key, attempt)))
        .isTrue();
  }

  @Test
  void targetedFailure_hitsExactlyTheNamedOperation() {
    FaultPlan plan =
        FaultPlan.parse(
            "{\"failOperation\":\"FULL_BACKUP\",\"mode\":\"permanent\",\"database\":\"sales\"}");
    assertThat(plan.failsPermanently(new OperationKey("t", OperationKind.FULL_BACKUP, "sales", 0)))
        .isTrue();
    assertThat(plan.failsPermanently(new OperationKey("t", OperationKind.FULL_BACKUP, "hr", 0)))
        .isFalse();
    assertThat(plan.failsPermanently(new OperationKey("t", OperationKind.RESTORE_FULL, "sales", 0)))
        .isFalse();
    assertThat(plan.rejectsStart(new OperationKey("t", OperationKind.FULL_BACKUP, "sales", 0)))
        .isFalse();
  }

  @Test
  void targetedFailure_withARound_hitsOnlyThatRoundsKey() {
    FaultPlan plan =
        FaultPlan.parse("{\"failOperation\":\"LOG_BACKUP\",\"database\":\"sales\",\"round\":2}");
    assertThat(plan.failsPermanently(new OperationKey("t", OperationKind.LOG_BACKUP, "sales", 2)))
        .isTrue();
    assertThat(plan.failsPermanently(new OperationKey("t", OperationKind.LOG_BACKUP, "sales", 1)))
        .isFalse();
    assertThat(plan.failsPermanently(new OperationKey("t", OperationKind.LOG_BACKUP, "sales", 3)))
        .isFalse();
    assertThat(plan.failsPermanently(new OperationKey("t", OperationKind.LOG_BACKUP, "hr", 2)))
        .isFalse();
    assertThatThrownBy(() -> FaultPlan.parse("{\"failOperation\":\"LOG_BACKUP\",\"round\":-1}"))
        .hasMessageStartingWith("SIM_FAULTS_INVALID");
    assertThatThrownBy(
            () -> FaultPlan.parse("{\"failOperation\":\"LOG_BACKUP\",\"round\":\"two\"}"))
        .hasMessageStartingWith("SIM_FAULTS_INVALID");
  }

  @Test
  void transientMode_failsOnlyTheFirstAttempt() {
    FaultPlan plan = FaultPlan.parse("{\"failOperation\":\"RESTORE_LOG\",\"mode\":\"transient\"}");
    OperationKey key = new OperationKey("t", OperationKind.RESTORE_LOG, "x", 1);
    assertThat(plan.transientOnStart(key, 1)).isTrue();
    assertThat(plan.transientOnStart(key, 2)).isFalse();
    assertThat(plan.hasTransientFaults()).isTrue();
  }

  @Test
  void profileFaults_overrideTheConfiguredOnes() {
    FaultPlan merged =
        FaultPlan.parse(CONFIG).overriddenBy(FaultPlan.parse("{\"permanentProbability\":0.5}"));
    assertThat(merged.seed()).isEqualTo(42);
    assertThat(merged.transientProbability()).isEqualTo(0.3);
    assertThat(merged.permanentProbability()).isEqualTo(0.5);
  }

  @Test
  void badConfigurations_failWithAStableCode() {
    assertThatThrownBy(() -> FaultPlan.parse("{\"transientProbability\":2}"))
        .hasMessageStartingWith("SIM_FAULTS_INVALID");
    assertThatThrownBy(() -> FaultPlan.parse("{\"failOperation\":\"DEFRAG\"}"))
        .hasMessageStartingWith("SIM_FAULTS_INVALID");
    assertThatThrownBy(() -> FaultPlan.parse("not json"))
        .hasMessageStartingWith("SIM_FAULTS_INVALID");
    assertThatThrownBy(
            () -> FaultPlan.parse("{\"metadataChange\":{\"kind\":\"DATABASE_CREATED\"}}"))
        .hasMessageStartingWith("SIM_FAULTS_INVALID");
    assertThat(FaultPlan.parse(" ")).isEqualTo(FaultPlan.NONE);
  }
}
