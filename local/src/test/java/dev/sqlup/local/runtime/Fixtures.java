package dev.sqlup.local.runtime;

import dev.sqlup.local.runtime.handlers.FakeServices;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The fixture template under src/test/resources/runtime and a runtime over it. */
final class Fixtures {
  private Fixtures() {}

  static Path templatePath() {
    try {
      return Path.of(Fixtures.class.getResource("/runtime/template.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static SamTemplate template() {
    return SamTemplate.load(templatePath());
  }

  static InProcessLambda lambda(Clock clock, List<String> logs) {
    return lambda(clock, logs, InProcessLambda.defaultConcurrency());
  }

  static InProcessLambda lambda(Clock clock, List<String> logs, int concurrencyLimit) {
    return new InProcessLambda(
        template(),
        LocalEndpoints.overrides("http://127.0.0.1:8000", null, null),
        clock,
        logs::add,
        FakeServices.class.getName(),
        Fixtures.class.getClassLoader(),
        concurrencyLimit);
  }

  static List<String> logs() {
    return new CopyOnWriteArrayList<>();
  }

  /**
   * The request log line is written after the response is sent: wait for it rather than race it.
   */
  static void awaitLog(List<String> logs, java.util.function.Predicate<String> line)
      throws InterruptedException {
    long deadline =
        System.nanoTime() + 30_000_000_000L; // a hang guard: returns as soon as it holds
    while (logs.stream().noneMatch(line) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  static Map<String, String> none() {
    return Map.of();
  }
}
