package dev.sqlup.local.asl.intrinsics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.model.StatesError;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Examples from the developer guide's "Intrinsic functions" page, plus their error cases. */
class IntrinsicFunctionsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNode NO_CONTEXT = MAPPER.createObjectNode();

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static JsonNode eval(String expression, String input) {
    return IntrinsicFunctions.evaluate(
        expression, json(input), NO_CONTEXT, new SplittableRandom(1));
  }

  private static void assertFailure(String expression, String input, String causeContains) {
    assertThatThrownBy(() -> eval(expression, input))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.IntrinsicFailure");
              assertThat(e.causeText()).contains(causeContains);
            });
  }

  @Test
  void format_interpolatesLiteralAndPathTemplates() {
    String input = "{\"name\":\"Arnav\",\"template\":\"Hello, my name is {}.\"}";
    assertThat(eval("States.Format('Hello, my name is {}.', $.name)", input).asText())
        .isEqualTo("Hello, my name is Arnav.");
    assertThat(eval("States.Format($.template, $.name)", input).asText())
        .isEqualTo("Hello, my name is Arnav.");
  }

  @Test
  void format_honoursEscapesAndRendersScalars() {
    assertThat(eval("States.Format('\\{\\} {} it\\'s \\\\ {} {}', 1.5, true, null)", "{}").asText())
        .isEqualTo("{} 1.5 it's \\ true null");
    assertFailure("States.Format('{} {}', 'one')", "{}", "more {} placeholders");
    assertFailure("States.Format('{}', 'one', 'two')", "{}", "fewer {} placeholders");
    assertFailure("States.Format('{}', $.o)", "{\"o\":{\"a\":1}}", "only strings");
  }

  @Test
  void stringToJson_andJsonToString() {
    assertThat(eval("States.StringToJson($.s)", "{\"s\":\"{\\\"foo\\\": \\\"bar\\\"}\"}"))
        .isEqualTo(json("{\"foo\":\"bar\"}"));
    assertThat(eval("States.JsonToString($.o)", "{\"o\":{\"foo\":\"bar\"}}").asText())
        .isEqualTo("{\"foo\":\"bar\"}");
    assertFailure("States.StringToJson($.s)", "{\"s\":\"{not json\"}", "not a JSON text");
  }

  @Test
  void arrays() {
    assertThat(eval("States.Array($.Id)", "{\"Id\":123456}")).isEqualTo(json("[123456]"));
    assertThat(eval("States.Array()", "{}")).isEqualTo(json("[]"));
    assertThat(eval("States.ArrayPartition($.a, 4)", "{\"a\":[1,2,3,4,5,6,7]}"))
        .isEqualTo(json("[[1,2,3,4],[5,6,7]]"));
    assertThat(
            eval("States.ArrayContains($.a, $.v)", "{\"a\":[1,2,3,4,5,6,7,8,9],\"v\":5}")
                .asBoolean())
        .isTrue();
    assertThat(eval("States.ArrayContains($.a, 5.0)", "{\"a\":[5]}").asBoolean()).isTrue();
    assertThat(eval("States.ArrayContains($.a, 'x')", "{\"a\":[5]}").asBoolean()).isFalse();
    assertThat(eval("States.ArrayRange(1, 9, 2)", "{}")).isEqualTo(json("[1,3,5,7,9]"));
    assertThat(eval("States.ArrayRange(9, 1, -4)", "{}")).isEqualTo(json("[9,5,1]"));
    assertThat(eval("States.ArrayGetItem($.a, 5)", "{\"a\":[1,2,3,4,5,6,7,8,9]}"))
        .isEqualTo(json("6"));
    assertThat(eval("States.ArrayLength($.a)", "{\"a\":[1,2,3,4,5,6,7,8,9]}")).isEqualTo(json("9"));
    assertThat(eval("States.ArrayUnique($.a)", "{\"a\":[1,2,3,3,3,3,3,3,4]}"))
        .isEqualTo(json("[1,2,3,4]"));
  }

  @Test
  void arrays_rejectBadArguments() {
    assertFailure("States.ArrayPartition($.a, 0)", "{\"a\":[1]}", "positive integer");
    // The guide: non-integer arguments of ArrayPartition and ArrayRange are rounded.
    assertThat(eval("States.ArrayPartition($.a, 1.6)", "{\"a\":[1,2,3]}"))
        .isEqualTo(json("[[1,2],[3]]"));
    assertThat(eval("States.ArrayRange(1.2, 9.4, 2)", "{}")).isEqualTo(json("[1,3,5,7,9]"));
    assertFailure("States.ArrayPartition($.a, 0.4)", "{\"a\":[1]}", "positive integer");
    assertFailure("States.ArrayPartition($.a, 1)", "{\"a\":\"x\"}", "must be an array");
    assertFailure("States.ArrayRange(1, 9, 0)", "{}", "step must not be 0");
    assertFailure("States.ArrayRange(1, 1001, 1)", "{}", "more than 1000");
    assertThat(eval("States.ArrayRange(1, 1000, 1)", "{}").size()).isEqualTo(1000);
    assertFailure("States.ArrayGetItem($.a, 3)", "{\"a\":[1,2,3]}", "out of bounds");
    assertFailure("States.ArrayLength($.a, 1)", "{\"a\":[]}", "takes 1 argument");
  }

  @Test
  void base64() {
    assertThat(eval("States.Base64Encode($.input)", "{\"input\":\"Data to encode\"}").asText())
        .isEqualTo("RGF0YSB0byBlbmNvZGU=");
    assertThat(
            eval("States.Base64Decode($.input)", "{\"input\":\"RGF0YSB0byBlbmNvZGU=\"}").asText())
        .isEqualTo("Data to encode");
    assertFailure("States.Base64Decode('%%%')", "{}", "not Base64");
    String big = "x".repeat(10_001);
    assertFailure("States.Base64Encode($.s)", "{\"s\":\"" + big + "\"}", "more than 10000");
  }

  @Test
  void hash() {
    assertThat(
            eval(
                    "States.Hash($.Data, $.Algorithm)",
                    "{\"Data\":\"input data\",\"Algorithm\":\"SHA-1\"}")
                .asText())
        .isEqualTo("aaff4a450a104cd177d28d18d74485e8cae074b7");
    assertThat(eval("States.Hash('abc', 'MD5')", "{}").asText())
        .isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    assertThat(eval("States.Hash('abc', 'SHA-256')", "{}").asText())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(eval("States.Hash('abc', 'SHA-384')", "{}").asText()).hasSize(96);
    assertThat(eval("States.Hash('abc', 'SHA-512')", "{}").asText()).hasSize(128);
    assertFailure("States.Hash('abc', 'SHA-3')", "{}", "algorithm must be one of");
  }

  @Test
  void jsonMerge_isShallowOnly() {
    String input =
        "{\"json1\":{\"a\":{\"a1\":1,\"a2\":2},\"b\":2},\"json2\":{\"a\":{\"a3\":1,\"a4\":2},\"c\":3}}";
    assertThat(eval("States.JsonMerge($.json1, $.json2, false)", input))
        .isEqualTo(json("{\"a\":{\"a3\":1,\"a4\":2},\"b\":2,\"c\":3}"));
    assertFailure("States.JsonMerge($.json1, $.json2, true)", input, "deep merge");
    assertFailure("States.JsonMerge($.json1, 'x', false)", input, "JSON objects");
  }

  @Test
  void math() {
    assertThat(eval("States.MathAdd($.value1, $.step)", "{\"value1\":111,\"step\":-1}"))
        .isEqualTo(json("110"));
    assertThat(eval("States.MathAdd(1.5, 1)", "{}")).isEqualTo(json("3"));
    JsonNode seeded = eval("States.MathRandom($.start, $.end, 7)", "{\"start\":1,\"end\":999}");
    assertThat(seeded.asLong()).isBetween(1L, 998L);
    assertThat(eval("States.MathRandom(1, 999, 7)", "{}")).isEqualTo(seeded);
    assertThat(seeded.asLong()).isEqualTo(new Random(7).nextLong(1, 999));
    for (int i = 0; i < 50; i++) {
      assertThat(
              IntrinsicFunctions.evaluate("States.MathRandom(0, 2)", NO_CONTEXT, NO_CONTEXT)
                  .asLong())
          .isBetween(0L, 1L);
    }
    assertFailure("States.MathRandom(5, 5)", "{}", "less than the end");
    assertFailure("States.MathAdd('1', 2)", "{}", "must be a number");
    assertThat(eval("States.MathAdd(2147483647, -2147483648)", "{}")).isEqualTo(json("-1"));
    assertFailure("States.MathAdd(2147483648, 1)", "{}", "between -2147483648 and 2147483647");
  }

  @Test
  void stringSplit_splitsOnEachDelimiterCharacter() {
    assertThat(
            eval(
                "States.StringSplit($.inputString, $.splitter)",
                "{\"inputString\":\"1,2,3,4,5\",\"splitter\":\",\"}"))
        .isEqualTo(json("[\"1\",\"2\",\"3\",\"4\",\"5\"]"));
    assertThat(eval("States.StringSplit($.s, '.+,=')", "{\"s\":\"This.is+a,test=string\"}"))
        .isEqualTo(json("[\"This\",\"is\",\"a\",\"test\",\"string\"]"));
  }

  @Test
  void uuid_isVersion4() {
    String uuid = eval("States.UUID()", "{}").asText();
    assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void nesting_upToTenLevels() {
    String input =
        "{\"ImageRecipe\":{\"Arn\":\"arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe.v1/1.0.0\"}}";
    String nine =
        // The guide's example has three {} for two arguments; the spec requires them to match.
        "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))";
    assertThat(eval(nine, input).asText()).isEqualTo("1.0");
    String ten = "States.Array(".repeat(10) + ")".repeat(10);
    IntrinsicFunctions.validate(ten);
    assertThatThrownBy(() -> IntrinsicFunctions.validate("States.Array(" + ten + ")"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 10 nested");
  }

  @Test
  void contextPathsAndMissingPaths() {
    JsonNode context = json("{\"Execution\":{\"Name\":\"run-1\"}}");
    assertThat(
            IntrinsicFunctions.evaluate(
                    "States.Format('x-{}', $$.Execution.Name)", json("{}"), context)
                .asText())
        .isEqualTo("x-run-1");
    assertThatThrownBy(() -> eval("States.Array($.missing)", "{}"))
        .isInstanceOfSatisfying(
            StatesError.class, e -> assertThat(e.error()).isEqualTo("States.Runtime"));
  }

  @Test
  void openEscape_isARuntimeError() {
    IntrinsicFunctions.validate("States.Format('bad \\n {}', 1)");
    assertThatThrownBy(() -> eval("States.Format('bad \\n {}', 1)", "{}"))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.causeText()).contains("open escape");
            });
  }

  @Test
  void validate_rejectsMalformedCalls() {
    for (String bad :
        new String[] {
          "States.Nope()",
          "States.Array(",
          "States.Array('x)",
          "States.Array(1 2)",
          "States.Array($.a.)",
          "States.Array(01)",
          "Array(1)",
          "States.Array() trailing",
          "States.Array(foo)"
        }) {
      assertThatThrownBy(() -> IntrinsicFunctions.validate(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    IntrinsicFunctions.validate("States.Array( 1 , -2.5e3 , true , null , 'a,b' , $.x['a,b'] )");
  }
}
