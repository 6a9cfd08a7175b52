package dev.sqlup.local.asl.intrinsics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sqlup.local.asl.path.JsonPaths;
import dev.sqlup.local.asl.path.VariablePaths;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an intrinsic invocation: {@code States.Name(arg, ...)} where an argument is a quoted
 * string ({@code \'}, {@code \{}, {@code \}} and {@code \\} escapes), a number, true/false/null, a
 * JSONPath or a nested invocation. Errors are IllegalArgumentException (the definition is invalid).
 */
final class IntrinsicParser {
  /** The guide: "You can nest up to 10 intrinsic functions within a field". */
  static final int MAX_NESTING = 10;

  private final String source;
  private int position;

  private IntrinsicParser(String source) {
    this.source = source;
  }

  static IntrinsicExpression.Call parse(String expression) {
    if (expression == null) {
      throw new IllegalArgumentException("the intrinsic function call is null");
    }
    IntrinsicParser parser = new IntrinsicParser(expression);
    parser.skipSpaces();
    IntrinsicExpression.Call call = parser.call(1);
    parser.skipSpaces();
    if (parser.position != expression.length()) {
      throw parser.error("unexpected text after the closing parenthesis");
    }
    return call;
  }

  private IntrinsicExpression.Call call(int depth) {
    if (depth > MAX_NESTING) {
      throw error("more than " + MAX_NESTING + " nested intrinsic functions");
    }
    int start = position;
    if (!source.startsWith("States.", position)) {
      throw error("an intrinsic function name must start with 'States.'");
    }
    position += "States.".length();
    while (position < source.length() && Character.isLetterOrDigit(source.charAt(position))) {
      position++;
    }
    String name = source.substring(start, position);
    IntrinsicFunction function = IntrinsicFunction.named(name);
    if (function == null) {
      throw error("unknown intrinsic function '" + name + "'");
    }
    skipSpaces();
    expect('(');
    List<IntrinsicExpression> arguments = new ArrayList<>();
    skipSpaces();
    if (peek() == ')') {
      position++;
      return new IntrinsicExpression.Call(function, List.of());
    }
    while (true) {
      skipSpaces();
      arguments.add(argument(depth, name));
      skipSpaces();
      char c = peek();
      if (c == ',') {
        position++;
      } else if (c == ')') {
        position++;
        return new IntrinsicExpression.Call(function, List.copyOf(arguments));
      } else {
        throw error("expected ',' or ')'");
      }
    }
  }

  private IntrinsicExpression argument(int depth, String function) {
    char c = peek();
    if (c == '\'') {
      return string();
    }
    if (c == '$') {
      return path(function);
    }
    if (source.startsWith("States.", position)) {
      return call(depth + 1);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    for (String word : new String[] {"true", "false", "null"}) {
      if (source.startsWith(word, position)) {
        int end = position + word.length();
        if (end == source.length() || !Character.isLetterOrDigit(source.charAt(end))) {
          position = end;
          JsonNode value =
              switch (word) {
                case "true" -> JsonNodeFactory.instance.booleanNode(true);
                case "false" -> JsonNodeFactory.instance.booleanNode(false);
                default -> JsonNodeFactory.instance.nullNode();
              };
          return new IntrinsicExpression.Literal(value, null);
        }
      }
    }
    throw error("expected an argument: a 'string', a number, a path or an intrinsic function");
  }

  private IntrinsicExpression string() {
    position++; // opening quote
    StringBuilder value = new StringBuilder();
    StringBuilder escaped = new StringBuilder();
    boolean openEscape = false;
    while (position < source.length()) {
      char c = source.charAt(position++);
      if (c == '\\') {
        if (position >= source.length()) {
          throw error("an open escape '\\' ends the string");
        }
        char next = source.charAt(position++);
        if (next != '\'' && next != '{' && next != '}' && next != '\\') {
          // The guide: "If an open escape backslash \ is found in the intrinsic invocation
          // string, the interpreter will return a runtime error" - so not a definition error.
          openEscape = true;
        }
        value.append(next);
        escaped.append('\\').append(next);
      } else if (c == '\'' && openEscape) {
        return new IntrinsicExpression.OpenEscape(source);
      } else if (c == '\'') {
        return new IntrinsicExpression.Literal(
            JsonNodeFactory.instance.textNode(value.toString()), escaped.toString());
      } else {
        value.append(c);
        escaped.append(c);
      }
    }
    throw error("unterminated string literal");
  }

  private IntrinsicExpression number() {
    int start = position;
    if (peek() == '-') {
      position++;
    }
    while (position < source.length()) {
      char c = source.charAt(position);
      if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        position++;
      } else {
        break;
      }
    }
    String text = source.substring(start, position);
    if (!text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      throw error("'" + text + "' is not a number");
    }
    try {
      return new IntrinsicExpression.Literal(IntrinsicFunction.MAPPER.readTree(text), null);
    } catch (JsonProcessingException e) {
      throw error("'" + text + "' is not a number");
    }
  }

  /** A path runs to the next ',' or ')' outside brackets, parentheses and quotes. */
  private IntrinsicExpression path(String function) {
    int start = position;
    int depth = 0;
    char quote = 0;
    while (position < source.length()) {
      char c = source.charAt(position);
      if (quote != 0) {
        if (c == '\\') {
          position++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '(') {
        depth++;
      } else if (c == ']' || c == ')') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        break;
      }
      position++;
    }
    String path = source.substring(start, Math.min(position, source.length())).strip();
    String invalid =
        VariablePaths.isVariablePath(path)
            ? VariablePaths.invalidReason(path)
            : JsonPaths.invalidReason(path);
    if (invalid != null) {
      throw error(invalid);
    }
    return new IntrinsicExpression.PathArgument(path, function);
  }

  private char peek() {
    return position < source.length() ? source.charAt(position) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    position++;
  }

  private void skipSpaces() {
    while (position < source.length() && Character.isWhitespace(source.charAt(position))) {
      position++;
    }
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException(
        "Invalid intrinsic function call '"
            + source
            + "' at position "
            + position
            + ": "
            + problem);
  }
}
