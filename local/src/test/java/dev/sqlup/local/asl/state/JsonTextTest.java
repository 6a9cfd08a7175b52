package dev.sqlup.local.asl.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The engine's JSON writer writes exactly what Jackson's {@code JsonNode.toString()} writes. */
class JsonTextTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Property(tries = 500)
  void of_agreesWithJackson_onGeneratedTrees(@ForAll long seed, @ForAll String text) {
    Random random = new Random(seed);
    JsonNode tree = tree(random, text, 0);

    assertThat(JsonText.of(tree)).isEqualTo(tree.toString());
  }

  @Test
  void of_agreesWithJackson_onEveryEscapeAndNumberKind() throws Exception {
    ArrayNode edge = F.arrayNode();
    StringBuilder everyLowChar = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      everyLowChar.append(c);
    }
    edge.add(everyLowChar.toString()).add("\u2028\u2029é\ud800x\udfff😀").add("");
    edge.add(Double.NaN).add(Double.POSITIVE_INFINITY).add(Double.NEGATIVE_INFINITY);
    edge.add(-0.0).add(1e20).add(1e-7).add(Double.MAX_VALUE).add(Double.MIN_VALUE);
    edge.add(1.5f).add(Float.NaN).add(Float.NEGATIVE_INFINITY).add(3.4e38f);
    edge.add((short) -7).add(Integer.MIN_VALUE).add(Long.MAX_VALUE);
    edge.add(new BigDecimal("1E+3")).add(new BigDecimal("0.000001")).add(new BigDecimal("1.10"));
    edge.add(new BigInteger("-123456789012345678901234567890"));
    edge.addObject().put("k\u0001\"", "v").putNull("n").put("t", true).put("f", false);
    edge.add(MAPPER.readTree("[1e400, 1.0E10, 12345678901234567890123, 0.1, -1e-400]"));

    assertThat(JsonText.of(edge)).isEqualTo(edge.toString());
  }

  @Test
  void of_leavesWhatOnlyJacksonWrites_toJackson() {
    ArrayNode exotic = F.arrayNode();
    exotic.add(F.binaryNode(new byte[] {1, 2, 3}));
    exotic.add(F.pojoNode(List.of(1)));
    exotic.add(F.rawValueNode(new RawValue("RAW")));
    exotic.add(F.missingNode());
    JsonNode deep = F.numberNode(1);
    for (int i = 0; i < 1000; i++) {
      deep = F.arrayNode().add(deep);
    }

    assertThat(JsonText.of(exotic)).isEqualTo(exotic.toString());
    assertThat(JsonText.of(deep)).isEqualTo(deep.toString());
  }

  private static JsonNode tree(Random random, String text, int depth) {
    int kind = random.nextInt(depth > 3 ? 9 : 11);
    return switch (kind) {
      case 0 -> F.textNode(text);
      case 1 -> F.textNode(text.substring(0, random.nextInt(text.length() + 1)) + "\"\\\n");
      case 2 -> F.numberNode(random.nextInt());
      case 3 -> F.numberNode(random.nextLong());
      case 4 -> F.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(60) - 30));
      case 5 -> F.numberNode(BigDecimal.valueOf(random.nextLong(), random.nextInt(40) - 20));
      case 6 -> F.numberNode(random.nextFloat());
      case 7 -> F.booleanNode(random.nextBoolean());
      case 8 -> F.nullNode();
      case 9 -> {
        ArrayNode array = F.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.add(tree(random, text, depth + 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = F.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          object.set(i % 2 == 0 ? text : "k" + i, tree(random, text, depth + 1));
        }
        yield object;
      }
    };
  }
}
