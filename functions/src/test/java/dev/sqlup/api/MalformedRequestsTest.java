package dev.sqlup.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.InstanceSpec;
import dev.sqlup.domain.RdsEdition;
import dev.sqlup.domain.SqlEdition;
import dev.sqlup.domain.UpgradeRules;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.testing.TestJson;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * At least 1,000 generated malformed requests per route: malformed JSON, wrong types, missing and
 * unknown fields, oversized bodies, bad ids, unknown catalogue values, downgrades and no-ops. Each
 * must get a 4xx with a stable code and change nothing (both tables are compared after each
 * property).
 */
class MalformedRequestsTest {
  private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Za-z]+");
  private static final Catalogue CATALOGUE = Catalogue.standard();
  private static ApiFixture api;
  private List<?> before;

  enum Kind {
    TEXT,
    NUMBER,
    INT,
    BOOL,
    OBJECT,
    ARRAY
  }

  /** One malformed request: edits to a route's fixture event. */
  record Malformed(
      String description, Map<String, String> path, Map<String, String> query, String body) {
    @Override
    public String toString() {
      return description
          + " path="
          + path
          + " query="
          + query
          + " body="
          + (body == null
              ? null
              : body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + ")" : body);
    }
  }

  @BeforeProperty
  void state() throws Exception {
    if (api == null) {
      api = new ApiFixture(Dynalite.client());
      api.register(Map.of());
      api.services
          .tasks()
          .create(
              TestJson.MAPPER.readValue(
                  """
          {"taskId": "up-example-task", "instanceId": "rm-guide-1", "status": "Running", "requestHash": "x",
           "createdAt": "2026-03-01T00:00:00.000Z"}""",
                  UpgradeTask.class));
    }
    before = api.snapshot();
  }

  @AfterProperty
  void nothingChanged() {
    assertThat(api.snapshot()).isEqualTo(before);
  }

  private static void check(String fixture, Malformed m) {
    APIGatewayProxyRequestEvent event = ApiFixture.event(fixture);
    if (m.path() != null) {
      event.setPathParameters(m.path());
    }
    if (m.query() != null) {
      event.setQueryStringParameters(m.query());
    }
    if (m.body() != null) {
      event.setBody(m.body().equals("<none>") ? null : m.body());
    }
    ApiFixture.Response r = api.send(event);
    assertThat(r.status()).as("%s → %s", m, r.body()).isBetween(400, 499);
    assertThat(r.code()).as("%s → %s", m, r.body()).matches(CODE);
    assertThat(r.body().get("message").asText()).isNotBlank();
    assertThat(r.body().get("requestId").asText()).isNotBlank();
  }

  // ---- properties, one per route ----

  @Property(tries = 1000)
  void registerInstance(@ForAll("registerInstance") Malformed m) {
    check("register-instance", m);
  }

  @Property(tries = 1000)
  void listInstances(@ForAll("listInstances") Malformed m) {
    check("list-instances", m);
  }

  @Property(tries = 1000)
  void getInstance(@ForAll("getInstance") Malformed m) {
    check("get-instance", m);
  }

  @Property(tries = 1000)
  void getUpgradeOptions(@ForAll("getInstance") Malformed m) {
    check("get-upgrade-options", m);
  }

  @Property(tries = 1000)
  void submitUpgrade(@ForAll("submitUpgrade") Malformed m) {
    check("submit-upgrade", m);
  }

  @Property(tries = 1000)
  void listInstanceTasks(@ForAll("listInstanceTasks") Malformed m) {
    check("list-instance-tasks", m);
  }

  @Property(tries = 1000)
  void getTask(@ForAll("taskRoute") Malformed m) {
    check("get-task", m);
  }

  @Property(tries = 1000)
  void cancelTask(@ForAll("cancelTask") Malformed m) {
    check("cancel-task", m);
  }

  @Property(tries = 1000)
  void switchoverTask(@ForAll("taskRoute") Malformed m) {
    check("switchover-task", m);
  }

  // ---- generators ----

  @Provide
  Arbitrary<Malformed> registerInstance() {
    ObjectNode base = fixtureBody("register-instance");
    base.put("instanceId", "rm-fuzz");
    Map<String, Kind> fields = new LinkedHashMap<>();
    for (String f :
        List.of(
            "instanceId",
            "engineVersion",
            "sqlEdition",
            "rdsEdition",
            "instanceType",
            "maintenanceWindow",
            "networkType",
            "endpoint",
            "vip",
            "status")) {
      fields.put(f, Kind.TEXT);
    }
    fields.put("dataSizeGb", Kind.NUMBER);
    fields.put("port", Kind.INT);
    for (String f : List.of("adDomainJoined", "serverless", "readOnly")) {
      fields.put(f, Kind.BOOL);
    }
    for (String f : List.of("tags", "engine", "simulation")) {
      fields.put(f, Kind.OBJECT);
    }
    fields.put("readOnlyReplicaIds", Kind.ARRAY);
    fields.put("replicationTasks", Kind.ARRAY);
    Set<String> required =
        Set.of(
            "instanceId",
            "engineVersion",
            "sqlEdition",
            "rdsEdition",
            "instanceType",
            "dataSizeGb",
            "maintenanceWindow",
            "endpoint");
    Arbitrary<String> semantic =
        Arbitraries.oneOf(
            badValue(base, "instanceId", badId()),
            badValue(base, "engineVersion", notIn(CATALOGUE.engineVersions())),
            badValue(base, "sqlEdition", notIn(List.of("Web", "Standard", "Enterprise"))),
            badValue(base, "rdsEdition", notIn(List.of("Basic", "HighAvailability", "Cluster"))),
            badValue(
                base,
                "instanceType",
                notIn(CATALOGUE.instanceTypes().stream().map(t -> t.name()).toList())),
            badValue(
                base,
                "maintenanceWindow",
                Arbitraries.strings()
                    .ofMaxLength(20)
                    .filter(s -> dev.sqlup.domain.MaintenanceWindow.parse(s).isEmpty())),
            badValue(base, "networkType", notIn(List.of("VPC", "Classic"))),
            badValue(base, "status", notIn(List.of("Running", "Stopped", "Maintenance"))),
            badValue(
                base,
                "endpoint",
                Arbitraries.strings().ofMinLength(1).ofMaxLength(30).map(s -> s + " x")),
            badValue(
                base,
                "vip",
                Arbitraries.strings().ofMaxLength(20).filter(s -> !s.matches("[0-9.]+"))),
            badNumber(
                base,
                "dataSizeGb",
                Arbitraries.oneOf(
                    Arbitraries.doubles().between(-1e9, -0.01),
                    Arbitraries.doubles().between(65537, 1e12))),
            badNumber(
                base,
                "port",
                Arbitraries.oneOf(
                    Arbitraries.integers().between(-100000, 0),
                    Arbitraries.integers().between(65536, 10000000))),
            nested(
                base,
                "engine",
                Arbitraries.of(
                    "{\"binding\":\"mysql\"}",
                    "{\"binding\":\"sqlserver\"}",
                    "{\"bind\":\"simulated\"}",
                    "{\"binding\":\"simulated\",\"properties\":{\"a\":1}}",
                    "{\"binding\":\"sqlserver\",\"host\":\"h\",\"secretArn\":\"nope\"}")),
            nested(
                base,
                "tags",
                Arbitraries.of(
                    "{\"a\":1}", "{\"\":\"x\"}", "{\"a\":{\"b\":\"c\"}}", "{\"a\":null}")),
            nested(
                base,
                "readOnlyReplicaIds",
                Arbitraries.of("[1]", "[\"UPPER\"]", "[\"\"]", "[null]", "[[]]")),
            nested(
                base,
                "replicationTasks",
                Arbitraries.of(
                    "[1]",
                    "[{\"id\":\"a\"}]",
                    "[{\"id\":\"a\",\"status\":1}]",
                    "[{\"id\":\"a\",\"status\":\"Running\",\"x\":1}]",
                    "[\"dts\"]")),
            Arbitraries.integers()
                .between(17 * 1024, 24 * 1024)
                .map(
                    n -> {
                      ObjectNode b = base.deepCopy();
                      ((ObjectNode) b.get("simulation")).put("padding", "x".repeat(n));
                      return b.toString();
                    }));
    return bodies(base, fields, required, semantic).map(b -> new Malformed("body", null, null, b));
  }

  @Provide
  Arbitrary<Malformed> submitUpgrade() {
    ObjectNode base = fixtureBody("submit-upgrade");
    Map<String, Kind> fields = new LinkedHashMap<>();
    for (String f :
        List.of(
            "engineVersion",
            "sqlEdition",
            "rdsEdition",
            "instanceType",
            "switchTime",
            "clientToken")) {
      fields.put(f, Kind.TEXT);
    }
    fields.put("dryRun", Kind.BOOL);
    fields.put("acceleratedDatabaseRecovery", Kind.BOOL);
    Set<String> required = Set.of("engineVersion", "sqlEdition", "rdsEdition", "instanceType");
    InstanceSpec source =
        new InstanceSpec(
            "2019", SqlEdition.Standard, RdsEdition.HighAvailability, "mssql.x4.large");
    UpgradeRules rules = new UpgradeRules(CATALOGUE);
    Arbitrary<String> invalidPath =
        Combinators.combine(
                Arbitraries.of(CATALOGUE.engineVersions()),
                Arbitraries.of(SqlEdition.values()),
                Arbitraries.of(RdsEdition.values()),
                Arbitraries.of(CATALOGUE.instanceTypes().stream().map(t -> t.name()).toList()),
                Arbitraries.of(true, false))
            .as(
                (v, s, r, t, adr) -> {
                  InstanceSpec target = new InstanceSpec(v, s, r, t);
                  boolean broken =
                      !rules.violations(source, target).isEmpty()
                          || (adr && CATALOGUE.versionRank(v) < CATALOGUE.versionRank("2019"));
                  if (!broken) {
                    return null;
                  }
                  ObjectNode b = base.deepCopy();
                  b.put("engineVersion", v)
                      .put("sqlEdition", s.name())
                      .put("rdsEdition", r.name())
                      .put("instanceType", t)
                      .put("acceleratedDatabaseRecovery", adr);
                  return b.toString();
                })
            .filter(java.util.Objects::nonNull);
    Arbitrary<String> semantic =
        Arbitraries.oneOf(
            invalidPath,
            badValue(base, "engineVersion", notIn(CATALOGUE.engineVersions())),
            badValue(base, "sqlEdition", notIn(List.of("Web", "Standard", "Enterprise"))),
            badValue(base, "rdsEdition", notIn(List.of("Basic", "HighAvailability", "Cluster"))),
            badValue(
                base,
                "instanceType",
                notIn(CATALOGUE.instanceTypes().stream().map(t -> t.name()).toList())),
            badValue(base, "switchTime", notIn(List.of("Immediate", "MaintenanceWindow"))),
            badValue(
                base,
                "clientToken",
                Arbitraries.oneOf(
                    Arbitraries.just(""),
                    Arbitraries.strings().withCharRange('a', 'z').ofMinLength(65).ofMaxLength(80),
                    Arbitraries.strings().ofMinLength(1).ofMaxLength(10).map(s -> s + " /"))));
    Arbitrary<Malformed> badBodies =
        bodies(base, fields, required, semantic).map(b -> new Malformed("body", null, null, b));
    Arbitrary<Malformed> badPath =
        badId().map(id -> new Malformed("path", Map.of("instanceId", id), null, null));
    Arbitrary<Malformed> missingInstance =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .ofMinLength(1)
            .ofMaxLength(20)
            .filter(id -> !id.equals("rm"))
            .map(
                id ->
                    new Malformed(
                        "unknown instance", Map.of("instanceId", "zz-" + id), null, null));
    Arbitrary<Malformed> badQuery =
        unknownQuery(Set.of()).map(q -> new Malformed("query", null, q, null));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, badBodies), net.jqwik.api.Tuple.of(1, badPath),
        net.jqwik.api.Tuple.of(1, missingInstance), net.jqwik.api.Tuple.of(1, badQuery));
  }

  @Provide
  Arbitrary<Malformed> listInstances() {
    return Arbitraries.oneOf(
        badLimit().map(l -> new Malformed("limit", null, Map.of("limit", l), null)),
        badToken().map(t -> new Malformed("nextToken", null, Map.of("nextToken", t), null)),
        unknownQuery(Set.of("limit", "nextToken")).map(q -> new Malformed("query", null, q, null)),
        anyBody().map(b -> new Malformed("body", null, null, b)));
  }

  @Provide
  Arbitrary<Malformed> getInstance() {
    return Arbitraries.oneOf(
        badId().map(id -> new Malformed("path", Map.of("instanceId", id), null, null)),
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .ofMinLength(1)
            .ofMaxLength(30)
            .map(id -> new Malformed("unknown", Map.of("instanceId", "zz-" + id), null, null)),
        unknownQuery(Set.of()).map(q -> new Malformed("query", null, q, null)),
        anyBody().map(b -> new Malformed("body", null, null, b)));
  }

  @Provide
  Arbitrary<Malformed> listInstanceTasks() {
    return Arbitraries.oneOf(
        badId().map(id -> new Malformed("path", Map.of("instanceId", id), null, null)),
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .ofMinLength(1)
            .ofMaxLength(30)
            .map(id -> new Malformed("unknown", Map.of("instanceId", "zz-" + id), null, null)),
        badLimit().map(l -> new Malformed("limit", null, Map.of("limit", l), null)),
        badToken().map(t -> new Malformed("nextToken", null, Map.of("nextToken", t), null)),
        unknownQuery(Set.of("limit", "nextToken")).map(q -> new Malformed("query", null, q, null)),
        anyBody().map(b -> new Malformed("body", null, null, b)));
  }

  @Provide
  Arbitrary<Malformed> taskRoute() {
    return Arbitraries.oneOf(
        badId().map(id -> new Malformed("path", Map.of("taskId", id), null, null)),
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .ofMinLength(1)
            .ofMaxLength(30)
            .map(id -> new Malformed("unknown", Map.of("taskId", "zz-" + id), null, null)),
        unknownQuery(Set.of()).map(q -> new Malformed("query", null, q, null)),
        anyBody().map(b -> new Malformed("body", null, null, b)));
  }

  @Provide
  Arbitrary<Malformed> cancelTask() {
    // Cancelling an existing task is also a 4xx that changes nothing (UpgradeCannotBeCancelled).
    return Arbitraries.oneOf(
        taskRoute(),
        Arbitraries.just(
            new Malformed("existing task", Map.of("taskId", "up-example-task"), null, null)));
  }

  // ---- building blocks ----

  private static ObjectNode fixtureBody(String fixture) {
    try {
      return (ObjectNode) TestJson.MAPPER.readTree(ApiFixture.event(fixture).getBody());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Arbitrary<String> badId() {
    return Arbitraries.oneOf(
        Arbitraries.just(""),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(65).ofMaxLength(120),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(70).filter(s -> !ID.matcher(s).matches()),
        Arbitraries.strings()
            .withChars("ABZ_ ./!é%")
            .ofMinLength(1)
            .ofMaxLength(5)
            .map(s -> "ab" + s));
  }

  private static Arbitrary<String> notIn(List<String> valid) {
    return Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(40),
            Arbitraries.of(valid).map(v -> v.toLowerCase() + " "),
            Arbitraries.of(valid).map(String::toUpperCase).filter(v -> !v.equals("VPC")),
            Arbitraries.of(
                "2008",
                "2025",
                "2019 ",
                "mssql.x3.large",
                "Developer",
                "Express",
                "UpgradingVersion"))
        .filter(s -> !valid.contains(s));
  }

  private static Arbitrary<String> badValue(
      ObjectNode base, String field, Arbitrary<String> values) {
    return values.map(
        v -> {
          ObjectNode b = base.deepCopy();
          b.put(field, v);
          return b.toString();
        });
  }

  private static Arbitrary<String> badNumber(
      ObjectNode base, String field, Arbitrary<? extends Number> values) {
    return values.map(
        v -> {
          ObjectNode b = base.deepCopy();
          b.set(field, TestJson.MAPPER.valueToTree(v));
          return b.toString();
        });
  }

  private static Arbitrary<String> nested(ObjectNode base, String field, Arbitrary<String> json) {
    return json.map(
        j -> {
          ObjectNode b = base.deepCopy();
          try {
            b.set(field, TestJson.MAPPER.readTree(j));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return b.toString();
        });
  }

  private static Arbitrary<JsonNode> wrongValue(Kind kind) {
    List<String> candidates =
        switch (kind) {
          case TEXT ->
              List.of("1", "-3.5", "true", "false", "[]", "[\"x\"]", "{}", "{\"a\":\"b\"}");
          case NUMBER -> List.of("\"600\"", "true", "[]", "{}", "\"\"", "[600]");
          case INT -> List.of("\"1433\"", "true", "[]", "{}", "1433.5", "1e99");
          case BOOL -> List.of("\"true\"", "1", "0", "[]", "{}", "\"yes\"");
          case OBJECT -> List.of("\"x\"", "1", "true", "[]", "[{}]");
          case ARRAY -> List.of("\"x\"", "1", "true", "{}", "{\"0\":\"a\"}");
        };
    return Arbitraries.of(candidates)
        .map(
            c -> {
              try {
                return TestJson.MAPPER.readTree(c);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
  }

  private static Arbitrary<String> bodies(
      ObjectNode base, Map<String, Kind> fields, Set<String> required, Arbitrary<String> semantic) {
    String text = base.toString();
    Arbitrary<String> malformedJson =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(200),
            Arbitraries.integers().between(0, text.length() - 1).map(n -> text.substring(0, n)),
            Arbitraries.of(
                "null",
                "[]",
                "\"text\"",
                "42",
                "true",
                "{}",
                "{\"engineVersion\":}",
                text + "}",
                text + " x",
                "{\"engineVersion\":\"2022\",\"engineVersion\":\"2022\"}",
                "<none>",
                ""));
    Arbitrary<String> wrongType =
        Arbitraries.of(List.copyOf(fields.keySet()))
            .flatMap(
                f ->
                    wrongValue(fields.get(f))
                        .map(
                            v -> {
                              ObjectNode b = base.deepCopy();
                              b.set(f, v);
                              return b.toString();
                            }));
    Arbitrary<String> missing =
        Arbitraries.of(List.copyOf(required))
            .flatMap(
                f ->
                    Arbitraries.of(true, false)
                        .map(
                            asNull -> {
                              ObjectNode b = base.deepCopy();
                              if (asNull) {
                                b.putNull(f);
                              } else {
                                b.remove(f);
                              }
                              return b.toString();
                            }));
    Arbitrary<String> unknown =
        Arbitraries.strings()
            .ofMinLength(1)
            .ofMaxLength(20)
            .filter(n -> !fields.containsKey(n))
            .map(
                n -> {
                  ObjectNode b = base.deepCopy();
                  b.put(n, "x");
                  return b.toString();
                });
    Arbitrary<String> oversized =
        Arbitraries.integers()
            .between(32 * 1024 + 1, 64 * 1024)
            .map(
                n -> {
                  ObjectNode b = base.deepCopy();
                  b.put("padding", "y".repeat(n));
                  return b.toString();
                });
    return Arbitraries.oneOf(malformedJson, wrongType, missing, unknown, oversized, semantic);
  }

  private static Arbitrary<String> badLimit() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-1000, 0).map(String::valueOf),
        Arbitraries.integers().between(101, Integer.MAX_VALUE).map(String::valueOf),
        Arbitraries.strings().ofMaxLength(10).filter(s -> !s.matches("0*([1-9]|[1-9][0-9]|100)")),
        Arbitraries.of("1.5", "1e2", " 5", "0x10", "99999999999999999999"));
  }

  private static Arbitrary<String> badToken() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMinLength(0).ofMaxLength(60),
        Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(40),
        Arbitraries.of("e30", "eyJ4IjoiMSJ9", "bnVsbA", "W10", "eyJpbnN0YW5jZUlkIjoxfQ"));
  }

  private static Arbitrary<Map<String, String>> unknownQuery(Set<String> allowed) {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .ofMinLength(1)
        .ofMaxLength(12)
        .filter(n -> !allowed.contains(n))
        .map(n -> new HashMap<>(Map.of(n, "1")));
  }

  private static Arbitrary<String> anyBody() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(100);
  }
}
