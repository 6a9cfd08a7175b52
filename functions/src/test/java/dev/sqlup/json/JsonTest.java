package dev.sqlup.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.testing.TestJson;
import dev.sqlup.workflow.UpgradeState;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void storedTaskReadsAndWritesAsDatabindDidWithTheSameSettings() throws Exception {
    byte[] json = resource("/dev/sqlup/api/priming/task.json");
    UpgradeTask viaJr = Json.read(json, UpgradeTask.class);
    UpgradeTask viaDatabind = TestJson.MAPPER.readValue(json, UpgradeTask.class);

    assertThat(viaJr).isEqualTo(viaDatabind);
    assertThat(TestJson.MAPPER.readTree(Json.writeBytes(viaJr)))
        .isEqualTo(TestJson.MAPPER.readTree(TestJson.MAPPER.writeValueAsBytes(viaDatabind)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "workflow-precheck.json",
        "workflow-switchover.json",
        "workflow-finalize.json",
        "workflow-compensate.json"
      })
  void phasePayloadsRoundTripLikeDatabind(String event) throws Exception {
    byte[] json =
        Files.readAllBytes(
            dev.sqlup.testing.Dynalite.projectRoot().resolve("events").resolve(event));
    UpgradeState state = Json.read(json, UpgradeState.class);

    assertThat(state).isEqualTo(TestJson.MAPPER.readValue(json, UpgradeState.class));
    assertThat(TestJson.MAPPER.readTree(Json.writeBytes(state)))
        .isEqualTo(TestJson.MAPPER.readTree(TestJson.MAPPER.writeValueAsBytes(state)));
  }

  @Test
  void instantsAreFixedWidthUtcTextWithMilliseconds() {
    record At(Instant at) {}
    assertThat(Json.write(new At(Instant.parse("2026-03-02T00:00:00Z"))))
        .isEqualTo("{\"at\":\"2026-03-02T00:00:00.000Z\"}");
    assertThat(Json.read("{\"at\":\"2026-03-02T10:04:58.123Z\"}", At.class).at())
        .isEqualTo(Instant.parse("2026-03-02T10:04:58.123Z"));
    assertThatThrownBy(() -> Json.read("{\"at\":\"yesterday\"}", At.class))
        .isInstanceOf(Json.MalformedJson.class);
    assertThat(Json.read("{\"at\":1772445898.123000000}", At.class).at())
        .as("epoch seconds, as databind's JavaTimeModule wrote them")
        .isEqualTo(Instant.parse("2026-03-02T10:04:58.123Z"));
    assertThatThrownBy(() -> Json.read("{\"at\":true}", At.class))
        .isInstanceOf(Json.MalformedJson.class);
  }

  @Test
  void nullsAreLeftOutAndUnknownPropertiesIgnored() {
    record Pair(String a, Long b) {}
    assertThat(Json.write(new Pair("x", null))).isEqualTo("{\"a\":\"x\"}");
    assertThat(Json.read("{\"a\":\"x\",\"b\":2,\"later\":{\"c\":[1]}}", Pair.class))
        .isEqualTo(new Pair("x", 2L));
  }

  @Test
  @SuppressWarnings("unchecked")
  void treesArePlainJavaInDocumentOrder() {
    Map<String, Object> tree = Json.readObject("{\"z\":1,\"a\":[true,null,\"s\",2.5,12345678901]}");
    assertThat(tree.keySet()).containsExactly("z", "a");
    assertThat(tree.get("z")).isEqualTo(1);
    assertThat((List<Object>) tree.get("a")).containsExactly(true, null, "s", 2.5, 12345678901L);
    assertThat(Json.write(tree)).isEqualTo("{\"z\":1,\"a\":[true,null,\"s\",2.5,12345678901]}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "{\"a\":1}{",
        "{\"a\":1} 2",
        "{\"a\":1,\"a\":2}",
        "[1,]",
        "nul",
        "{'a':1}"
      })
  void malformedJsonIsRefused(String text) {
    assertThatThrownBy(() -> Json.readObject(text)).isInstanceOf(Json.MalformedJson.class);
  }

  @Test
  void onlyObjectsAreObjects() {
    assertThatThrownBy(() -> Json.readObject("[1]"))
        .isInstanceOf(Json.MalformedJson.class)
        .hasMessageContaining("object");
    assertThat(Json.readTree("null".getBytes())).isNull();
  }

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = JsonTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
