package dev.sqlup.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.jr.ob.JSON;
import com.fasterxml.jackson.jr.ob.JacksonJrExtension;
import com.fasterxml.jackson.jr.ob.api.ExtensionContext;
import com.fasterxml.jackson.jr.ob.api.ReaderWriterProvider;
import com.fasterxml.jackson.jr.ob.api.ValueReader;
import com.fasterxml.jackson.jr.ob.api.ValueWriter;
import com.fasterxml.jackson.jr.ob.impl.JSONReader;
import com.fasterxml.jackson.jr.ob.impl.JSONWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The one JSON codec of the functions: records (through their canonical constructor and accessors),
 * maps, lists and scalars; nulls left out; unknown properties ignored; duplicate keys and trailing
 * content refused; instants as fixed-width UTC text with milliseconds ({@code
 * 2026-03-02T00:00:00.000Z}) so that they sort as text in DynamoDB sort keys.
 *
 * <p>It is Jackson jr (jackson-core's streaming parser plus a small object mapper) rather than
 * jackson-databind because of cold start: in a fresh JVM databind's bootstrap and bean
 * introspection cost about 300 ms for one {@code UpgradeState} round trip, jr about 50 ms
 * (docs/BENCHMARKS.md, "Cold start"); in the functions jar jr runs on the AWS SDK's own shaded
 * jackson-core (functions/pom.xml). A JSON tree is plain Java: {@code Map<String, Object>} (in
 * document order), {@code List<Object>}, {@code String}, {@code Integer}/{@code Long}/{@code
 * BigInteger}, {@code Double}, {@code Boolean}.
 */
public final class Json {
  public static final DateTimeFormatter INSTANT_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final JSON JR =
      JSON.builder(
              JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .register(new InstantText())
          .enable(
              JSON.Feature.WRITE_RECORD_FIELDS_IN_DECLARATION_ORDER,
              JSON.Feature.PRESERVE_FIELD_ORDERING)
          .disable(JSON.Feature.WRITE_NULL_PROPERTIES, JSON.Feature.FAIL_ON_UNKNOWN_BEAN_PROPERTY)
          .build();

  private Json() {}

  /**
   * Not JSON, or JSON that does not map to the type asked for; {@link #detail()} is the parser's
   * own words.
   */
  public static final class MalformedJson extends IllegalArgumentException {
    private final String detail;

    MalformedJson(String detail, Throwable cause) {
      super(detail, cause);
      this.detail = detail;
    }

    public String detail() {
      return detail;
    }
  }

  public static String format(Instant instant) {
    return INSTANT_FORMAT.format(instant);
  }

  /** The JSON text of a record, map, list or scalar. */
  public static String write(Object value) {
    try {
      return JR.asString(value);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getMessage(), e);
    }
  }

  public static byte[] writeBytes(Object value) {
    return write(value).getBytes(StandardCharsets.UTF_8);
  }

  public static void write(Object value, OutputStream out) {
    try {
      out.write(writeBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T read(byte[] json, Class<T> type) {
    return parse(json, p -> JR.beanFrom(type, p));
  }

  public static <T> T read(String json, Class<T> type) {
    return read(json.getBytes(StandardCharsets.UTF_8), type);
  }

  /**
   * A JSON value of any kind as plain Java (see the class comment); {@code null} for {@code null}.
   */
  public static Object readTree(byte[] json) {
    return parse(json, JR::anyFrom);
  }

  /** A JSON object as a map in document order; anything else is {@link MalformedJson}. */
  public static Map<String, Object> readObject(byte[] json) {
    Object tree = readTree(json);
    if (!(tree instanceof Map<?, ?>)) {
      throw new MalformedJson("expected a JSON object", null);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) tree;
    return map;
  }

  public static Map<String, Object> readObject(String json) {
    return readObject(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A record's JSON form as a tree (nulls left out, instants as text). */
  public static Map<String, Object> toTree(Object value) {
    return readObject(writeBytes(value));
  }

  /** The record a tree (as {@link #readTree} makes them) stands for. */
  public static <T> T fromTree(Object tree, Class<T> type) {
    return read(writeBytes(tree), type);
  }

  /** Reads a list whose items are records of one type. */
  public static <T> List<T> readList(byte[] json, Class<T> itemType) {
    return parse(json, p -> JR.listOfFrom(itemType, p));
  }

  private interface Reading<T> {
    T from(JsonParser parser) throws IOException;
  }

  private static <T> T parse(byte[] json, Reading<T> reading) {
    try (JsonParser parser = JR.getStreamingFactory().createParser(json)) {
      if (parser.nextToken() == null) {
        throw new MalformedJson("no content", null);
      }
      T value = reading.from(parser);
      if (parser.nextToken() != null) {
        throw new MalformedJson(
            "trailing content after the JSON value at "
                + parser.currentLocation().offsetDescription(),
            null);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new MalformedJson(e.getOriginalMessage(), e);
    } catch (DateTimeParseException e) {
      throw new MalformedJson(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Instants as {@link #INSTANT_FORMAT} text; read back from any ISO-8601 instant or epoch seconds.
   */
  private static final class InstantText extends JacksonJrExtension {
    @Override
    protected void register(ExtensionContext context) {
      context.insertProvider(
          new ReaderWriterProvider() {
            @Override
            public ValueReader findValueReader(JSONReader reader, Class<?> type) {
              return type == Instant.class ? READER : null;
            }

            @Override
            public ValueWriter findValueWriter(JSONWriter writer, Class<?> type) {
              return type == Instant.class ? WRITER : null;
            }
          });
    }

    private static final ValueReader READER =
        new ValueReader(Instant.class) {
          @Override
          public Object read(JSONReader reader, JsonParser parser) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
              return null;
            }
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                || parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
              // Epoch seconds with a fraction: how databind's JavaTimeModule wrote instants in
              // documents
              // stored before this codec (the simulated fleet's).
              java.math.BigDecimal seconds = parser.getDecimalValue();
              return Instant.ofEpochSecond(
                  seconds.longValue(),
                  seconds.remainder(java.math.BigDecimal.ONE).movePointRight(9).longValue());
            }
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
              throw new com.fasterxml.jackson.core.JsonParseException(
                  parser, "an instant must be ISO-8601 text");
            }
            return Instant.parse(parser.getText());
          }
        };

    private static final ValueWriter WRITER =
        new ValueWriter() {
          @Override
          public void writeValue(JSONWriter writer, JsonGenerator generator, Object value)
              throws IOException {
            generator.writeString(format((Instant) value));
          }

          @Override
          public Class<?> valueType() {
            return Instant.class;
          }
        };
  }
}
