package dev.sqlup.local.asl.path;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.choice.ChoiceRule;
import dev.sqlup.local.asl.payload.PayloadTemplate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The data-flow share of one transition of the chain20 benchmark (a Pass with
 * {"n.$":"$.n","step":k} and a Choice with NumericGreaterThanEquals), measured on one thread. Run
 * with -Pslow.
 */
@Tag("slow")
class DataFlowThroughputTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void passAndChoiceDataFlow_isFarBelowTheEngineBudget() throws Exception {
    PayloadTemplate parameters =
        PayloadTemplate.compile(MAPPER.readTree("{\"n.$\":\"$.n\",\"step\":3}"));
    ChoiceRule rule =
        ChoiceRule.compile(
            MAPPER.readTree(
                "{\"Variable\":\"$.n\",\"NumericGreaterThanEquals\":0,\"Next\":\"X\"}"));
    JsonNode context = MAPPER.readTree("{\"State\":{\"Name\":\"S\"}}");
    JsonNode input = MAPPER.readTree("{\"n\":7,\"step\":2}");
    long sink = 0;
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 10; round++) {
      int n = 1_000_000;
      long start = System.nanoTime();
      JsonNode data = input;
      for (int i = 0; i < n; i++) {
        JsonNode effective = JsonPaths.read("$", data);
        JsonNode result = parameters.evaluate(effective, context);
        data = JsonPaths.applyResultPath("$", effective, result);
        if (rule.matches(data, context)) {
          sink++;
        }
      }
      best = Math.min(best, (System.nanoTime() - start) / (double) n);
    }
    System.out.printf("pass+choice data flow: %.0f ns per pair (%.0f pairs/s)%n", best, 1e9 / best);
    assertThat(sink).isPositive();
    // The engine must do 170,000 transitions/s (5.9 us each); data flow must be a small part of it.
    assertThat(best).isLessThan(1_500);
  }
}
