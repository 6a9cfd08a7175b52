package dev.sqlup.proof;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON lines a benchmark hands to {@code node bench/record.mjs <name> "<command>"}: {@code run}
 * lines are kept as the results file's runs, the last {@code figures} line (numbers only, in the
 * order docs/BENCHMARKS.md shows them) becomes its figures. Each line names its benchmark, so one
 * test run can feed several results files (bench/upgrade-workflow.sh picks them out by name).
 */
public final class BenchmarkLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchmarkLines() {}

  public static void run(String benchmark, Map<String, ?> run) {
    print(benchmark, "run", run);
  }

  public static void figures(String benchmark, Map<String, ? extends Number> figures) {
    print(benchmark, "figures", figures);
  }

  private static void print(String benchmark, String kind, Map<String, ?> body) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("benchmark", benchmark);
    line.put(kind, body);
    try {
      System.out.println(JSON.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
