package dev.sqlup.local.asl.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The cheap size check answers exactly what measuring the JSON text answers. */
class PayloadSizeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Property(tries = 300)
  void exceeds_agreesWithTheTextLength(
      @ForAll String text,
      @ForAll int number,
      @ForAll double fraction,
      @ForAll @IntRange(min = 0, max = 200) int limit) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("s", text);
    node.put("n", number);
    node.putArray("a").add(text).add(number).addNull().add(true);
    node.putObject("o").put("k\n\"", text);
    ObjectNode withDouble = node.deepCopy().put("d", fraction);

    assertThat(PayloadSize.exceeds(node, limit)).isEqualTo(node.toString().length() > limit);
    assertThat(PayloadSize.exceeds(withDouble, limit))
        .isEqualTo(withDouble.toString().length() > limit);
  }

  @Test
  void exceeds_atTheLimit_isFalse_oneCharacterMoreIsTrue() throws Exception {
    JsonNode payload = MAPPER.readTree("{\"n\":1,\"step\":2}");
    int length = payload.toString().length();

    assertThat(PayloadSize.exceeds(payload, length)).isFalse();
    assertThat(PayloadSize.exceeds(payload, length - 1)).isTrue();
  }
}
