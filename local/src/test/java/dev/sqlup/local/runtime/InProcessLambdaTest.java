package dev.sqlup.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.runtime.handlers.ConcurrencyProbeHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InProcessLambdaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  private final List<String> logs = Fixtures.logs();

  @Test
  void apiHandler_getsServicesFromTemplateEnvironmentPlusOverrides_andTheInjectedClock()
      throws Exception {
    try (InProcessLambda lambda = Fixtures.lambda(clock, logs)) {
      String event =
          Files.readString(
              Fixtures.templatePath().getParent().resolve("events/api-get-instances.json"));
      InvocationResult result = lambda.invoke("ListInstancesFunction", event);
      assertThat(result.error()).isFalse();
      JsonNode response = JSON.readTree(result.payload());
      assertThat(response.get("statusCode").asInt()).isEqualTo(200);
      assertThat(response.get("headers").get("X-Handler").asText()).isEqualTo("echo");
      JsonNode body = JSON.readTree(response.get("body").asText());
      assertThat(body.get("tableName").asText()).isEqualTo("sqlup-local-tasks");
      assertThat(body.get("dynamodbEndpoint").asText()).isEqualTo("http://127.0.0.1:8000");
      assertThat(body.get("clockMillis").asLong()).isEqualTo(clock.millis());
      assertThat(body.get("functionName").asText()).isEqualTo("ListInstancesFunction");
      assertThat(body.get("queryStringParameters").get("limit").asText()).isEqualTo("2");
      assertThat(logs)
          .anyMatch(l -> l.startsWith("START RequestId: " + result.requestId()))
          .anyMatch(l -> l.equals("echo GET /instances"))
          .anyMatch(l -> l.startsWith("REPORT RequestId: " + result.requestId()));

      // one warm environment: the same instance serves the second, sequential call
      JsonNode second =
          JSON.readTree(
              JSON.readTree(lambda.invoke("ListInstancesFunction", event).payload())
                  .get("body")
                  .asText());
      assertThat(second.get("invocations").asInt()).isEqualTo(2);
    }
  }

  @Test
  void recordsInAndOut_useTheRuntimePojoSerializer() throws Exception {
    try (InProcessLambda lambda = Fixtures.lambda(clock, logs)) {
      InvocationResult result =
          lambda.invoke("GreetingFunction", "{\"name\":\"ada\",\"times\":2,\"extra\":true}");
      assertThat(result.error()).as(result.payload()).isFalse();
      assertThat(JSON.readTree(result.payload()))
          .isEqualTo(JSON.readTree("{\"message\":\"hello ada\",\"echoes\":[\"ada\",\"ada\"]}"));
    }
  }

  @Test
  void streamHandler_getsRawBytes() {
    try (InProcessLambda lambda = Fixtures.lambda(clock, logs)) {
      assertThat(lambda.invoke("UppercaseFunction", "{\"a\":\"b\"}").payload())
          .isEqualTo("{\"A\":\"B\"}");
    }
  }

  @Test
  void unhandledException_becomesTheRuntimeErrorDocument() throws Exception {
    try (InProcessLambda lambda = Fixtures.lambda(clock, logs)) {
      InvocationResult result = lambda.invoke("FailingFunction", "{}");
      assertThat(result.error()).isTrue();
      JsonNode error = JSON.readTree(result.payload());
      assertThat(error.get("errorMessage").asText()).isEqualTo("database is on fire");
      assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
      assertThat(error.get("stackTrace").get(0).asText())
          .matches(
              "dev\\.sqlup\\.local\\.runtime\\.handlers\\.FailingHandler\\.handleRequest\\(FailingHandler\\.java:\\d+\\)");
      // a function error leaves the environment warm, as the Java runtime does
      assertThat(lambda.warmEnvironments("FailingFunction")).isEqualTo(1);
    }
  }

  @Test
  void runningPastTimeout_givesLambdasTimeoutError() throws Exception {
    try (InProcessLambda lambda = Fixtures.lambda(clock, logs)) {
      InvocationResult result = lambda.invoke("FailingFunction", "{\"mode\":\"sleep\"}");
      assertThat(result.error()).isTrue();
      assertThat(JSON.readTree(result.payload()).get("errorMessage").asText())
          .endsWith(result.requestId() + " Task timed out after 1.00 seconds");
    }
  }

  @Test
  void concurrentInvocationsOfOneFunction_runInParallelUpToTheLimit_eachInItsOwnEnvironment()
      throws Exception {
    // GIVEN a limit of 3 and a handler that only returns once 3 invocations run alongside it
    ConcurrencyProbeHandler.reset(new CyclicBarrier(3));
    try (InProcessLambda lambda = Fixtures.lambda(clock, logs, 3)) {
      // WHEN 9 invocations of the one function arrive at once
      List<InvocationResult> results = invokeConcurrently(lambda, 9, "{}");

      // THEN they ran 3 at a time (serialized they could never pass the barrier), never more, in 3
      // environments that never served two invocations at once
      assertThat(results).allSatisfy(r -> assertThat(r.error()).as(r.payload()).isFalse());
      assertThat(ConcurrencyProbeHandler.MAX_RUNNING.get()).isEqualTo(3);
      assertThat(ConcurrencyProbeHandler.OVERLAPS.get()).isZero();
      assertThat(ConcurrencyProbeHandler.CONSTRUCTED.get()).isEqualTo(3);
      assertThat(results.stream().map(r -> environmentOf(r)).distinct()).hasSize(3);
      assertThat(lambda.warmEnvironments("ProbeFunction")).isEqualTo(3);
    } finally {
      ConcurrencyProbeHandler.reset(null);
    }
  }

  @Test
  void invocationsQueuedBehindTheLimit_doNotTimeOut_theTimeoutCountsFromWhenTheHandlerStarts()
      throws Exception {
    // GIVEN ProbeFunction's Timeout of 1 s, a limit of 2, and handlers that really take 0.3 s each
    ConcurrencyProbeHandler.reset(null);
    try (InProcessLambda lambda = Fixtures.lambda(clock, logs, 2)) {
      // WHEN 10 invocations arrive at once: the last 2 wait 1.2 s for a slot, longer than the
      // Timeout
      long before = System.nanoTime();
      List<InvocationResult> results = invokeConcurrently(lambda, 10, "{\"holdMillis\": 300}");
      Duration batch = Duration.ofNanos(System.nanoTime() - before);

      // THEN none timed out, and each reports only its own run time: with 2 slots, run times that
      // exclude
      // the queueing add up to at most 2 x the batch (with it, ~9 s against a ~1.5 s batch). A
      // relation
      // between two measurements, so a loaded machine cannot break it as an absolute bound would.
      assertThat(results).allSatisfy(r -> assertThat(r.error()).as(r.payload()).isFalse());
      Duration runTimes =
          results.stream().map(InvocationResult::duration).reduce(Duration.ZERO, Duration::plus);
      assertThat(runTimes).isLessThanOrEqualTo(batch.multipliedBy(2));
      assertThat(ConcurrencyProbeHandler.MAX_RUNNING.get()).isEqualTo(2);
      assertThat(ConcurrencyProbeHandler.OVERLAPS.get()).isZero();
    }
  }

  @Test
  void sequentialInvocations_reuseOneWarmEnvironment() throws Exception {
    ConcurrencyProbeHandler.reset(null);
    try (InProcessLambda lambda = Fixtures.lambda(clock, logs, 4)) {
      List<Integer> environments = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        environments.add(environmentOf(lambda.invoke("ProbeFunction", "{}")));
      }
      assertThat(ConcurrencyProbeHandler.CONSTRUCTED.get()).isEqualTo(1);
      assertThat(environments).containsOnly(environments.get(0));
      assertThat(lambda.warmEnvironments("ProbeFunction")).isEqualTo(1);
    }
  }

  @Test
  void handlerRunningPastItsTimeout_timesOut_itsEnvironmentIsDiscarded_andItsSlotFreed()
      throws Exception {
    ConcurrencyProbeHandler.reset(null);
    try (InProcessLambda lambda = Fixtures.lambda(clock, logs, 1)) {
      InvocationResult late = lambda.invoke("ProbeFunction", "{\"holdMillis\": 1500}");
      assertThat(late.error()).isTrue();
      assertThat(JSON.readTree(late.payload()).get("errorMessage").asText())
          .endsWith(late.requestId() + " Task timed out after 1.00 seconds");
      assertThat(lambda.warmEnvironments("ProbeFunction")).isZero();

      // the timed-out handler still sleeps in its thread, yet the one slot is free: a new
      // environment runs
      InvocationResult next = lambda.invoke("ProbeFunction", "{}");
      assertThat(next.error()).as(next.payload()).isFalse();
      assertThat(ConcurrencyProbeHandler.CONSTRUCTED.get()).isEqualTo(2);
      assertThat(environmentOf(next)).isEqualTo(2);
    }
  }

  @Test
  void concurrencyLimitBelowOne_isRejected() {
    assertThatThrownBy(() -> Fixtures.lambda(clock, logs, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  private static List<InvocationResult> invokeConcurrently(
      InProcessLambda lambda, int n, String event) throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(n);
    try {
      List<Callable<InvocationResult>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        calls.add(() -> lambda.invoke("ProbeFunction", event));
      }
      List<InvocationResult> results = new java.util.ArrayList<>();
      for (Future<InvocationResult> f : callers.invokeAll(calls)) {
        results.add(f.get());
      }
      return results;
    } finally {
      callers.shutdownNow();
    }
  }

  private static int environmentOf(InvocationResult result) {
    try {
      return JSON.readTree(result.payload()).get("environment").asInt();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void missingHandlerClass_isAUserError() {
    SamTemplate t =
        SamTemplate.parse(
            """
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Missing::handleRequest
        """,
            Path.of("t.yaml"));
    try (InProcessLambda lambda = new InProcessLambda(t, Fixtures.none(), clock, logs::add)) {
      assertThatThrownBy(() -> lambda.invoke("F", "{}"))
          .isInstanceOf(TemplateException.class)
          .hasMessageContaining("com.example.Missing is not on the classpath");
    }
  }
}
