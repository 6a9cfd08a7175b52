package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.jsonata.JsonataTemplate;
import dev.sqlup.local.asl.jsonata.QueryEvaluationError;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.path.VariablePaths;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Wait (spec "Wait State"): exactly one of Seconds, SecondsPath, Timestamp, TimestampPath (RFC
 * 3339). Waits on the engine clock, so under virtual time it costs nothing.
 */
public final class WaitState extends State {
  private final Long seconds;
  private final String secondsPath;
  private final Instant timestamp;
  private final String timestampPath;

  private final JsonataTemplate secondsExpression;
  private final JsonataTemplate timestampExpression;

  public WaitState(
      Common common, Long seconds, String secondsPath, Instant timestamp, String timestampPath) {
    this(common, seconds, secondsPath, timestamp, timestampPath, null, null);
  }

  /** The expressions are the JSONata {@code {% %}} forms of Seconds and Timestamp. */
  public WaitState(
      Common common,
      Long seconds,
      String secondsPath,
      Instant timestamp,
      String timestampPath,
      JsonataTemplate secondsExpression,
      JsonataTemplate timestampExpression) {
    super(common);
    this.secondsExpression = secondsExpression;
    this.timestampExpression = timestampExpression;
    this.seconds = seconds;
    this.secondsPath = secondsPath;
    this.timestamp = timestamp;
    this.timestampPath = timestampPath;
  }

  @Override
  public String type() {
    return "Wait";
  }

  @Override
  protected Outcome execute(StateContext ctx, JsonNode effectiveInput, JsonNode rawInput) {
    ctx.waitUntil(deadline(ctx, effectiveInput, rawInput));
    return Outcome.of(effectiveInput);
  }

  /**
   * Whether {@link #begin} and {@link #end} may stand for {@link #run}, letting the caller give up
   * its thread while waiting. A Wait has no Retry or Catch, so the split skips nothing of the
   * template.
   */
  public boolean canPark() {
    return errors.retriers().isEmpty() && errors.catchers().isEmpty();
  }

  /**
   * The first half of {@link #run} without the wait: records WaitStateEntered and returns the
   * deadline (journaled, so a resumed execution keeps it).
   */
  public Instant begin(StateContext ctx, JsonNode rawInput) {
    ctx.enterState(this, rawInput);
    ctx.setRetryCount(0);
    beforeAttempt(ctx);
    try {
      return ctx.durableWaitDeadline(deadline(ctx, effectiveInput(ctx, rawInput), rawInput));
    } catch (StatesError e) {
      throw located(ctx, e);
    }
  }

  /**
   * The second half of {@link #run}, once the deadline has passed: output processing,
   * WaitStateExited.
   */
  public StepResult end(StateContext ctx, JsonNode rawInput) {
    Outcome outcome;
    try {
      outcome = processResult(ctx, rawInput, Outcome.of(effectiveInput(ctx, rawInput)));
    } catch (StatesError e) {
      throw located(ctx, e);
    }
    return exit(
        ctx, outcome.result(), outcome.next() != null ? outcome.next() : next, outcome.assigned());
  }

  private Instant deadline(StateContext ctx, JsonNode effectiveInput, JsonNode rawInput) {
    Instant until;
    if (secondsExpression != null) {
      JsonNode value = secondsExpression.evaluate(scope(ctx, rawInput));
      if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 99_999_999L) {
        throw new QueryEvaluationError(
            "Seconds",
            "The value of the field 'Seconds' must be an integer between 0 and 99999999, but was '"
                + value
                + "'");
      }
      until = ctx.enteredTime().plusSeconds(value.asLong());
    } else if (timestampExpression != null) {
      JsonNode value = timestampExpression.evaluate(scope(ctx, rawInput));
      until = parseTimestamp(value.asText(null));
      if (!value.isTextual() || until == null) {
        throw new QueryEvaluationError(
            "Timestamp",
            "The value of the field 'Timestamp' must be an ISO-8601 extended offset date-time format string,"
                + " but was '"
                + value
                + "'");
      }
    } else if (seconds != null) {
      until = ctx.enteredTime().plusSeconds(seconds);
    } else if (secondsPath != null) {
      JsonNode value =
          VariablePaths.read(
              "SecondsPath", secondsPath, effectiveInput, ctx::contextObject, ctx.variables());
      if (!value.isIntegralNumber() || value.asLong() < 0) {
        // wording of LocalStack's AWS-parity implementation; the AWS docs do not quote it
        throw new StatesError(
            "States.Runtime",
            "The SecondsPath parameter "
                + (value.isIntegralNumber()
                    ? "references a negative value: "
                    : "cannot be parsed as a long value: ")
                + secondsPath
                + " == "
                + plain(value));
      }
      until = ctx.enteredTime().plusSeconds(value.asLong());
    } else if (timestamp != null) {
      until = timestamp;
    } else {
      JsonNode value =
          VariablePaths.read(
              "TimestampPath", timestampPath, effectiveInput, ctx::contextObject, ctx.variables());
      until = parseTimestamp(value.asText(null));
      if (until == null) {
        // as recorded on AWS: "... format string: $.start_at == 2023-12-11T22:05:59"
        throw new StatesError(
            "States.Runtime",
            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time"
                + " format string: "
                + timestampPath
                + " == "
                + plain(value));
      }
    }
    return until;
  }

  /** A value as AWS prints it after {@code ==}: a string without quotes, anything else as JSON. */
  private static String plain(JsonNode value) {
    return value.isTextual() ? value.asText() : value.toString();
  }

  /** RFC 3339 with an offset (AWS requires uppercase T and an offset or Z); null when invalid. */
  public static Instant parseTimestamp(String text) {
    if (text == null || text.indexOf('T') < 0) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
