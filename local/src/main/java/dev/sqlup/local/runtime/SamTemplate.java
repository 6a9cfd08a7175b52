package dev.sqlup.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SAM template ({@code template.yaml}) read into long-form JSON, with typed accessors for what
 * the local runtime runs: functions, tables, state machines and event buses.
 */
public final class SamTemplate {
  public static final String FUNCTION = "AWS::Serverless::Function";
  public static final String STATE_MACHINE = "AWS::Serverless::StateMachine";
  public static final String TABLE = "AWS::DynamoDB::Table";
  public static final String SIMPLE_TABLE = "AWS::Serverless::SimpleTable";
  public static final String EVENT_BUS = "AWS::Events::EventBus";

  private final Path file;
  private final JsonNode root;
  private final TemplateResolver resolver;

  private SamTemplate(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
    if (!root.isObject() || !root.path("Resources").isObject()) {
      throw new TemplateException(file + " has no Resources section: is it a SAM template?");
    }
    this.resolver = new TemplateResolver(this);
  }

  /** Reads and parses a template file. */
  public static SamTemplate load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new TemplateException(
          file + " not found: run from the project root or pass --template <file>");
    } catch (IOException e) {
      throw new TemplateException("cannot read " + file + ": " + e.getMessage());
    }
    return parse(text, file);
  }

  /** Parses template text; {@code file} locates relative paths (DefinitionUri) and names errors. */
  public static SamTemplate parse(String yaml, Path file) {
    JsonNode root = CfnYaml.parse(yaml, file.toString());
    if (root == null || root.isNull() || root.isMissingNode()) {
      throw new TemplateException(
          file + " is empty: it must be a SAM template with a Resources section");
    }
    return new SamTemplate(file.toAbsolutePath().normalize(), root);
  }

  public Path file() {
    return file;
  }

  /** The folder relative paths in the template are resolved against. */
  public Path directory() {
    return file.getParent();
  }

  /** The whole template in long form. */
  public JsonNode json() {
    return root;
  }

  public TemplateResolver resolver() {
    return resolver;
  }

  /** Logical id → resource JSON, in template order. */
  public Map<String, JsonNode> resources() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    root.path("Resources").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The Type of a resource, or null when there is no such resource. */
  public String typeOf(String logicalId) {
    JsonNode resource = root.path("Resources").get(logicalId);
    return resource == null ? null : resource.path("Type").asText(null);
  }

  public List<String> logicalIdsOfType(String type) {
    List<String> ids = new ArrayList<>();
    resources()
        .forEach(
            (id, r) -> {
              if (type.equals(r.path("Type").asText())) {
                ids.add(id);
              }
            });
    return ids;
  }

  private JsonNode properties(String logicalId) {
    return root.path("Resources").path(logicalId).path("Properties");
  }

  // ---------------------------------------------------------------- functions

  public List<SamFunction> functions() {
    return logicalIdsOfType(FUNCTION).stream().map(this::buildFunction).toList();
  }

  /**
   * The function with that logical id; an unknown id is a {@link TemplateException} listing the
   * known ones.
   */
  public SamFunction function(String logicalId) {
    if (!FUNCTION.equals(typeOf(logicalId))) {
      throw new TemplateException(
          "no function '"
              + logicalId
              + "' in "
              + file
              + "; known functions: "
              + String.join(", ", logicalIdsOfType(FUNCTION)));
    }
    return buildFunction(logicalId);
  }

  /**
   * The function's {@code AutoPublishAlias} (its own or the Globals'), or null when it publishes
   * none.
   */
  public String autoPublishAlias(String logicalId) {
    if (!FUNCTION.equals(typeOf(logicalId))) {
      return null;
    }
    return text(properties(logicalId), root.path("Globals").path("Function"), "AutoPublishAlias");
  }

  private SamFunction buildFunction(String id) {
    JsonNode globals = root.path("Globals").path("Function");
    JsonNode props = properties(id);
    String handler = text(props, globals, "Handler");
    if (handler == null) {
      throw new TemplateException("function " + id + " in " + file + " has no Handler");
    }
    Map<String, JsonNode> env = new LinkedHashMap<>();
    globals
        .path("Environment")
        .path("Variables")
        .fields()
        .forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
    props
        .path("Environment")
        .path("Variables")
        .fields()
        .forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
    int timeout = intValue(props, globals, "Timeout", SamFunction.DEFAULT_TIMEOUT_SECONDS);
    int memory = intValue(props, globals, "MemorySize", SamFunction.DEFAULT_MEMORY_SIZE);
    JsonNode codeUri = props.has("CodeUri") ? props.get("CodeUri") : globals.get("CodeUri");
    String functionName =
        props.has("FunctionName") ? resolver.resolveString(props.get("FunctionName")) : id;
    List<SamFunction.ApiEvent> api = new ArrayList<>();
    List<SamFunction.ScheduleEvent> schedules = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = props.path("Events").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> event = it.next();
      JsonNode p = event.getValue().path("Properties");
      switch (event.getValue().path("Type").asText()) {
        case "Api" ->
            api.add(
                new SamFunction.ApiEvent(
                    event.getKey(),
                    p.path("Path").asText(),
                    p.path("Method").asText("ANY").toUpperCase(Locale.ROOT),
                    p.get("RestApiId")));
        case "Schedule" ->
            schedules.add(
                new SamFunction.ScheduleEvent(
                    event.getKey(),
                    resolver.resolveString(p.path("Schedule")),
                    !p.has("Enabled") || p.get("Enabled").asBoolean(),
                    p.has("Input") ? resolver.resolveString(p.get("Input")) : null));
        default -> {} // other event sources are not emulated locally
      }
    }
    return new SamFunction(
        id,
        functionName,
        handler,
        codeUri == null || codeUri.isNull()
            ? null
            : codeUri.isTextual() ? codeUri.asText() : codeUri.toString(),
        env,
        timeout,
        memory,
        List.copyOf(api),
        List.copyOf(schedules));
  }

  private String text(JsonNode props, JsonNode globals, String field) {
    JsonNode v = props.has(field) ? props.get(field) : globals.get(field);
    return v == null || v.isNull() ? null : resolver.resolveString(v);
  }

  private int intValue(JsonNode props, JsonNode globals, String field, int fallback) {
    JsonNode v = props.has(field) ? props.get(field) : globals.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    String text = resolver.resolveString(v);
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new TemplateException(field + " must be a number in " + file + ", got '" + text + "'");
    }
  }

  // ---------------------------------------------------------------- tables

  public List<SamTable> tables() {
    List<SamTable> out = new ArrayList<>();
    resources()
        .forEach(
            (id, r) -> {
              String type = r.path("Type").asText();
              if (TABLE.equals(type)) {
                out.add(SamTableRequests.table(id, tableName(id), r.path("Properties"), resolver));
              } else if (SIMPLE_TABLE.equals(type)) {
                out.add(SamTableRequests.simpleTable(id, tableName(id), r.path("Properties")));
              }
            });
    return out;
  }

  /** The table name a {@code Ref} to this table gives: TableName when set, else the logical id. */
  String tableName(String logicalId) {
    JsonNode name = properties(logicalId).get("TableName");
    return name == null || name.isNull() ? logicalId : resolver.resolveString(name);
  }

  // ---------------------------------------------------------------- state machines and buses

  public List<SamStateMachine> stateMachines() {
    return logicalIdsOfType(STATE_MACHINE).stream().map(this::buildStateMachine).toList();
  }

  private SamStateMachine buildStateMachine(String id) {
    JsonNode p = properties(id);
    Path definition = null;
    if (p.has("DefinitionUri")) {
      JsonNode uri = p.get("DefinitionUri");
      if (!uri.isTextual()) {
        throw new TemplateException(
            "state machine " + id + ": only a local file DefinitionUri is supported locally");
      }
      definition = directory().resolve(uri.asText()).normalize();
    }
    Map<String, JsonNode> subs = new LinkedHashMap<>();
    p.path("DefinitionSubstitutions")
        .fields()
        .forEachRemaining(e -> subs.put(e.getKey(), e.getValue()));
    return new SamStateMachine(id, stateMachineName(id), definition, p.get("Definition"), subs);
  }

  /** Name property when set, else the logical id. */
  String stateMachineName(String logicalId) {
    JsonNode name = properties(logicalId).get("Name");
    return name == null || name.isNull() ? logicalId : resolver.resolveString(name);
  }

  public List<SamEventBus> eventBuses() {
    return logicalIdsOfType(EVENT_BUS).stream()
        .map(id -> new SamEventBus(id, eventBusName(id)))
        .toList();
  }

  String eventBusName(String logicalId) {
    JsonNode name = properties(logicalId).get("Name");
    return name == null || name.isNull() ? logicalId : resolver.resolveString(name);
  }

  String functionName(String logicalId) {
    JsonNode name = properties(logicalId).get("FunctionName");
    return name == null || name.isNull() ? logicalId : resolver.resolveString(name);
  }

  /** Parameters section: name → Default (null when there is none). */
  public Map<String, JsonNode> parameterDefaults() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    root.path("Parameters")
        .fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().get("Default")));
    return out;
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
