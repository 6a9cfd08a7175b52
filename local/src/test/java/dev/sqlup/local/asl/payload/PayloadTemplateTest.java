package dev.sqlup.local.asl.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.model.StatesError;
import org.junit.jupiter.api.Test;

class PayloadTemplateTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void evaluate_specExample_parametersWithPathsAndLiterals() {
    // states-language.net "Parameters" example.
    PayloadTemplate template =
        PayloadTemplate.compile(
            json("{'flagged':true,'parts':{'first.$':'$.vals[0]','last3.$':'$.vals[3:]'}}"));
    JsonNode out = template.evaluate(json("{'flagged':7,'vals':[0,10,20,30,40,50]}"), json("{}"));
    assertThat(out).isEqualTo(json("{'flagged':true,'parts':{'first':0,'last3':[30,40,50]}}"));
  }

  @Test
  void evaluate_readsContextWithDoubleDollar_andRecursesIntoArrays() {
    PayloadTemplate template =
        PayloadTemplate.compile(json("{'list':[{'id.$':'$$.Execution.Id'},'lit',{'x.$':'$.x'}]}"));
    JsonNode out = template.evaluate(json("{'x':1}"), json("{'Execution':{'Id':'e-1'}}"));
    assertThat(out).isEqualTo(json("{'list':[{'id':'e-1'},'lit',{'x':1}]}"));
  }

  @Test
  void evaluate_callsIntrinsics() {
    PayloadTemplate template =
        PayloadTemplate.compile(
            MAPPER.createObjectNode().put("greeting.$", "States.Format('Hello {}', $.name)"));
    assertThat(template.evaluate(json("{'name':'Arnav'}"), json("{}")))
        .isEqualTo(json("{'greeting':'Hello Arnav'}"));
  }

  @Test
  void evaluate_missingPathIsStatesRuntimeNamingTheField() {
    PayloadTemplate template = PayloadTemplate.compile(json("{'missing.$':'$.nope.deep'}"));
    assertThatThrownBy(() -> template.evaluate(json("{'other':1}"), json("{}")))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.causeText())
                  .isEqualTo(
                      "The JSONPath '$.nope.deep' specified for the field 'missing.$' could not be"
                          + " found in the input '{\"other\":1}'");
            });
  }

  @Test
  void evaluate_doesNotLeakTheTemplateToMutation() {
    PayloadTemplate template = PayloadTemplate.compile(json("{'a':{'b':1}}"));
    JsonNode first = template.evaluate(json("{}"), json("{}"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) first.get("a")).put("b", 2);
    assertThat(template.evaluate(json("{}"), json("{}"))).isEqualTo(json("{'a':{'b':1}}"));
  }

  @Test
  void compile_rejectsBadDynamicFields() {
    assertThatThrownBy(() -> PayloadTemplate.compile(json("{'a.$':'not a path'}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a.$' must be a valid JSONPath or a valid intrinsic function call");
    assertThatThrownBy(() -> PayloadTemplate.compile(json("{'a.$':42}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PayloadTemplate.compile(json("{'n':{'a.$':'States.Nope($.x)'}}")))
        .hasMessageContaining("unknown intrinsic function 'States.Nope'");
    assertThatThrownBy(() -> PayloadTemplate.compile(json("{'a.$':'$.a.'}")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
