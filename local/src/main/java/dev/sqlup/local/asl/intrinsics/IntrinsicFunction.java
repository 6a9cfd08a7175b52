package dev.sqlup.local.asl.intrinsics;

import static dev.sqlup.local.asl.intrinsics.JsonValues.canonical;
import static dev.sqlup.local.asl.intrinsics.JsonValues.number;
import static dev.sqlup.local.asl.intrinsics.JsonValues.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The intrinsic functions of the JSONPath query language, as the Step Functions developer guide
 * "Intrinsic functions" page documents them. Bad arguments raise States.IntrinsicFailure.
 */
enum IntrinsicFunction implements IntrinsicArguments {
  FORMAT("States.Format") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      if (args.isEmpty() || !args.get(0).isTextual()) {
        throw failure("the first argument must be a string template");
      }
      IntrinsicExpression first = call.arguments().get(0);
      // A literal template keeps its escapes, so \{ and \} are braces and not a placeholder.
      String template =
          first instanceof IntrinsicExpression.Literal literal && literal.escapedSource() != null
              ? literal.escapedSource()
              : args.get(0).asText();
      boolean escapes = first instanceof IntrinsicExpression.Literal;
      StringBuilder out = new StringBuilder();
      int next = 1;
      for (int i = 0; i < template.length(); i++) {
        char c = template.charAt(i);
        if (escapes && c == '\\' && i + 1 < template.length()) {
          out.append(template.charAt(++i));
        } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
          if (next >= args.size()) {
            throw failure("the template has more {} placeholders than there are arguments");
          }
          out.append(formatValue(args.get(next++)));
          i++;
        } else {
          out.append(c);
        }
      }
      if (next != args.size()) {
        throw failure("the template has fewer {} placeholders than there are arguments");
      }
      return text(out.toString());
    }
  },
  STRING_TO_JSON("States.StringToJson") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      arity(args, 1);
      String text = string(args, 0);
      try {
        JsonNode parsed = MAPPER.readTree(text);
        if (parsed == null || parsed.isMissingNode()) {
          throw failure("the argument is not a JSON text");
        }
        return parsed;
      } catch (JsonProcessingException e) {
        throw failure("the argument is not a JSON text: " + e.getOriginalMessage());
      }
    }
  },
  JSON_TO_STRING("States.JsonToString") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      arity(args, 1);
      if (!(call.arguments().get(0) instanceof IntrinsicExpression.PathArgument)) {
        throw failure("the argument must be a path");
      }
      return text(args.get(0).toString());
    }
  },
  ARRAY("States.Array") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      ArrayNode array = FACTORY.arrayNode(args.size());
      args.forEach(array::add);
      return array;
    }
  },
  ARRAY_PARTITION("States.ArrayPartition") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      arity(args, 2);
      ArrayNode array = array(args, 0);
      long size = rounded(args, 1);
      if (size <= 0) {
        throw failure("the chunk size must be a positive integer, was " + args.get(1));
      }
      ArrayNode chunks = FACTORY.arrayNode();
      ArrayNode chunk = null;
      for (int i = 0; i < array.size(); i++) {
        if (i % size == 0) {
          chunk = chunks.addArray();
        }
        chunk.add(array.get(i));
      }
      return chunks;
    }
  },
  ARRAY_CONTAINS("States.ArrayContains") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      arity(args, 2);
      ArrayNode array = array(args, 0);
      String wanted = canonical(args.get(1));
      for (JsonNode item : array) {
        if (canonical(item).equals(wanted)) {
          return FACTORY.booleanNode(true);
        }
      }
      return FACTORY.booleanNode(false);
    }
  },
  ARRAY_RANGE("States.ArrayRange") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      arity(args, 3);
      long first = rounded(args, 0);
      long last = rounded(args, 1);
      long step = rounded(args, 2);
      if (step == 0) {
        throw failure("the step must not be 0");
      }
      long count = (step > 0 ? last - first : first - last) / Math.abs(step) + 1;
      if (count > MAX_RANGE) {
        throw failure("the range would have " + count + " items, more than " + MAX_RANGE);
      }
      ArrayNode array = FACTORY.arrayNode();
      for (long i = 0; i < count; i++) {
        array.add(number(first + i * step));
      }
      return array;
    }
  },
  ARRAY_GET_ITEM("States.ArrayGetItem") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      arity(args, 2);
      ArrayNode array = array(args, 0);
      long index = integer(args, 1);
      if (index < 0 || index >= array.size()) {
        throw failure("index " + index + " is out of bounds for an array of " + array.size());
      }
      return array.get((int) index);
    }
  },
  ARRAY_LENGTH("States.ArrayLength") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      arity(args, 1);
      return FACTORY.numberNode(array(args, 0).size());
    }
  },
  ARRAY_UNIQUE("States.ArrayUnique") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      arity(args, 1);
      Set<String> seen = new LinkedHashSet<>();
      ArrayNode unique = FACTORY.arrayNode();
      for (JsonNode item : array(args, 0)) {
        if (seen.add(canonical(item))) {
          unique.add(item);
        }
      }
      return unique;
    }
  },
  BASE64_ENCODE("States.Base64Encode") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      arity(args, 1);
      String value = limited(string(args, 0));
      return text(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }
  },
  BASE64_DECODE("States.Base64Decode") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      arity(args, 1);
      String value = limited(string(args, 0));
      try {
        return text(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw failure("the argument is not Base64 data: " + e.getMessage());
      }
    }
  },
  HASH("States.Hash") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      arity(args, 2);
      JsonNode data = args.get(0);
      if (data.isNull()) {
        throw failure("the data to hash must not be null");
      }
      String text = limited(data.isTextual() ? data.asText() : data.toString());
      String algorithm = string(args, 1);
      String javaName = HASH_ALGORITHMS.get(algorithm);
      if (javaName == null) {
        throw failure(
            "the algorithm must be one of "
                + String.join(", ", HASH_ALGORITHMS.keySet())
                + ", was '"
                + algorithm
                + "'");
      }
      try {
        byte[] digest =
            MessageDigest.getInstance(javaName).digest(text.getBytes(StandardCharsets.UTF_8));
        return text(HexFormat.of().formatHex(digest));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JVM lacks " + javaName, e);
      }
    }
  },
  JSON_MERGE("States.JsonMerge") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      arity(args, 3);
      if (!args.get(0).isObject() || !args.get(1).isObject()) {
        throw failure("the first two arguments must be JSON objects");
      }
      if (!args.get(2).isBoolean()) {
        throw failure("the third argument must be the boolean false");
      }
      if (args.get(2).booleanValue()) {
        throw failure("deep merge (true) is not supported: the third argument must be false");
      }
      ObjectNode merged = ((ObjectNode) args.get(0)).deepCopy();
      merged.setAll((ObjectNode) args.get(1).deepCopy());
      return merged;
    }
  },
  MATH_RANDOM("States.MathRandom") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      throw new IllegalStateException("MathRandom takes a random source");
    }

    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call, RandomGenerator random) {
      if (args.size() != 2 && args.size() != 3) {
        throw failure("takes 2 or 3 arguments (start, end[, seed]), was " + args.size());
      }
      long start = rounded(args, 0);
      long end = rounded(args, 1);
      if (start >= end) {
        throw failure("the start (" + start + ") must be less than the end (" + end + ")");
      }
      RandomGenerator source = args.size() == 3 ? new Random(rounded(args, 2)) : random;
      return number(source.nextLong(start, end));
    }
  },
  MATH_ADD("States.MathAdd") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      arity(args, 2);
      return number(int32(args, 0) + int32(args, 1));
    }
  },
  STRING_SPLIT("States.StringSplit") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      arity(args, 2);
      String value = string(args, 0);
      String delimiters = string(args, 1);
      if (delimiters.isEmpty()) {
        throw failure("the delimiter must not be empty");
      }
      // Each character of the second argument splits, and empty pieces are dropped: the guide's
      // example splits "This.is+a,test=string" on ".+,=" into five words.
      ArrayNode parts = FACTORY.arrayNode();
      StringTokenizer tokens = new StringTokenizer(value, delimiters);
      while (tokens.hasMoreTokens()) {
        parts.add(tokens.nextToken());
      }
      return parts;
    }
  },
  UUID_V4("States.UUID") {
    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call) {
      throw new IllegalStateException("UUID takes a random source");
    }

    @Override
    JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call, RandomGenerator random) {
      arity(args, 0);
      long most = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
      long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
      return text(new UUID(most, least).toString());
    }
  };

  static final int MAX_RANGE = 1000;

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory FACTORY = JsonNodeFactory.instance;
  private static final Map<String, String> HASH_ALGORITHMS =
      Stream.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512")
          .collect(Collectors.toMap(a -> a, a -> a, (a, b) -> a, java.util.LinkedHashMap::new));
  private static final Map<String, IntrinsicFunction> BY_NAME =
      Stream.of(values()).collect(Collectors.toUnmodifiableMap(f -> f.functionName, f -> f));

  final String functionName;

  IntrinsicFunction(String functionName) {
    this.functionName = functionName;
  }

  @Override
  public String functionName() {
    return functionName;
  }

  static IntrinsicFunction named(String name) {
    return BY_NAME.get(name);
  }

  abstract JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call);

  JsonNode apply(List<JsonNode> args, IntrinsicExpression.Call call, RandomGenerator random) {
    return apply(args, call);
  }

  JsonNode apply(
      IntrinsicExpression.Call call, JsonNode input, JsonNode context, RandomGenerator random) {
    List<JsonNode> args = new ArrayList<>(call.arguments().size());
    for (IntrinsicExpression argument : call.arguments()) {
      args.add(argument.evaluate(input, context, random));
    }
    try {
      return apply(args, call, random);
    } catch (ArithmeticException e) {
      throw failure("the result does not fit in a 64-bit integer");
    }
  }
}
