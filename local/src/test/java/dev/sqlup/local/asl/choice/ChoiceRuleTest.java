package dev.sqlup.local.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.model.StatesError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChoiceRuleTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNode INPUT =
      json(
          "{'s':'abc','n':5,'d':5.0,'b':true,'z':null,'t':'2016-03-14T01:59:00Z','t2':'2016-03-14T02:59:00+01:00',"
              + "'lim':10,'o':{'x':1},'file':'foo23.log','star':'a*b'}");
  private static final JsonNode CONTEXT = json("{'Execution':{'Name':'run-1'}}");

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static boolean matches(String rule) {
    return ChoiceRule.compile(json(rule)).matches(INPUT, CONTEXT);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'Variable':'$.s','StringEquals':'abc'}|true",
        "{'Variable':'$.s','StringLessThan':'abd'}|true",
        "{'Variable':'$.s','StringGreaterThan':'abd'}|false",
        "{'Variable':'$.s','StringLessThanEquals':'abc'}|true",
        "{'Variable':'$.s','StringGreaterThanEquals':'abc'}|true",
        "{'Variable':'$.n','StringEquals':'5'}|false",
        "{'Variable':'$.n','NumericEquals':5}|true",
        "{'Variable':'$.d','NumericEquals':5}|true",
        "{'Variable':'$.n','NumericLessThan':5.5}|true",
        "{'Variable':'$.n','NumericGreaterThan':5}|false",
        "{'Variable':'$.n','NumericLessThanEquals':5}|true",
        "{'Variable':'$.n','NumericGreaterThanEquals':6}|false",
        "{'Variable':'$.s','NumericEquals':5}|false",
        "{'Variable':'$.b','BooleanEquals':true}|true",
        "{'Variable':'$.s','BooleanEquals':true}|false",
        "{'Variable':'$.t','TimestampEquals':'2016-03-14T01:59:00.000Z'}|true",
        "{'Variable':'$.t2','TimestampEquals':'2016-03-14T01:59:00Z'}|true",
        "{'Variable':'$.t','TimestampLessThan':'2016-03-14T02:00:00Z'}|true",
        "{'Variable':'$.t','TimestampGreaterThan':'2016-03-14T02:00:00Z'}|false",
        "{'Variable':'$.t','TimestampLessThanEquals':'2016-03-14T01:59:00Z'}|true",
        "{'Variable':'$.t','TimestampGreaterThanEquals':'2016-03-14T01:59:01Z'}|false",
        "{'Variable':'$.s','TimestampEquals':'2016-03-14T01:59:00Z'}|false",
        "{'Variable':'$.n','NumericLessThanPath':'$.lim'}|true",
        "{'Variable':'$.s','StringEqualsPath':'$.s'}|true",
        "{'Variable':'$.t','TimestampLessThanPath':'$.t2'}|false",
        "{'Variable':'$.b','BooleanEqualsPath':'$.b'}|true",
        "{'Variable':'$.n','NumericEqualsPath':'$.s'}|false",
        "{'Variable':'$.file','StringMatches':'foo*.log'}|true",
        "{'Variable':'$.file','StringMatches':'*.log'}|true",
        "{'Variable':'$.file','StringMatches':'foo*.*'}|true",
        "{'Variable':'$.file','StringMatches':'bar*'}|false",
        "{'Variable':'$.star','StringMatches':'a\\\\*b'}|true",
        "{'Variable':'$.file','StringMatches':'foo\\\\*.log'}|false",
        "{'Variable':'$.z','IsNull':true}|true",
        "{'Variable':'$.s','IsNull':false}|true",
        "{'Variable':'$.n','IsNumeric':true}|true",
        "{'Variable':'$.s','IsString':true}|true",
        "{'Variable':'$.b','IsBoolean':true}|true",
        "{'Variable':'$.t','IsTimestamp':true}|true",
        "{'Variable':'$.s','IsTimestamp':true}|false",
        "{'Variable':'$.missing','IsPresent':false}|true",
        "{'Variable':'$.o.x','IsPresent':true}|true",
        "{'Variable':'$$.Execution.Name','StringEquals':'run-1'}|true",
        "{'And':[{'Variable':'$.n','NumericGreaterThan':1},{'Variable':'$.s','StringEquals':'abc'}]}|true",
        "{'Or':[{'Variable':'$.n','NumericGreaterThan':9},{'Not':{'Variable':'$.s','StringEquals':'x'}}]}|true",
        "{'Not':{'And':[{'Variable':'$.b','BooleanEquals':true},{'Variable':'$.z','IsNull':true}]}}|false",
        "{'Variable':'$.n','NumericEquals':5,'Next':'X','Comment':'top level extras'}|true"
      })
  void operators(String rule, boolean expected) {
    assertThat(matches(rule)).isEqualTo(expected);
  }

  @Test
  void missingVariable_isStatesRuntime_unlessIsPresent() {
    assertThatThrownBy(() -> matches("{'Variable':'$.missing','StringEquals':'x'}"))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.causeText())
                  .isEqualTo(
                      "Invalid path '$.missing': The choice state's condition path references an invalid value.");
            });
    assertThatThrownBy(() -> matches("{'Variable':'$.n','NumericEqualsPath':'$.missing'}"))
        .isInstanceOf(StatesError.class);
    assertThatThrownBy(() -> matches("{'Variable':'$.missing','IsNull':true}"))
        .isInstanceOf(StatesError.class);
  }

  @Test
  void wildcardMatching_isLinearAndExact() {
    WildcardPattern pattern = WildcardPattern.compile("a*b*c");
    assertThat(pattern.matches("abc")).isTrue();
    assertThat(pattern.matches("aXbYc")).isTrue();
    assertThat(pattern.matches("ac")).isFalse();
    assertThat(pattern.matches("abcb")).isFalse();
    assertThat(WildcardPattern.compile("*").matches("")).isTrue();
    assertThat(WildcardPattern.compile("**a").matches("a")).isTrue();
    assertThat(WildcardPattern.compile("a*a").matches("a")).isFalse();
    assertThat(WildcardPattern.compile("\\\\").matches("\\")).isTrue();
    String hostile = "*a".repeat(2000) + "*b";
    assertThat(WildcardPattern.compile(hostile).matches("a".repeat(100_000))).isFalse();
  }

  @Test
  void timestamps_followTheAwsProfileOfRfc3339() {
    assertThat(Timestamps.parse("2016-03-14T01:59:00Z")).isNotNull();
    assertThat(Timestamps.parse("2016-03-14T01:59:00.123456789+05:30")).isNotNull();
    assertThat(Timestamps.parse("2016-03-14t01:59:00Z")).isNull();
    assertThat(Timestamps.parse("2016-03-14T01:59:00z")).isNull();
    assertThat(Timestamps.parse("2016-03-14T01:59Z")).isNull();
    assertThat(Timestamps.parse("2016-03-14 01:59:00Z")).isNull();
    assertThat(Timestamps.parse("2016-13-14T01:59:00Z")).isNull();
    assertThat(Timestamps.parse("2016-03-14T01:59:00")).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'Variable':'$.s'}|needs a comparison operator",
        "{'StringEquals':'x'}|needs a 'Variable'",
        "{'Variable':'$.s','StringEquals':1}|must be a string",
        "{'Variable':'$.s','NumericEquals':'1'}|must be a number",
        "{'Variable':'$.s','BooleanEquals':'true'}|must be a boolean",
        "{'Variable':'$.s','IsNull':'yes'}|must be a boolean",
        "{'Variable':'$.s','TimestampEquals':'yesterday'}|RFC 3339",
        "{'Variable':'$.s','StringEquals':'a','NumericEquals':1}|two comparison operators",
        "{'Variable':'$.s','StringMatchesPath':'$.p'}|unknown field 'StringMatchesPath'",
        "{'Variable':'$.s','IsNullPath':'$.p'}|unknown field 'IsNullPath'",
        "{'Variable':'s','StringEquals':'a'}|must start with '$'",
        "{'Variable':'$.s','StringEqualsPath':'nope'}|valid Reference Path",
        "{'Variable':'$.s','StringEqualsPath':'$.p[*]'}|valid Reference Path",
        "{'Variable':'$.s[0:2]','StringEquals':'a'}|valid Reference Path",
        "{'And':[]}|non-empty array",
        "{'Or':{'Variable':'$.s','StringEquals':'a'}}|non-empty array",
        "{'Not':[{'Variable':'$.s','StringEquals':'a'}]}|must be a JSON object",
        "{'And':[{'Variable':'$.s','StringEquals':'a','Next':'X'}]}|must not have 'Next'",
        "{'And':[{'Variable':'$.s','StringEquals':'a'}],'Variable':'$.s'}|cannot be combined",
        "{'Variable':'$.s','Frobnicate':1}|unknown field 'Frobnicate'"
      })
  void compile_rejectsInvalidRules(String rule, String message) {
    assertThatThrownBy(() -> ChoiceRule.compile(json(rule)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
