package dev.sqlup.local.asl.intrinsics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.choice.ChoiceRule;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.payload.PayloadTemplate;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random and mutated intrinsic calls, payload templates and choice rules: compiling and evaluating
 * them raises only IllegalArgumentException (invalid definition) or StatesError (runtime). A hang
 * would stall the test fork until surefire's forkedProcessTimeoutInSeconds ends it: no per-case
 * wall-clock limit, which a loaded machine could break.
 */
class GeneratedInputRobustnessTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNode INPUT =
      json(
          "{\"a\":{\"b\":[1,2,{\"c\":null}]},\"s\":\"x,y.z\",\"n\":5,\"d\":-2.5,\"big\":1e400,\"t\":true,"
              + "\"arr\":[1,1,\"a\",{\"k\":1},[2]],\"obj\":{\"k\":\"v\"},\"json\":\"{\\\"q\\\":[1]}\","
              + "\"b64\":\"RGF0YQ==\",\"ts\":\"2016-03-14T01:59:00Z\",\"z\":null,\"long\":9223372036854775807}");
  private static final JsonNode CONTEXT =
      json("{\"State\":{\"Name\":\"S\"},\"Execution\":{\"Name\":\"e\"}}");
  private static final List<String> FUNCTIONS =
      List.of(
          "States.Format",
          "States.StringToJson",
          "States.JsonToString",
          "States.Array",
          "States.ArrayPartition",
          "States.ArrayContains",
          "States.ArrayRange",
          "States.ArrayGetItem",
          "States.ArrayLength",
          "States.ArrayUnique",
          "States.Base64Encode",
          "States.Base64Decode",
          "States.Hash",
          "States.JsonMerge",
          "States.MathRandom",
          "States.MathAdd",
          "States.StringSplit",
          "States.UUID",
          "States.Nope");
  private static final List<String> PATHS =
      List.of(
          "$",
          "$.a",
          "$.a.b",
          "$.a.b[2].c",
          "$.s",
          "$.n",
          "$.d",
          "$.big",
          "$.t",
          "$.arr",
          "$.obj",
          "$.json",
          "$.b64",
          "$.ts",
          "$.z",
          "$.long",
          "$.missing",
          "$..c",
          "$.arr[*]",
          "$.arr[?(@ > 0)]",
          "$.a.b.length()",
          "$$.State.Name",
          "$$.missing",
          "$['a']['b'][9]",
          "$.arr[-1]",
          "$.arr[1:3]");

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Provide
  Arbitrary<String> expressions() {
    return call(4);
  }

  private Arbitrary<String> call(int depth) {
    Arbitrary<String> argument =
        depth == 0 ? leaf() : Arbitraries.oneOf(leaf(), leaf(), call(depth - 1));
    return Combinators.combine(Arbitraries.of(FUNCTIONS), argument.list().ofMaxSize(4))
        .as((name, args) -> name + "(" + String.join(", ", args) + ")");
  }

  private Arbitrary<String> leaf() {
    Arbitrary<String> strings =
        Arbitraries.strings()
            .withChars("ab{}'\\,()$ .-SHA1MD5")
            .ofMaxLength(8)
            .map(s -> "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'");
    Arbitrary<String> numbers =
        Arbitraries.of(
            "0",
            "1",
            "-1",
            "2.5",
            "4",
            "1000",
            "1001",
            "-3",
            "1e400",
            "9223372036854775807",
            "99999999999999999999");
    Arbitrary<String> words =
        Arbitraries.of("true", "false", "null", "'SHA-256'", "'MD5'", "'{}'", "'{} {}'", "','");
    return Arbitraries.oneOf(strings, numbers, words, Arbitraries.of(PATHS));
  }

  @Provide
  Arbitrary<String> mutatedExpressions() {
    Arbitrary<Tuple.Tuple3<Integer, Integer, Character>> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 1000),
                Arbitraries.chars().with("(),'\\$.[]{} aS0?@*\"").range('a', 'z'))
            .as(Tuple::of);
    return Combinators.combine(expressions(), edit.list().ofMinSize(1).ofMaxSize(4))
        .as(
            (expression, edits) -> {
              StringBuilder text = new StringBuilder(expression);
              for (Tuple.Tuple3<Integer, Integer, Character> e : edits) {
                int at = text.length() == 0 ? 0 : e.get2() % text.length();
                switch (e.get1()) {
                  case 0 -> text.insert(at, e.get3().charValue());
                  case 1 -> {
                    if (text.length() > 0) text.deleteCharAt(at);
                  }
                  default -> {
                    if (text.length() > 0) text.setCharAt(at, e.get3());
                  }
                }
              }
              return text.toString();
            });
  }

  @Property(tries = 400)
  void intrinsics_failOnlyWithStatesErrorOrInvalidDefinition(
      @ForAll("expressions") String expression) {
    exercise(expression);
  }

  @Property(tries = 400)
  void mutatedIntrinsics_failOnlyWithStatesErrorOrInvalidDefinition(
      @ForAll("mutatedExpressions") String expression) {
    exercise(expression);
  }

  private static void exercise(String expression) {
    try {
      IntrinsicFunctions.validate(expression);
    } catch (IllegalArgumentException invalid) {
      return;
    }
    try {
      JsonNode value =
          IntrinsicFunctions.evaluate(expression, INPUT, CONTEXT, new SplittableRandom(3));
      assertThat(value).isNotNull();
      ObjectNode template = JsonNodeFactory.instance.objectNode();
      template.put("v.$", expression).putArray("list").addObject().put("w.$", expression);
      PayloadTemplate.compile(template).evaluate(INPUT, CONTEXT);
    } catch (StatesError expected) {
      assertThat(expected.error()).isIn("States.IntrinsicFailure", "States.Runtime");
    }
  }

  @Provide
  Arbitrary<JsonNode> choiceRules() {
    return rule(3);
  }

  private Arbitrary<JsonNode> rule(int depth) {
    Arbitrary<String> keys =
        Arbitraries.of(
            "StringEquals",
            "StringLessThan",
            "StringGreaterThanEquals",
            "StringMatches",
            "NumericEquals",
            "NumericLessThan",
            "NumericGreaterThanEquals",
            "BooleanEquals",
            "TimestampEquals",
            "TimestampLessThan",
            "IsPresent",
            "IsNull",
            "IsNumeric",
            "IsString",
            "IsBoolean",
            "IsTimestamp",
            "StringEqualsPath",
            "NumericLessThanPath",
            "TimestampGreaterThanPath",
            "BooleanEqualsPath",
            "Next",
            "Comment",
            "Bogus");
    Arbitrary<JsonNode> operands =
        Arbitraries.oneOf(
            Arbitraries.of(PATHS).map(p -> (JsonNode) JsonNodeFactory.instance.textNode(p)),
            Arbitraries.of("x", "*", "x*", "a\\*", "2016-03-14T01:59:00Z", "", "1")
                .map(s -> (JsonNode) JsonNodeFactory.instance.textNode(s)),
            Arbitraries.of(
                json("1"),
                json("-2.5"),
                json("1e400"),
                json("true"),
                json("false"),
                json("null"),
                json("{}"),
                json("[]")));
    Arbitrary<JsonNode> comparison =
        Combinators.combine(
                Arbitraries.of(PATHS).injectNull(0.05),
                keys.list().ofMaxSize(2),
                operands.list().ofSize(2))
            .as(
                (variable, ops, values) -> {
                  ObjectNode node = JsonNodeFactory.instance.objectNode();
                  if (variable != null) {
                    node.put("Variable", variable);
                  }
                  for (int i = 0; i < ops.size(); i++) {
                    node.set(ops.get(i), values.get(i));
                  }
                  return node;
                });
    if (depth == 0) {
      return comparison;
    }
    Arbitrary<JsonNode> nested = rule(depth - 1);
    Arbitrary<JsonNode> bool =
        Combinators.combine(Arbitraries.of("And", "Or", "Not", "Not"), nested.list().ofMaxSize(3))
            .as(
                (key, rules) -> {
                  ObjectNode node = JsonNodeFactory.instance.objectNode();
                  if (key.equals("Not")) {
                    node.set(
                        key, rules.isEmpty() ? JsonNodeFactory.instance.nullNode() : rules.get(0));
                  } else {
                    ArrayNode array = node.putArray(key);
                    rules.forEach(array::add);
                  }
                  return node;
                });
    return Arbitraries.oneOf(comparison, comparison, bool);
  }

  @Property(tries = 600)
  void choiceRules_failOnlyWithStatesRuntimeOrInvalidDefinition(
      @ForAll("choiceRules") JsonNode rule) {
    ChoiceRule compiled;
    try {
      compiled = ChoiceRule.compile(rule);
    } catch (IllegalArgumentException invalid) {
      return;
    }
    try {
      compiled.matches(INPUT, CONTEXT);
    } catch (StatesError expected) {
      assertThat(expected.error()).isEqualTo("States.Runtime");
    }
  }
}
