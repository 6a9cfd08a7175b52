package dev.sqlup.local.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.choice.ChoiceRule;
import dev.sqlup.local.asl.payload.PayloadTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data-flow share of one transition of the chain20 benchmark (a Pass with
 * {"n.$":"$.n","step":k} and a Choice with NumericGreaterThanEquals), measured on one thread. Was a
 * slow-tagged test asserting a wall-clock bound (issue 17: timing belongs in a benchmark); prints
 * JSON lines for bench/record.mjs: {@code bench/data-flow.sh [rounds] [pairs]}.
 */
public final class DataFlowThroughputBench {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One transition at the engine's goal of 170,000 transitions/s. */
  static final double BUDGET_NANOS = 1e9 / 170_000;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    PayloadTemplate parameters =
        PayloadTemplate.compile(MAPPER.readTree("{\"n.$\":\"$.n\",\"step\":3}"));
    ChoiceRule rule =
        ChoiceRule.compile(
            MAPPER.readTree(
                "{\"Variable\":\"$.n\",\"NumericGreaterThanEquals\":0,\"Next\":\"X\"}"));
    JsonNode context = MAPPER.readTree("{\"State\":{\"Name\":\"S\"}}");
    JsonNode input = MAPPER.readTree("{\"n\":7,\"step\":2}");
    List<Double> perPair = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      long matched = 0;
      long start = System.nanoTime();
      JsonNode data = input;
      for (int i = 0; i < n; i++) {
        JsonNode effective = JsonPaths.read("$", data);
        JsonNode result = parameters.evaluate(effective, context);
        data = JsonPaths.applyResultPath("$", effective, result);
        if (rule.matches(data, context)) {
          matched++;
        }
      }
      double nanos = (System.nanoTime() - start) / (double) n;
      if (matched != n) {
        throw new IllegalStateException("the Choice matched " + matched + " of " + n + " pairs");
      }
      perPair.add(nanos);
      print("run", Map.of("round", round, "pairs", n, "nanosPerPair", Math.round(nanos)));
    }
    List<Double> sorted = perPair.stream().sorted().toList();
    Map<String, Number> figures = new LinkedHashMap<>();
    figures.put("rounds", rounds);
    figures.put("pairs per round", n);
    figures.put("best round, ns per Pass+Choice pair", Math.round(sorted.get(0)));
    figures.put("median round, ns per Pass+Choice pair", Math.round(sorted.get(rounds / 2)));
    figures.put("one transition at 170,000 transitions/s (ns)", Math.round(BUDGET_NANOS));
    figures.put(
        "best pair as a share of that (%)", Math.round(1000 * sorted.get(0) / BUDGET_NANOS) / 10.0);
    print("figures", figures);
  }

  private static void print(String kind, Map<String, ?> body) throws Exception {
    System.out.println(MAPPER.writeValueAsString(Map.of(kind, body)));
  }
}
