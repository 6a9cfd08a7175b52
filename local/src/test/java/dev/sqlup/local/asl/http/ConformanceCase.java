package dev.sqlup.local.asl.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One case of the engine's conformance suite ({@code
 * src/test/resources/asl-conformance/<topic>/*.json}): {@code
 * {"doc","description","definition","input","expect":{"status","output"|"error","cause"|"causeContains"|"createError"}}}.
 */
/**
 * {@code cli}: the case sets {@code "cli": true}, so HttpConformanceCliTest runs it through the AWS
 * CLI too.
 */
record ConformanceCase(
    String id,
    String topic,
    String description,
    String definition,
    String input,
    JsonNode expect,
    boolean cli,
    java.util.Map<String, String> machines) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every case file, sorted by path. */
  static List<ConformanceCase> all() {
    URL root = ConformanceCase.class.getClassLoader().getResource("asl-conformance");
    if (root == null) {
      return List.of();
    }
    try {
      Path dir = Path.of(root.toURI());
      try (Stream<Path> files = Files.walk(dir)) {
        return files
            .filter(f -> f.toString().endsWith(".json"))
            .sorted()
            .map(f -> load(dir, f))
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Other machines the case starts (states:startExecution), by name, as definition text. */
  private static java.util.Map<String, String> machines(JsonNode node) throws IOException {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    var fields = node.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      out.put(e.getKey(), JSON.writeValueAsString(e.getValue()));
    }
    return out;
  }

  private static ConformanceCase load(Path dir, Path file) {
    try {
      JsonNode node = JSON.readTree(file.toFile());
      String relative = dir.relativize(file).toString().replace('\\', '/');
      String topic = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : "";
      JsonNode definition = node.get("definition");
      JsonNode input = node.get("input");
      String inputText =
          node.has("inputText")
              ? node.get("inputText").asText()
              : (input == null ? "{}" : JSON.writeValueAsString(input));
      return new ConformanceCase(
          relative.replaceAll("\\.json$", ""),
          topic,
          node.path("description").asText(""),
          definition.isTextual() ? definition.textValue() : JSON.writeValueAsString(definition),
          inputText,
          node.get("expect"),
          node.path("cli").asBoolean(false),
          machines(node.path("machines")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read conformance case " + file, e);
    }
  }
}
