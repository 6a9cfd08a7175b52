package dev.sqlup.proof.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.proof.Docs;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.testing.DynaliteExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 7 §4 (API half): at least 10,000 generated malformed requests across every route, each a
 * raw event of {@code events/} with one defect (bad path id, unknown or malformed query parameter,
 * a body where none is taken, broken or hostile JSON, a field of the wrong type or an invalid
 * value, an unknown field), sent to the real handler over dynalite. Every answer must be a 4xx with
 * an error code, no 5xx, nothing thrown, and the tables and the workflow launcher unchanged.
 *
 * <p>Seeded; run alone: {@code mvn -B -o -pl tests -am verify -Dtest=ApiFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dproof.docs=true} (the last flag writes
 * docs/RELIABILITY.md).
 */
@ExtendWith(DynaliteExtension.class)
class ApiFuzzTest {
  static final long SEED = Long.getLong("proof.seed", 20261124L);
  static final int PER_EVENT = Integer.getInteger("proof.api.fuzz.perEvent", 1250);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Fields whose values have a fixed format or vocabulary: any hostile string there is invalid. */
  private static final List<String> FORMATTED_FIELDS =
      List.of(
          "instanceId",
          "engineVersion",
          "sqlEdition",
          "rdsEdition",
          "instanceType",
          "maintenanceWindow",
          "networkType",
          "switchTime",
          "clientToken",
          "endpoint",
          "vip",
          "binding",
          "recoveryModel",
          "lastFullBackupAt",
          "action",
          "switchPolicy");

  private static final List<String> HOSTILE =
      List.of(
          "",
          " ",
          "x".repeat(300),
          "'; DROP TABLE Instances; --",
          "]; SHUTDOWN WITH NOWAIT; --",
          "\u0000",
          "../../etc/passwd",
          "${jndi:ldap://127.0.0.1/a}",
          "<script>",
          "RM-GUIDE-1",
          "2022 ",
          "Standard\n",
          "\uD83D\uDE00",
          "null",
          "-1",
          "1e999",
          "%00",
          "\\u0000");

  /**
   * Free-format fields (the API's documented patterns): a mutation that still matches is not a
   * defect.
   */
  private static final Map<String, java.util.regex.Pattern> STILL_VALID =
      Map.of(
          "instanceId", java.util.regex.Pattern.compile("[a-z0-9-]{1,64}"),
          "clientToken", java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}"),
          "endpoint",
              java.util.regex.Pattern.compile(
                  "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"));

  private final DynamoDbClient dynamo;

  ApiFuzzTest(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  record Outcome(String event, String kind, int status, String code, String sample) {}

  @Test
  void malformedRequests_getA4xx_andChangeNothing() throws Exception {
    // GIVEN the guide's instance and a running task, and the routes template.yaml declares
    ApiRig rig = new ApiRig(dynamo).seeded();
    List<String> templateRoutes = ApiRig.templateRoutes();
    if (templateRoutes != null) {
      assertThat(templateRoutes).containsExactlyInAnyOrderElementsOf(ApiRig.ROUTES.keySet());
    }
    List<String> events = ApiRig.apiEventNames();
    assertThat(
            events.stream()
                .map(e -> ApiRig.event(e).getHttpMethod() + " " + ApiRig.event(e).getResource()))
        .as("events/ covers every route")
        .containsAll(ApiRig.ROUTES.keySet());
    List<String> before = rig.snapshot();
    SplittableRandom random = new SplittableRandom(SEED);

    // WHEN each event is sent PER_EVENT times with one generated defect
    List<Outcome> outcomes = new ArrayList<>();
    List<Outcome> violations = new ArrayList<>();
    long started = System.nanoTime();
    for (String name : events) {
      String raw =
          MAPPER.writeValueAsString(
              MAPPER.readTree(Dynalite.projectRoot().resolve("events/" + name + ".json").toFile()));
      for (int i = 0; i < PER_EVENT; i++) {
        APIGatewayProxyRequestEvent event =
            MAPPER.readValue(raw, APIGatewayProxyRequestEvent.class);
        copyFlags(event, ApiRig.event(name));
        if (name.equals("register-instance")) {
          // A new id: a defective body the handler accepts shows up as a 201, not as
          // InstanceAlreadyExists.
          event.setBody(event.getBody().replace("\"rm-guide-1\"", "\"rm-fuzz-" + i + "\""));
        }
        String kind = mutate(event, random);
        Outcome o;
        try {
          APIGatewayProxyResponseEvent r = rig.send(event);
          JsonNode body = r.getBody() == null ? null : MAPPER.readTree(r.getBody());
          o =
              new Outcome(
                  name,
                  kind,
                  r.getStatusCode(),
                  body == null ? null : body.path("code").asText(null),
                  describe(event));
        } catch (Throwable t) {
          o = new Outcome(name, kind, -1, t.toString(), describe(event));
        }
        outcomes.add(o);
        if (o.status < 400 || o.status >= 500 || o.code == null) {
          violations.add(o);
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    List<String> after = rig.snapshot();

    // THEN
    String summary =
        String.format(
            "api fuzz: %d malformed requests over %d routes (%d events) in %.1f s: %d x 4xx, "
                + "%d x 5xx, %d thrown, %d accepted, %d launches, tables %s (seed %d)",
            outcomes.size(),
            ApiRig.ROUTES.size(),
            events.size(),
            seconds,
            outcomes.stream().filter(o -> o.status >= 400 && o.status < 500).count(),
            outcomes.stream().filter(o -> o.status >= 500).count(),
            outcomes.stream().filter(o -> o.status == -1).count(),
            outcomes.stream().filter(o -> o.status >= 200 && o.status < 400).count(),
            rig.launched.size(),
            before.equals(after) ? "unchanged" : "CHANGED",
            SEED);
    System.out.println(summary);
    writeDocs(summary, outcomes, violations);
    assertThat(outcomes.size()).isGreaterThanOrEqualTo(10_000);
    assertThat(violations).as("requests not answered with a 4xx error").isEmpty();
    assertThat(rig.launched).as("workflow starts").isEmpty();
    assertThat(after).as("table contents").isEqualTo(before);
  }

  /** Jackson reads isBase64Encoded as a bean property of another name; keep the fixture's flags. */
  private static void copyFlags(APIGatewayProxyRequestEvent to, APIGatewayProxyRequestEvent from) {
    to.setIsBase64Encoded(from.getIsBase64Encoded());
    to.setPathParameters(
        from.getPathParameters() == null ? null : new HashMap<>(from.getPathParameters()));
    to.setQueryStringParameters(
        from.getQueryStringParameters() == null
            ? null
            : new HashMap<>(from.getQueryStringParameters()));
  }

  /** Applies one defect suited to the event's route; returns its kind. */
  static String mutate(APIGatewayProxyRequestEvent event, SplittableRandom random)
      throws Exception {
    boolean hasBody = event.getBody() != null && !event.getBody().isEmpty();
    boolean hasPath = event.getPathParameters() != null && !event.getPathParameters().isEmpty();
    List<String> kinds = new ArrayList<>(List.of("query-unknown", "query-limit", "query-token"));
    if (hasPath) {
      kinds.addAll(List.of("path-bad-id", "path-bad-id", "path-missing"));
    }
    if (hasBody) {
      kinds.addAll(
          List.of(
              "body-syntax",
              "body-syntax",
              "body-type",
              "body-type",
              "body-type",
              "body-value",
              "body-value",
              "body-unknown-field",
              "body-not-object",
              "body-base64"));
      if (event.getBody().contains("\"simulation\"")) {
        kinds.add("simulation-unstorable-number");
      }
    } else {
      kinds.addAll(List.of("body-on-bodiless-route", "body-on-bodiless-route"));
    }
    String kind = kinds.get(random.nextInt(kinds.size()));
    switch (kind) {
      case "query-unknown" ->
          query(event)
              .put(
                  pick(
                      random,
                      List.of("foo", "Limit", "limit ", "nexttoken", "", "$where", "instanceId")),
                  randomText(random, 12));
      case "query-limit" ->
          query(event)
              .put(
                  "limit",
                  pick(
                      random,
                      List.of(
                          "0",
                          "101",
                          "-1",
                          "abc",
                          "1e2",
                          "",
                          " 5",
                          "１０",
                          "99999999999999999999",
                          "5;DROP",
                          "0x10",
                          "+5",
                          "5.0")));
      case "query-token" ->
          query(event)
              .put(
                  "nextToken",
                  pick(
                      random,
                      List.of(
                          "",
                          "!!",
                          "a b",
                          "x".repeat(3000),
                          "Zm9v",
                          base64Url(random),
                          base64Url(random),
                          "eyJpZCI6InJtLWd1aWRlLTEifQ",
                          "%2F..%2F")));
      case "path-bad-id" -> {
        String key = event.getPathParameters().keySet().iterator().next();
        event.getPathParameters().put(key, badId(random));
      }
      case "path-missing" -> {
        if (random.nextBoolean()) {
          event.setPathParameters(null);
        } else {
          event.getPathParameters().clear();
        }
      }
      case "body-on-bodiless-route" ->
          event.setBody(
              pick(random, List.of("{}", "{\"force\":true}", "null", " ", randomText(random, 40))));
      case "body-syntax" -> event.setBody(syntaxDefect(event.getBody(), random));
      case "body-not-object" ->
          event.setBody(
              pick(
                  random,
                  List.of(
                      "[]",
                      "[{}]",
                      "\"text\"",
                      "42",
                      "true",
                      "null",
                      "1e999",
                      "[" + event.getBody() + "]")));
      case "body-base64" -> {
        event.setIsBase64Encoded(true);
        event.setBody(
            random.nextBoolean()
                ? "%%%not-base64%%%"
                : Base64.getEncoder()
                    .encodeToString(
                        syntaxDefect(event.getBody(), random).getBytes(StandardCharsets.UTF_8)));
      }
      case "body-type" -> event.setBody(typeDefect(event.getBody(), random));
      case "body-value" -> event.setBody(valueDefect(event.getBody(), random));
      case "simulation-unstorable-number" -> {
        // Opaque to the API, but stored in DynamoDB: a number DynamoDB cannot hold must be a 400,
        // not a 500.
        ObjectNode o = (ObjectNode) MAPPER.readTree(event.getBody());
        ((ObjectNode) o.get("simulation")).put("logGbPerHour", "__RAW__");
        event.setBody(
            o.toString()
                .replace(
                    "\"__RAW__\"",
                    pick(random, List.of("1e999", "-1e999", "1e126", "1e300", "1e-131"))));
      }
      case "body-unknown-field" -> {
        ObjectNode o = (ObjectNode) MAPPER.readTree(event.getBody());
        o.put(
            pick(
                random,
                List.of(
                    "taskId", "force", "InstanceId", "engine_version", "__proto__", "status ", "")),
            randomText(random, 8));
        event.setBody(o.toString());
      }
      default -> throw new IllegalStateException(kind);
    }
    return kind;
  }

  private static Map<String, String> query(APIGatewayProxyRequestEvent event) {
    if (event.getQueryStringParameters() == null) {
      event.setQueryStringParameters(new HashMap<>());
    }
    return event.getQueryStringParameters();
  }

  private static String syntaxDefect(String body, SplittableRandom random) {
    return switch (random.nextInt(7)) {
      case 0 -> body.substring(0, random.nextInt(Math.max(1, body.trim().length() - 1)));
      case 1 -> randomText(random, 1 + random.nextInt(200));
      case 2 -> "[".repeat(5000 + random.nextInt(50_000)) + "]".repeat(10);
      case 3 -> "{\"a\":" + "{\"a\":".repeat(2000) + "1" + "}".repeat(2001);
      case 4 -> body.replaceFirst("\\{", "{\"engineVersion\":\"2019\",\"engineVersion\":\"2022\",");
      case 5 -> "{\"pad\":\"" + "x".repeat(33 * 1024) + "\"}";
      default -> body.replaceFirst("\"", "'");
    };
  }

  /** Replaces one value anywhere in the document by a value of another JSON type. */
  private static String typeDefect(String body, SplittableRandom random) throws Exception {
    JsonNode root = MAPPER.readTree(body);
    List<JsonNode[]> slots = new ArrayList<>();
    collect(root, slots);
    JsonNode[] slot = slots.get(random.nextInt(slots.size()));
    JsonNode current =
        slot[1] instanceof ObjectNode o
            ? o.get(slot[2].asText())
            : ((ArrayNode) slot[1]).get(slot[2].asInt());
    JsonNode replacement;
    do {
      replacement =
          switch (random.nextInt(6)) {
            case 0 -> NODES.numberNode(random.nextInt(-5, 5));
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.arrayNode().add(current);
            case 3 -> NODES.objectNode().set("value", current);
            case 4 ->
                NODES.textNode(
                    current.isTextual() ? current.asText() + "\u0000" : current.toString());
            default -> NODES.numberNode(random.nextDouble() * 1e6);
          };
    } while (sameType(replacement, current));
    if (slot[1] instanceof ObjectNode o) {
      o.set(slot[2].asText(), replacement);
    } else {
      ((ArrayNode) slot[1]).set(slot[2].asInt(), replacement);
    }
    return root.toString();
  }

  private static boolean sameType(JsonNode a, JsonNode b) {
    return a.getNodeType() == b.getNodeType();
  }

  /** Gives a formatted field a hostile value, or a numeric field an out-of-range one. */
  private static String valueDefect(String body, SplittableRandom random) throws Exception {
    JsonNode root = MAPPER.readTree(body);
    List<JsonNode[]> slots = new ArrayList<>();
    collect(root, slots);
    List<JsonNode[]> candidates =
        slots.stream()
            .filter(
                s -> {
                  JsonNode v = s[1] instanceof ObjectNode o ? o.get(s[2].asText()) : null;
                  return v != null
                      && (v.isNumber()
                          || (v.isTextual() && FORMATTED_FIELDS.contains(s[2].asText())));
                })
            .toList();
    JsonNode[] slot = candidates.get(random.nextInt(candidates.size()));
    ObjectNode parent = (ObjectNode) slot[1];
    String field = slot[2].asText();
    if (parent.get(field).isNumber()) {
      String raw =
          pick(
              random,
              List.of("-1", "-0.5", "1e999", "-1e999", "1e300", "123456789012345678901234567890"));
      parent.put(field, "__RAW__");
      return root.toString().replace("\"__RAW__\"", raw);
    }
    String original = parent.get(field).asText();
    String value;
    do {
      String hostile = pick(random, HOSTILE);
      value = hostile.isEmpty() || random.nextBoolean() ? hostile : original + hostile;
    } while (STILL_VALID.containsKey(field) && STILL_VALID.get(field).matcher(value).matches());
    parent.put(field, value);
    return root.toString();
  }

  /**
   * Every (container, key) slot of the tree, as {self, parent, key} triples, except inside {@code
   * simulation}, which docs/api.md declares opaque to the API (only its storability is checked).
   */
  private static void collect(JsonNode node, List<JsonNode[]> out) {
    if (node instanceof ObjectNode o) {
      o.fieldNames()
          .forEachRemaining(
              k -> {
                if (k.equals("simulation")) {
                  return;
                }
                out.add(new JsonNode[] {o.get(k), o, NODES.textNode(k)});
                collect(o.get(k), out);
              });
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        out.add(new JsonNode[] {a.get(i), a, NODES.numberNode(i)});
        collect(a.get(i), out);
      }
    }
  }

  private static String badId(SplittableRandom random) {
    String id;
    do {
      id =
          switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "a".repeat(65 + random.nextInt(200));
            case 2 ->
                "rm-guide-1"
                    + pick(random, List.of(" ", "\n", "/", "/..", "%2F", "'", "\u0000", "_", "A"));
            case 3 ->
                pick(
                    random,
                    List.of(
                        "../../etc",
                        "RM-GUIDE-1",
                        "rm guide",
                        "rm_guide_1",
                        "rm-guide-1;--",
                        "' or '1'='1",
                        "\uD83D\uDE00",
                        "é"));
            default -> randomText(random, 1 + random.nextInt(80));
          };
    } while (id.matches("[a-z0-9-]{1,64}"));
    return id;
  }

  private static String randomText(SplittableRandom random, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(10);
      s.appendCodePoint(
          kind < 6
              ? 0x20 + random.nextInt(0x5f)
              : kind < 8
                  ? random.nextInt(0x20)
                  : kind < 9 ? 0xa0 + random.nextInt(0x2000) : 0x1F600 + random.nextInt(0x40));
    }
    return s.toString();
  }

  private static String base64Url(SplittableRandom random) {
    byte[] bytes = new byte[1 + random.nextInt(60)];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String describe(APIGatewayProxyRequestEvent e) {
    String body = e.getBody() == null ? "null" : e.getBody();
    return e.getHttpMethod()
        + " "
        + e.getResource()
        + " path="
        + e.getPathParameters()
        + " query="
        + e.getQueryStringParameters()
        + " base64="
        + e.getIsBase64Encoded()
        + " body="
        + (body.length() > 1200
            ? body.substring(0, 1200) + "…(" + body.length() + " chars)"
            : body);
  }

  private static void writeDocs(String summary, List<Outcome> outcomes, List<Outcome> violations) {
    Map<String, Map<String, Long>> table = new TreeMap<>();
    for (Outcome o : outcomes) {
      table
          .computeIfAbsent(o.kind, k -> new TreeMap<>())
          .merge(o.status + " " + o.code, 1L, Long::sum);
    }
    StringBuilder md = new StringBuilder("## API fuzz\n\n");
    md.append(
        "Command: `mvn -B -o -pl tests -am verify -Dtest=ApiFuzzTest -Dsurefire.failIfNoSpecifiedTests=false "
            + "-Dproof.docs=true` (runs in every `mvn verify`; class `dev.sqlup.proof.api.ApiFuzzTest`, seed "
            + SEED
            + ").\n\n");
    md.append("Result: ")
        .append(summary)
        .append("\n\n| defect | answers (status code × count) |\n|---|---|\n");
    table.forEach(
        (kind, counts) ->
            md.append("| ")
                .append(kind)
                .append(" | ")
                .append(
                    String.join(
                        ", ",
                        counts.entrySet().stream()
                            .map(e -> e.getKey() + " × " + e.getValue())
                            .toList()))
                .append(" |\n"));
    if (!violations.isEmpty()) {
      md.append("\nViolations (first 20):\n\n");
      violations.stream()
          .limit(20)
          .forEach(
              v ->
                  md.append("- ")
                      .append(v.status)
                      .append(' ')
                      .append(v.code)
                      .append(": `")
                      .append(v.sample.replace("`", "'"))
                      .append("`\n"));
    }
    Docs.write("RELIABILITY.md", "## API fuzz", md.toString());
  }
}
