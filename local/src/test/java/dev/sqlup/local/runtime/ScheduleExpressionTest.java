package dev.sqlup.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Examples from the EventBridge user guide ("Cron expressions" / "Rate expressions"), evaluated in
 * UTC.
 */
class ScheduleExpressionTest {

  /** expression | after | the next three fire times. 2026-03-02 is a Monday. */
  @ParameterizedTest(name = "{0} after {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      cron(0 10 * * ? *)            | 2026-03-02T09:00:00Z | 2026-03-02T10:00:00Z 2026-03-03T10:00:00Z 2026-03-04T10:00:00Z
      cron(15 12 * * ? *)           | 2026-03-02T12:15:00Z | 2026-03-03T12:15:00Z 2026-03-04T12:15:00Z 2026-03-05T12:15:00Z
      cron(0 18 ? * MON-FRI *)      | 2026-03-06T18:30:00Z | 2026-03-09T18:00:00Z 2026-03-10T18:00:00Z 2026-03-11T18:00:00Z
      cron(0 8 1 * ? *)             | 2026-03-02T00:00:00Z | 2026-04-01T08:00:00Z 2026-05-01T08:00:00Z 2026-06-01T08:00:00Z
      cron(0/15 * * * ? *)          | 2026-03-02T10:07:00Z | 2026-03-02T10:15:00Z 2026-03-02T10:30:00Z 2026-03-02T10:45:00Z
      cron(0/10 * ? * MON-FRI *)    | 2026-03-06T23:55:00Z | 2026-03-09T00:00:00Z 2026-03-09T00:10:00Z 2026-03-09T00:20:00Z
      cron(0/5 8-17 ? * MON-FRI *)  | 2026-03-02T17:54:00Z | 2026-03-02T17:55:00Z 2026-03-03T08:00:00Z 2026-03-03T08:05:00Z
      cron(0 9 ? * 2#1 *)           | 2026-03-02T09:00:00Z | 2026-04-06T09:00:00Z 2026-05-04T09:00:00Z 2026-06-01T09:00:00Z
      cron(1/10 * * * ? *)          | 2026-03-02T10:00:00Z | 2026-03-02T10:01:00Z 2026-03-02T10:11:00Z 2026-03-02T10:21:00Z
      cron(0 0 L * ? *)             | 2026-01-31T00:00:00Z | 2026-02-28T00:00:00Z 2026-03-31T00:00:00Z 2026-04-30T00:00:00Z
      cron(0 0 LW * ? *)            | 2026-01-01T00:00:00Z | 2026-01-30T00:00:00Z 2026-02-27T00:00:00Z 2026-03-31T00:00:00Z
      cron(0 0 1W * ? *)            | 2026-01-01T00:00:00Z | 2026-02-02T00:00:00Z 2026-03-02T00:00:00Z 2026-04-01T00:00:00Z
      cron(0 0 15W * ? *)           | 2026-02-01T00:00:00Z | 2026-02-16T00:00:00Z 2026-03-16T00:00:00Z 2026-04-15T00:00:00Z
      cron(30 23 ? * 6L *)          | 2026-01-01T00:00:00Z | 2026-01-30T23:30:00Z 2026-02-27T23:30:00Z 2026-03-27T23:30:00Z
      cron(0 12 ? * L *)            | 2026-03-02T00:00:00Z | 2026-03-07T12:00:00Z 2026-03-14T12:00:00Z 2026-03-21T12:00:00Z
      cron(0 6 ? JAN,JUL SUN 2027)  | 2026-03-02T00:00:00Z | 2027-01-03T06:00:00Z 2027-01-10T06:00:00Z 2027-01-17T06:00:00Z
      cron(0 0 29 FEB ? *)          | 2026-03-02T00:00:00Z | 2028-02-29T00:00:00Z 2032-02-29T00:00:00Z 2036-02-29T00:00:00Z
      cron(0 22-2/2 * * ? *)        | 2026-03-02T00:30:00Z | 2026-03-02T02:00:00Z 2026-03-02T22:00:00Z 2026-03-03T00:00:00Z
      cron(0 0 ? * FRI-MON *)       | 2026-03-02T12:00:00Z | 2026-03-06T00:00:00Z 2026-03-07T00:00:00Z 2026-03-08T00:00:00Z
      rate(5 minutes)               | 2026-03-02T10:07:30Z | 2026-03-02T10:12:30Z 2026-03-02T10:17:30Z 2026-03-02T10:22:30Z
      rate(1 hour)                  | 2026-03-02T10:00:00Z | 2026-03-02T11:00:00Z 2026-03-02T12:00:00Z 2026-03-02T13:00:00Z
      rate(2 days)                  | 2026-03-02T10:00:00Z | 2026-03-04T10:00:00Z 2026-03-06T10:00:00Z 2026-03-08T10:00:00Z
      """)
  void nextFireTimes(String expression, String after, String expected) {
    ScheduleExpression schedule = ScheduleExpression.parse(expression);
    List<String> times = new ArrayList<>();
    Instant t = Instant.parse(after);
    for (int i = 0; i < 3; i++) {
      t = schedule.next(t);
      times.add(t.toString());
    }
    assertThat(String.join(" ", times)).isEqualTo(expected);
  }

  @Test
  void pastYear_hasNoNextFireTime() {
    assertThat(
            ScheduleExpression.parse("cron(0 0 1 1 ? 2020)")
                .next(Instant.parse("2026-01-01T00:00:00Z")))
        .isNull();
  }

  @Test
  void rate_isAPeriod() {
    assertThat(ScheduleExpression.parse("rate(1 day)"))
        .isEqualTo(new ScheduleExpression.Rate(Duration.ofDays(1)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      rate(1 minutes)         | singular unit for 1
      rate(5 minute)          | singular unit for 1
      rate(0 minutes)         | positive
      rate(5 weeks)           | must be rate(N
      cron(0 10 * * *)        | must have 6 fields
      cron(0 10 * * * *)      | exactly one of day-of-month and day-of-week
      cron(0 10 ? * ? *)      | exactly one of day-of-month and day-of-week
      cron(60 10 * * ? *)     | 60 is outside 0-59
      cron(0 10 ? * MON/2 *)  | '/' is not allowed
      cron(0 10 * FOO ? *)    | 'FOO' is not a value
      every day               | neither rate(...) nor cron(...)
      """)
  void malformedExpressions_areUserErrors(String expression, String message) {
    assertThatThrownBy(() -> ScheduleExpression.parse(expression))
        .isInstanceOf(UserException.class)
        .hasMessageContaining(message);
  }
}
