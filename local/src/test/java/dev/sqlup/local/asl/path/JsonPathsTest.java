package dev.sqlup.local.asl.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.model.StatesError;
import org.junit.jupiter.api.Test;

class JsonPathsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private final JsonNode doc = json("{'a':{'b':[1,2,{'c':null}]},'s':'x','n':5,'my key':7}");

  @Test
  void find_walksSimpleAndBracketedPaths() {
    assertThat(JsonPaths.find("$", doc)).contains(doc);
    assertThat(JsonPaths.find("$.a.b[1]", doc)).contains(json("2"));
    assertThat(JsonPaths.find("$['a']['b'][0]", doc)).contains(json("1"));
    assertThat(JsonPaths.find("$['my key']", doc)).contains(json("7"));
    assertThat(JsonPaths.find("$.a.b[2].c", doc)).contains(json("null"));
  }

  @Test
  void find_acceptsTheGuidesDotBracketForm() {
    // The intrinsic functions page shows $.abc.['def ghi'] for names outside member-name-shorthand.
    assertThat(JsonPaths.find("$.abc.['def ghi']", json("{'abc':{'def ghi':1}}")))
        .contains(json("1"));
  }

  @Test
  void find_isEmptyForMissingKeysAndNonObjects() {
    assertThat(JsonPaths.find("$.nope", doc)).isEmpty();
    assertThat(JsonPaths.find("$.s.x", doc)).isEmpty();
    assertThat(JsonPaths.find("$.n[0]", doc)).isEmpty();
    assertThat(JsonPaths.find("$['s']['x']", doc)).isEmpty();
  }

  @Test
  void find_agreesWithJaywayOnAnIndexPastTheEnd() {
    // Jayway (which AWS uses) answers null for a definite index past the end of an array.
    assertThat(JsonPaths.find("$.a.b[7]", doc)).contains(json("null"));
    assertThat(JsonPaths.find("$['a']['b'][7]", doc)).contains(json("null"));
  }

  @Test
  void find_indefinitePathsReturnArrays() {
    assertThat(JsonPaths.find("$.a.b[*]", doc)).contains(json("[1,2,{'c':null}]"));
    assertThat(JsonPaths.find("$.a.b[?(@ > 1)]", doc)).contains(json("[2]"));
    assertThat(JsonPaths.find("$..c", doc)).contains(json("[null]"));
    // AWS's JSONPath has no functions: "$.a.b.length()" selects nothing (a States.Runtime)
    assertThat(JsonPaths.find("$.a.b.length()", doc)).isEmpty();
  }

  @Test
  void find_contextPathsDropTheExtraDollar() {
    JsonNode context = json("{'Execution':{'Id':'arn:x'}}");
    assertThat(JsonPaths.find("$$.Execution.Id", context)).contains(json("'arn:x'"));
  }

  @Test
  void read_raisesStatesRuntimeWithAwsWording() {
    assertThatThrownBy(() -> JsonPaths.read("$.nope", doc))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.causeText()).contains("'$.nope' could not be found in the input");
            });
    assertThatThrownBy(() -> JsonPaths.read("InputPath", "$.nope", doc))
        .hasMessageContaining(
            "specified for the field 'InputPath' could not be found in the input");
  }

  @Test
  void applyResultPath_nullDiscardsAndDollarReplaces() {
    JsonNode result = json("{'r':1}");
    assertThat(JsonPaths.applyResultPath(null, doc, result)).isSameAs(doc);
    assertThat(JsonPaths.applyResultPath("$", doc, result)).isSameAs(result);
  }

  @Test
  void applyResultPath_setsInsideACopyCreatingObjects() {
    JsonNode input = json("{'a':{'x':1}}");
    JsonNode out = JsonPaths.applyResultPath("$.a.b.c", input, json("42"));
    assertThat(out).isEqualTo(json("{'a':{'x':1,'b':{'c':42}}}"));
    assertThat(input).isEqualTo(json("{'a':{'x':1}}"));
    assertThat(JsonPaths.applyResultPath("$['my key']", input, json("1")))
        .isEqualTo(json("{'a':{'x':1},'my key':1}"));
  }

  @Test
  void applyResultPath_replacesAnExistingArrayItem() {
    assertThat(JsonPaths.applyResultPath("$.l[1]", json("{'l':[1,2]}"), json("9")))
        .isEqualTo(json("{'l':[1,9]}"));
  }

  @Test
  void applyResultPath_failsThroughNonObjects() {
    assertThatThrownBy(() -> JsonPaths.applyResultPath("$.s.x", doc, json("1")))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure"));
    assertThatThrownBy(() -> JsonPaths.applyResultPath("$.x", json("'text'"), json("1")))
        .isInstanceOf(StatesError.class);
    assertThatThrownBy(() -> JsonPaths.applyResultPath("$.l[5]", json("{'l':[1]}"), json("1")))
        .isInstanceOf(StatesError.class);
  }

  @Test
  void referencePaths_allowOnlySingleNodePaths() {
    assertThat(JsonPaths.isValidReferencePath("$")).isTrue();
    assertThat(JsonPaths.isValidReferencePath("$.a.b")).isTrue();
    assertThat(JsonPaths.isValidReferencePath("$['a b'][0].c")).isTrue();
    assertThat(JsonPaths.isValidReferencePath("$$.Execution.Id")).isTrue();
    assertThat(JsonPaths.isValidReferencePath("$.a[*]")).isFalse();
    assertThat(JsonPaths.isValidReferencePath("$..a")).isFalse();
    assertThat(JsonPaths.isValidReferencePath("$.a[?(@.x)]")).isFalse();
    assertThat(JsonPaths.isValidReferencePath("$.a[1:2]")).isFalse();
    assertThat(JsonPaths.isValidReferencePath("$.a['b','c']")).isFalse();
    assertThat(JsonPaths.isValidReferencePath("$.a.length()")).isFalse();
    assertThat(JsonPaths.isValidReferencePath("a.b")).isFalse();
    assertThat(JsonPaths.isValidReferencePath(null)).isFalse();
  }

  @Test
  void findExisting_treatsAnIndexPastTheEndAsMissing() {
    assertThat(JsonPaths.findExisting("$.a.b[7]", doc)).isEmpty();
    assertThat(JsonPaths.findExisting("$['a']['b'][7]", doc)).isEmpty();
    assertThat(JsonPaths.findExisting("$.a.b[2].c", doc)).contains(json("null"));
    assertThat(JsonPaths.findExisting("$.a.b[1]", doc)).contains(json("2"));
  }

  @Test
  void variableReferencePaths_areReferencePathsAfterTheName() {
    assertThat(VariablePaths.isReferencePath("$x")).isTrue();
    assertThat(VariablePaths.isReferencePath("$x.a[0]")).isTrue();
    assertThat(VariablePaths.isReferencePath("$.a")).isTrue();
    assertThat(VariablePaths.isReferencePath("$$.State.Name")).isTrue();
    assertThat(VariablePaths.isReferencePath("$x[*]")).isFalse();
    assertThat(VariablePaths.isReferencePath("$x..a")).isFalse();
    assertThat(VariablePaths.isReferencePath("x")).isFalse();
  }

  @Test
  void variableRead_selectsFromVariablesContextOrInput() {
    VariableLookup variables = name -> name.equals("v") ? json("{'k':[4,5]}") : null;
    JsonNode context = json("{'State':{'Name':'S'}}");
    assertThat(VariablePaths.read("ItemsPath", "$v.k", doc, () -> context, variables))
        .isEqualTo(json("[4,5]"));
    assertThat(VariablePaths.read("ItemsPath", "$$.State.Name", doc, () -> context, variables))
        .isEqualTo(json("'S'"));
    assertThat(VariablePaths.read("ItemsPath", "$.n", doc, () -> context, variables))
        .isEqualTo(json("5"));
    assertThatThrownBy(() -> VariablePaths.read("ItemsPath", "$w", doc, () -> context, variables))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.causeText())
                  .isEqualTo(
                      "The JSONPath '$w' specified for the field 'ItemsPath' could not be found:"
                          + " the variable 'w' is not defined");
            });
  }

  @Test
  void validPaths_mustStartWithDollarAndParse() {
    assertThat(JsonPaths.isValidPath("$..a[?(@.x > 1)]")).isTrue();
    assertThat(JsonPaths.isValidPath("$$.Map.Item.Value")).isTrue();
    assertThat(JsonPaths.isValidPath("a.b")).isFalse();
    assertThat(JsonPaths.isValidPath("$.a.")).isFalse();
    assertThat(JsonPaths.isValidPath("$[")).isFalse();
    assertThat(JsonPaths.isValidPath("")).isFalse();
  }
}
