package dev.sqlup.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.runtime.handlers.RecordingScheduleHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScheduleRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Instant start = Instant.parse("2026-03-02T10:00:00Z");
  private final List<String> logs = Fixtures.logs();

  @BeforeEach
  void reset() {
    RecordingScheduleHandler.RECEIVED.clear();
  }

  @Test
  void runDue_firesEveryOccurrenceInOrder_withTheScheduledEvent() throws Exception {
    try (InProcessLambda lambda = Fixtures.lambda(Clock.fixed(start, ZoneOffset.UTC), logs);
        ScheduleRunner runner = new ScheduleRunner(lambda, start, logs::add)) {
      assertThat(logs).contains("schedule SweeperFunction/Nightly cron(0 2 * * ? *): disabled");
      assertThat(runner.nextDue()).isEqualTo(Instant.parse("2026-03-02T10:05:00Z"));
      assertThat(runner.runDue(start.plusSeconds(299))).isEmpty();

      List<ScheduleRunner.Firing> fired = runner.runDue(Instant.parse("2026-03-02T11:00:00Z"));
      assertThat(fired)
          .extracting(ScheduleRunner.Firing::eventName)
          .containsExactly(
              "EveryFiveMinutes",
              "EveryFiveMinutes",
              "EveryFiveMinutes",
              "EveryFiveMinutes",
              "EveryFiveMinutes",
              "EveryFiveMinutes",
              "EveryFiveMinutes",
              "EveryFiveMinutes",
              "EveryFiveMinutes",
              "EveryFiveMinutes",
              "EveryFiveMinutes",
              "EveryFiveMinutes",
              "WithInput");
      assertThat(fired.get(0).scheduledTime()).isEqualTo(Instant.parse("2026-03-02T10:05:00Z"));
      assertThat(fired).allMatch(f -> !f.result().error());

      JsonNode event = JSON.readTree(fired.get(0).event());
      assertThat(event.fieldNames())
          .toIterable()
          .containsExactly(
              "version",
              "id",
              "detail-type",
              "source",
              "account",
              "time",
              "region",
              "resources",
              "detail");
      assertThat(event.get("detail-type").asText()).isEqualTo("Scheduled Event");
      assertThat(event.get("source").asText()).isEqualTo("aws.events");
      assertThat(event.get("time").asText()).isEqualTo("2026-03-02T10:05:00Z");
      assertThat(event.get("resources").get(0).asText())
          .isEqualTo(
              "arn:aws:events:us-east-1:123456789012:rule/sqlup-local-SweeperFunctionEveryFiveMinutes");
      assertThat(event.get("detail").size()).isZero();
      assertThat(fired.get(12).event()).isEqualTo("{\"sweep\": \"all\"}");

      // the handler got them through the ScheduledEvent serializer
      assertThat(RecordingScheduleHandler.RECEIVED).hasSize(13);
      assertThat(RecordingScheduleHandler.RECEIVED.get(0).getDetailType())
          .isEqualTo("Scheduled Event");
      assertThat(RecordingScheduleHandler.RECEIVED.get(0).getTime().getMillis())
          .isEqualTo(Instant.parse("2026-03-02T10:05:00Z").toEpochMilli());
      assertThat(runner.runDue(Instant.parse("2026-03-02T11:00:00Z"))).isEmpty();
      assertThat(logs)
          .anyMatch(
              l ->
                  l.startsWith(
                      "schedule SweeperFunction/EveryFiveMinutes at 2026-03-02T10:05:00Z: ok"));
    }
  }
}
