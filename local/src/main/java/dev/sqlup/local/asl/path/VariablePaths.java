package dev.sqlup.local.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.model.StatesError;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSONPath references to workflow variables (developer guide "Passing data between states with
 * variables": {@code $name}, {@code $name.field}, {@code $name[0]}) in JSONPath states: payload
 * templates, intrinsic-function arguments and Choice rules' Variable.
 *
 * <p>The variables of the state being evaluated travel in a thread-local set by {@link #with}: the
 * compiled templates, rules and intrinsic calls are shared, immutable and evaluated deep inside
 * code that has no other way to them.
 */
public final class VariablePaths {
  private static final Pattern VARIABLE_PATH =
      Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)((?:[.\\[].*)?)", Pattern.DOTALL);
  private static final ThreadLocal<VariableLookup> CURRENT =
      ThreadLocal.withInitial(() -> VariableLookup.NONE);

  private VariablePaths() {}

  /** Whether {@code path} names a variable ({@code $x...}) rather than the input or the context. */
  public static boolean isVariablePath(String path) {
    // most paths are $.x or $$.x: answered without a matcher (Choice rules ask on every evaluation)
    if (path == null || path.length() < 2 || !isNameStart(path.charAt(1))) {
      return false;
    }
    return VARIABLE_PATH.matcher(path).matches();
  }

  private static boolean isNameStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  /** Why a variable path is invalid (its part after the name is not a JSONPath), or null. */
  public static String invalidReason(String path) {
    Matcher m = VARIABLE_PATH.matcher(path);
    if (!m.matches()) {
      return "'" + path + "' is not a variable reference";
    }
    return m.group(2).isEmpty() ? null : JsonPaths.invalidReason("$" + m.group(2));
  }

  /**
   * Whether {@code path} is a Reference Path into the input, the context ({@code $$}) or a variable
   * ({@code $name...}): one node, no wildcards, filters, slices or functions.
   */
  public static boolean isReferencePath(String path) {
    if (path == null) {
      return false;
    }
    Matcher m = VARIABLE_PATH.matcher(path);
    if (m.matches()) {
      return m.group(2).isEmpty() || JsonPaths.isValidReferencePath("$" + m.group(2));
    }
    return JsonPaths.isValidReferencePath(path);
  }

  /** The variable's name in {@code path}. */
  public static String name(String path) {
    Matcher m = VARIABLE_PATH.matcher(path);
    if (!m.matches()) {
      throw new IllegalArgumentException(path);
    }
    return m.group(1);
  }

  /**
   * The value {@code path} selects among the current variables; empty when the variable or the
   * field is missing.
   */
  public static Optional<JsonNode> find(String path) {
    Matcher m = VARIABLE_PATH.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    JsonNode value = CURRENT.get().variable(m.group(1));
    if (value == null || m.group(2).isEmpty()) {
      return Optional.ofNullable(value);
    }
    return JsonPaths.find("$" + m.group(2), value);
  }

  /**
   * The value a {@code ...Path} field (ItemsPath, SecondsPath, TimeoutSecondsPath, ...) selects: a
   * variable reference ({@code $name...}) among {@code variables}, a {@code $$} path into the
   * context object {@code context} supplies, else a path into {@code input} (developer guide
   * "Passing data between states with variables"). Nothing selected is the States.Runtime error of
   * {@link JsonPaths#read(String, String, JsonNode)}.
   */
  public static JsonNode read(
      String field,
      String path,
      JsonNode input,
      Supplier<? extends JsonNode> context,
      VariableLookup variables) {
    Matcher m = VARIABLE_PATH.matcher(path);
    if (!m.matches()) {
      boolean fromContext = path.startsWith("$$") && context != null;
      return JsonPaths.read(field, path, fromContext ? context.get() : input);
    }
    JsonNode value = variables == null ? null : variables.variable(m.group(1));
    JsonNode selected =
        value == null || m.group(2).isEmpty()
            ? value
            : JsonPaths.find("$" + m.group(2), value).orElse(null);
    if (selected == null) {
      throw new StatesError(
          "States.Runtime",
          "The JSONPath '"
              + path
              + "' specified for the field '"
              + field
              + "' could not be found: the variable '"
              + m.group(1)
              + "' "
              + (value == null ? "is not defined" : "has no value at that path"));
    }
    return selected;
  }

  /** Whether the variable {@code path} names is defined at all. */
  public static boolean defined(String path) {
    return CURRENT.get().variable(name(path)) != null;
  }

  /** Runs {@code work} with {@code variables} as the current ones (restored afterwards). */
  public static <T> T with(VariableLookup variables, Supplier<T> work) {
    VariableLookup saved = CURRENT.get();
    CURRENT.set(variables == null ? VariableLookup.NONE : variables);
    try {
      return work.get();
    } finally {
      CURRENT.set(saved);
    }
  }
}
