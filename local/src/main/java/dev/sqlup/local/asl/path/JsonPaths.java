package dev.sqlup.local.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.internal.Path;
import com.jayway.jsonpath.internal.path.PathCompiler;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.sqlup.local.asl.model.StatesError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * JSONPath as Step Functions uses it (JSONPath query language): Jayway JsonPath over Jackson trees,
 * compiled once per distinct path string and cached.
 *
 * <p>A path that starts with {@code "$$"} addresses the context object: the caller passes the
 * context object as {@code document} and the leading {@code "$"} is dropped.
 */
public final class JsonPaths {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Configuration CONFIGURATION =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER))
          .mappingProvider(new JacksonMappingProvider(MAPPER))
          .build();

  /**
   * {@code $.name.name[0]}: paths this simple are walked directly, everything else goes to Jayway.
   */
  private static final Pattern SIMPLE =
      Pattern.compile("\\$(\\.[A-Za-z_][A-Za-z0-9_]*|\\[[0-9]+])*");

  private static final int CACHE_LIMIT = 10_000;
  private static final ConcurrentHashMap<String, Compiled> CACHE = new ConcurrentHashMap<>();

  private JsonPaths() {}

  /**
   * The node {@code path} selects in {@code document}, or empty when nothing matches. An indefinite
   * path (wildcard, filter, deep scan) yields an array, possibly empty. An invalid path is an
   * IllegalArgumentException: validate definitions with {@link #isValidPath} at load time.
   */
  public static Optional<JsonNode> find(String path, JsonNode document) {
    Compiled compiled = compiled(path);
    if (compiled.invalidReason != null) {
      throw new IllegalArgumentException(compiled.invalidReason);
    }
    return Optional.ofNullable(compiled.evaluate(document));
  }

  /**
   * Like {@link #find}, but an index past the end of an array selects nothing rather than null: AWS
   * reads intrinsic-function arguments this way ({@code States.Format('{}', $.items[5])} over a
   * two-item array fails, where {@code "v.$": "$.items[5]"} yields null).
   */
  public static Optional<JsonNode> findExisting(String path, JsonNode document) {
    Compiled compiled = compiled(path);
    if (compiled.invalidReason != null) {
      throw new IllegalArgumentException(compiled.invalidReason);
    }
    return Optional.ofNullable(
        compiled.segments != null ? compiled.walk(document, true) : compiled.evaluate(document));
  }

  /**
   * Like {@link #find} but a path that selects nothing is the States.Runtime error AWS raises for
   * InputPath, OutputPath, ItemsPath and the other path fields.
   */
  public static JsonNode read(String path, JsonNode document) {
    return find(path, document)
        .orElseThrow(
            () ->
                new StatesError(
                    "States.Runtime",
                    "The JSONPath '"
                        + path
                        + "' could not be found in the input '"
                        + document
                        + "'"));
  }

  /**
   * Like {@link #read} with AWS's wording for a field: {@code The JSONPath '$.x' specified for the
   * field 'InputPath' could not be found in the input '{...}'}.
   */
  public static JsonNode read(String field, String path, JsonNode document) {
    return find(path, document)
        .orElseThrow(
            () ->
                new StatesError(
                    "States.Runtime",
                    "The JSONPath '"
                        + path
                        + "' specified for the field '"
                        + field
                        + "' could not be found in the input '"
                        + document
                        + "'"));
  }

  /**
   * Applies a ResultPath: {@code null} discards the result, {@code "$"} replaces the input, a
   * reference path sets the result inside a copy of the input, creating missing objects on the way.
   */
  public static JsonNode applyResultPath(String resultPath, JsonNode input, JsonNode result) {
    if (resultPath == null) {
      return input;
    }
    Compiled compiled = compiled(resultPath);
    if (compiled.segments == null) {
      throw new IllegalArgumentException(
          "ResultPath must be a valid reference path, was '" + resultPath + "'");
    }
    List<Object> segments = compiled.segments;
    if (segments.isEmpty()) {
      return result;
    }
    if (!input.isObject() && !(input.isArray() && segments.get(0) instanceof Integer)) {
      throw resultPathFailure(resultPath, input);
    }
    JsonNode root = input.deepCopy();
    JsonNode current = root;
    for (int i = 0; i < segments.size(); i++) {
      Object segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      if (segment instanceof String name) {
        if (!current.isObject()) {
          throw resultPathFailure(resultPath, input);
        }
        ObjectNode object = (ObjectNode) current;
        if (last) {
          object.set(name, result);
        } else {
          JsonNode next = object.get(name);
          if (next == null || next.isNull()) {
            next = object.putObject(name);
          }
          current = next;
        }
      } else {
        int index = (Integer) segment;
        if (!current.isArray() || index < 0 || index >= current.size()) {
          throw resultPathFailure(resultPath, input);
        }
        ArrayNode array = (ArrayNode) current;
        if (last) {
          array.set(index, result);
        } else {
          current = array.get(index);
        }
      }
    }
    return root;
  }

  private static StatesError resultPathFailure(String resultPath, JsonNode input) {
    return new StatesError(
        "States.ResultPathMatchFailure",
        "Unable to apply ResultPath \"" + resultPath + "\" to input \"" + input + "\"");
  }

  /**
   * A Reference Path (spec "Reference Paths"): a single node addressed by {@code .name}, {@code
   * ['name']} and {@code [index]} only, no wildcards, filters, slices, unions or functions.
   */
  public static boolean isValidReferencePath(String path) {
    if (path == null) {
      return false;
    }
    Compiled compiled = compiled(path);
    return compiled.invalidReason == null && compiled.segments != null;
  }

  /** Any JSONPath Jayway accepts that starts with {@code $} (or {@code $$} for the context). */
  public static boolean isValidPath(String path) {
    return path != null && compiled(path).invalidReason == null;
  }

  /** Why {@code path} is not a valid JSONPath, or {@code null} when it is. */
  public static String invalidReason(String path) {
    return path == null ? "path is null" : compiled(path).invalidReason;
  }

  private static Compiled compiled(String path) {
    Compiled compiled = CACHE.get(path);
    if (compiled == null) {
      compiled = Compiled.of(path);
      // Paths come from definitions, so the set is small; the bound only guards generated input.
      if (CACHE.size() < CACHE_LIMIT) {
        CACHE.putIfAbsent(path, compiled);
      }
    }
    return compiled;
  }

  /** One path string, compiled once: a direct walk for simple paths, a Jayway {@link Path} else. */
  private static final class Compiled {
    final String invalidReason;
    final Path jayway;

    /** Names (String) and indexes (Integer) when the path is a reference path, else null. */
    final List<Object> segments;

    final boolean simple;

    private Compiled(String invalidReason, Path jayway, List<Object> segments, boolean simple) {
      this.invalidReason = invalidReason;
      this.jayway = jayway;
      this.segments = segments;
      this.simple = simple;
    }

    static Compiled of(String original) {
      String path = original.startsWith("$$") ? original.substring(1) : original;
      if (!path.startsWith("$")) {
        return invalid("'" + original + "' is not a JSONPath: it must start with '$'");
      }
      Path jayway;
      try {
        jayway = PathCompiler.compile(path);
      } catch (RuntimeException e) {
        return invalid("'" + original + "' is not a valid JSONPath: " + e.getMessage());
      }
      List<Object> segments = null;
      if (jayway.isDefinite() && !jayway.isFunctionPath()) {
        segments = ReferenceSegments.parse(jayway.toString());
      }
      boolean simple = SIMPLE.matcher(path).matches();
      return new Compiled(null, jayway, segments, simple);
    }

    private static Compiled invalid(String reason) {
      return new Compiled(reason, null, null, false);
    }

    JsonNode evaluate(JsonNode document) {
      if (simple) {
        return walk(document, false);
      }
      if (jayway.isFunctionPath()) {
        // Step Functions accepts such a path in a definition but its JSONPath has no functions
        // (developer guide "Reference Paths": "Functions such as length() aren't supported"): on
        // AWS '$.a.sum()' selects nothing and the state fails with States.Runtime.
        return null;
      }
      try {
        Object value = jayway.evaluate(document, document, CONFIGURATION).getValue(false);
        if (value == null) {
          return null;
        }
        return value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
      } catch (PathNotFoundException e) {
        return null;
      } catch (RuntimeException e) {
        // Jayway reports evaluation trouble (a filter over mismatched types, a function on the
        // wrong node) as exceptions of its own; for a state that is "the path selects nothing".
        return null;
      }
    }

    /**
     * The same answers as Jayway for {@code $.a[0].b}, including null for an index past the end.
     */
    private JsonNode walk(JsonNode document, boolean existingOnly) {
      JsonNode current = document;
      for (Object segment : segments) {
        if (segment instanceof String name) {
          if (!current.isObject()) {
            return null;
          }
          current = current.get(name);
          if (current == null) {
            return null;
          }
        } else {
          if (!current.isArray()) {
            return null;
          }
          int index = (Integer) segment;
          JsonNode item = current.get(index);
          if (item == null && existingOnly) {
            return null;
          }
          current = item == null ? MAPPER.nullNode() : item;
        }
      }
      return current;
    }
  }

  /** Splits Jayway's normalized form ({@code $['a']['b'][0]}) of a definite path into segments. */
  static final class ReferenceSegments {
    private ReferenceSegments() {}

    static List<Object> parse(String normalized) {
      List<Object> segments = new ArrayList<>();
      int i = 1; // after '$'
      int n = normalized.length();
      while (i < n) {
        if (normalized.charAt(i) != '[' || i + 1 >= n) {
          return null;
        }
        char c = normalized.charAt(i + 1);
        if (c == '\'') {
          StringBuilder name = new StringBuilder();
          int j = i + 2;
          boolean closed = false;
          while (j < n) {
            char d = normalized.charAt(j);
            if (d == '\\' && j + 1 < n) {
              name.append(normalized.charAt(j + 1));
              j += 2;
            } else if (d == '\'') {
              closed = true;
              break;
            } else {
              name.append(d);
              j++;
            }
          }
          if (!closed || j + 1 >= n || normalized.charAt(j + 1) != ']') {
            return null; // unions such as ['a','b'] end up here
          }
          segments.add(name.toString());
          i = j + 2;
        } else {
          int close = normalized.indexOf(']', i);
          if (close < 0) {
            return null;
          }
          String index = normalized.substring(i + 1, close);
          if (!index.matches("[0-9]{1,9}")) {
            return null;
          }
          segments.add(Integer.parseInt(index));
          i = close + 1;
        }
      }
      return List.copyOf(segments);
    }
  }
}
