package dev.sqlup.local.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Fires the template's enabled {@code Schedule} events, each with the event EventBridge sends a
 * scheduled rule's target (or the event's constant {@code Input}).
 *
 * <p>Time comes only from the caller: {@link #runDue(Instant)} fires every occurrence due at or
 * before {@code now}, in time order, so a virtual clock that jumps an hour fires each of the twelve
 * {@code rate(5 minutes)} occurrences. {@link #startTicking} drives it from the real clock instead.
 * Rate schedules start when the runner is created, as a rule's schedule starts when it is created.
 */
public final class ScheduleRunner implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InProcessLambda lambda;
  private final Consumer<String> log;
  private final List<Entry> entries = new ArrayList<>();
  private ScheduledExecutorService ticker;

  /** What one firing did. */
  public record Firing(
      String functionLogicalId,
      String eventName,
      Instant scheduledTime,
      String event,
      InvocationResult result) {}

  private static final class Entry {
    final SamFunction function;
    final SamFunction.ScheduleEvent event;
    final ScheduleExpression expression;
    Instant next;

    Entry(
        SamFunction function,
        SamFunction.ScheduleEvent event,
        ScheduleExpression expression,
        Instant next) {
      this.function = function;
      this.event = event;
      this.expression = expression;
      this.next = next;
    }
  }

  /**
   * @param start when the schedules start (the clock's instant at startup)
   * @param log one line per firing and per disabled schedule
   * @throws UserException when a schedule expression is malformed
   */
  public ScheduleRunner(InProcessLambda lambda, Instant start, Consumer<String> log) {
    this.lambda = lambda;
    this.log = log;
    for (SamFunction f : lambda.template().functions()) {
      for (SamFunction.ScheduleEvent e : f.scheduleEvents()) {
        ScheduleExpression expression;
        try {
          expression = ScheduleExpression.parse(e.expression());
        } catch (UserException ex) {
          throw new UserException(
              "function " + f.logicalId() + ", event " + e.name() + ": " + ex.getMessage());
        }
        if (!e.enabled()) {
          log.accept(
              "schedule " + f.logicalId() + "/" + e.name() + " " + e.expression() + ": disabled");
          continue;
        }
        entries.add(new Entry(f, e, expression, expression.next(start)));
      }
    }
  }

  /** The rule ARN EventBridge puts in {@code resources}. */
  public static String ruleArn(SamFunction function, SamFunction.ScheduleEvent event) {
    return "arn:aws:events:"
        + TemplateResolver.REGION
        + ":"
        + TemplateResolver.ACCOUNT
        + ":rule/"
        + TemplateResolver.STACK_NAME
        + "-"
        + function.logicalId()
        + event.name();
  }

  /** The scheduled event EventBridge sends for an occurrence at {@code time}. */
  public static String scheduledEvent(
      SamFunction function, SamFunction.ScheduleEvent event, Instant time) {
    if (event.input() != null) {
      return event.input();
    }
    ObjectNode e = JSON.createObjectNode();
    e.put("version", "0");
    e.put("id", UUID.randomUUID().toString());
    e.put("detail-type", "Scheduled Event");
    e.put("source", "aws.events");
    e.put("account", TemplateResolver.ACCOUNT);
    e.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
    e.put("region", TemplateResolver.REGION);
    e.putArray("resources").add(ruleArn(function, event));
    e.putObject("detail");
    return e.toString();
  }

  /** The earliest next occurrence of any schedule, or null when none is left. */
  public synchronized Instant nextDue() {
    return entries.stream()
        .map(e -> e.next)
        .filter(java.util.Objects::nonNull)
        .min(Instant::compareTo)
        .orElse(null);
  }

  /** Fires every occurrence due at or before {@code now}, earliest first; returns what ran. */
  public synchronized List<Firing> runDue(Instant now) {
    List<Firing> fired = new ArrayList<>();
    while (true) {
      Entry due = null;
      for (Entry e : entries) {
        if (e.next != null && !e.next.isAfter(now) && (due == null || e.next.isBefore(due.next))) {
          due = e;
        }
      }
      if (due == null) {
        return fired;
      }
      Instant at = due.next;
      due.next = due.expression.next(at);
      String event = scheduledEvent(due.function, due.event, at);
      InvocationResult result = lambda.invoke(due.function.logicalId(), event);
      log.accept(
          "schedule "
              + due.function.logicalId()
              + "/"
              + due.event.name()
              + " at "
              + at
              + ": "
              + (result.error() ? "error " + result.payload() : "ok")
              + " ("
              + result.duration().toMillis()
              + " ms)");
      fired.add(new Firing(due.function.logicalId(), due.event.name(), at, event, result));
    }
  }

  /** Checks {@code clock} every {@code tick} on a daemon thread and fires what is due. */
  public synchronized void startTicking(Clock clock, Duration tick) {
    if (ticker != null) {
      return;
    }
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "schedules");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleWithFixedDelay(
        () -> {
          try {
            runDue(clock.instant());
          } catch (RuntimeException e) {
            log.accept("schedule: " + e.getMessage());
          }
        },
        0,
        tick.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }
}
