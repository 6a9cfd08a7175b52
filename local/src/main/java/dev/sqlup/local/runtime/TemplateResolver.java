package dev.sqlup.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsics in the local context: the values a deployed stack would see,
 * with local names and ARNs (account {@value #ACCOUNT}, region {@value #REGION}).
 *
 * <ul>
 *   <li>{@code Ref} table → its table name; function → its name (the logical id); {@code
 *       Function.Alias} → the ARN of its AutoPublishAlias; state machine → its ARN; event bus → its
 *       name; parameter → its Default (or an override); pseudo parameters.
 *   <li>{@code Fn::GetAtt} {@code .Arn} of a function, table, state machine or bus; {@code .Name}
 *       of a state machine or bus; {@code .StreamArn} of a table.
 *   <li>{@code Fn::Sub} (string and list forms), {@code Fn::Join}, {@code Fn::Select}, {@code
 *       Fn::Split}, {@code Fn::If} with the Conditions section, {@code Fn::FindInMap}, {@code
 *       Fn::Base64}.
 * </ul>
 *
 * Anything else ({@code Fn::ImportValue}, {@code Fn::GetAZs}, unknown logical ids) is a {@link
 * TemplateException} naming the value.
 */
public final class TemplateResolver {
  public static final String REGION = "us-east-1";
  public static final String ACCOUNT = "123456789012";
  public static final String STACK_NAME = "sqlup-local";

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]*)}");

  private final SamTemplate template;
  private final Map<String, String> parameterOverrides = new HashMap<>();

  TemplateResolver(SamTemplate template) {
    this.template = template;
  }

  /** Overrides a template parameter's Default for {@code Ref}. */
  public TemplateResolver withParameter(String name, String value) {
    parameterOverrides.put(name, value);
    return this;
  }

  public static String functionArn(String functionName) {
    return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + functionName;
  }

  public static String stateMachineArn(String name) {
    return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + name;
  }

  public static String tableArn(String tableName) {
    return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + tableName;
  }

  public static String eventBusArn(String name) {
    return "arn:aws:events:" + REGION + ":" + ACCOUNT + ":event-bus/" + name;
  }

  /** A function's environment variables with every intrinsic resolved to a string. */
  public Map<String, String> environment(SamFunction function) {
    Map<String, String> env = new LinkedHashMap<>();
    function
        .environment()
        .forEach(
            (k, v) -> {
              try {
                env.put(k, resolveString(v));
              } catch (TemplateException e) {
                throw new TemplateException(
                    "function " + function.logicalId() + ", variable " + k + ": " + e.getMessage());
              }
            });
    return env;
  }

  /** A state machine's DefinitionSubstitutions with every intrinsic resolved to a string. */
  public Map<String, String> substitutions(SamStateMachine machine) {
    Map<String, String> subs = new LinkedHashMap<>();
    machine.substitutions().forEach((k, v) -> subs.put(k, resolveString(v)));
    return subs;
  }

  /** Resolves a value that must become a string (numbers and booleans are turned into text). */
  public String resolveString(JsonNode value) {
    JsonNode resolved = resolve(value);
    if (resolved == null || resolved.isNull()) {
      throw new TemplateException("value " + value + " resolves to nothing");
    }
    if (resolved.isContainerNode()) {
      throw new TemplateException("value " + value + " does not resolve to a string");
    }
    return resolved.asText();
  }

  /** Resolves every intrinsic inside {@code value}; returns null for {@code AWS::NoValue}. */
  public JsonNode resolve(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode item : value) {
        JsonNode r = resolve(item);
        if (r != null) {
          out.add(r);
        }
      }
      return out;
    }
    if (!value.isObject()) {
      return value;
    }
    if (value.size() == 1) {
      String key = value.fieldNames().next();
      if (key.equals("Ref")
          || key.startsWith("Fn::")
          || key.equals("Condition") && value.get(key).isTextual()) {
        return intrinsic(key, value.get(key));
      }
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode r = resolve(e.getValue());
      if (r != null) {
        out.set(e.getKey(), r);
      }
    }
    return out;
  }

  private JsonNode intrinsic(String fn, JsonNode arg) {
    return switch (fn) {
      case "Ref" -> ref(arg.asText());
      case "Fn::GetAtt" -> text(getAtt(arg));
      case "Fn::Sub" -> text(sub(arg));
      case "Fn::Join" -> text(join(arg));
      case "Fn::Select" -> select(arg);
      case "Fn::Split" -> split(arg);
      case "Fn::If" -> ifThen(arg);
      case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition" ->
          JsonNodeFactory.instance.booleanNode(
              condition(JsonNodeFactory.instance.objectNode().set(fn, arg)));
      case "Fn::FindInMap" -> findInMap(arg);
      case "Fn::Base64" ->
          text(
              Base64.getEncoder()
                  .encodeToString(resolveString(arg).getBytes(StandardCharsets.UTF_8)));
      default -> throw new TemplateException(fn + " " + arg + " cannot be resolved locally");
    };
  }

  private static JsonNode text(String s) {
    return TextNode.valueOf(s);
  }

  private JsonNode ref(String name) {
    switch (name) {
      case "AWS::Region":
        return text(REGION);
      case "AWS::AccountId":
        return text(ACCOUNT);
      case "AWS::Partition":
        return text("aws");
      case "AWS::StackName":
        return text(STACK_NAME);
      case "AWS::StackId":
        return text(
            "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/" + STACK_NAME + "/local");
      case "AWS::URLSuffix":
        return text("amazonaws.com");
      case "AWS::NoValue":
        return null;
      case "AWS::NotificationARNs":
        return JsonNodeFactory.instance.arrayNode();
      default:
        break;
    }
    if (parameterOverrides.containsKey(name)) {
      return text(parameterOverrides.get(name));
    }
    Map<String, JsonNode> params = template.parameterDefaults();
    if (params.containsKey(name)) {
      JsonNode def = params.get(name);
      if (def == null) {
        throw new TemplateException("parameter " + name + " has no Default; give it a value");
      }
      return def;
    }
    if (name.endsWith(".Alias")) {
      // SAM's reference to the alias AutoPublishAlias creates: its ARN, the function ARN qualified
      // by it.
      String function = name.substring(0, name.length() - ".Alias".length());
      String alias = template.autoPublishAlias(function);
      if (alias == null) {
        throw new TemplateException(
            "!Ref " + name + ": " + function + " is not a function with AutoPublishAlias");
      }
      return text(functionArn(template.functionName(function)) + ":" + alias);
    }
    String type = template.typeOf(name);
    if (type == null) {
      if (name.equals("ServerlessRestApi")) {
        return text("local");
      }
      throw new TemplateException(
          "!Ref " + name + ": no such resource or parameter in the template");
    }
    return switch (type) {
      case SamTemplate.TABLE, SamTemplate.SIMPLE_TABLE -> text(template.tableName(name));
      case SamTemplate.FUNCTION -> text(template.functionName(name));
      case SamTemplate.STATE_MACHINE -> text(stateMachineArn(template.stateMachineName(name)));
      case SamTemplate.EVENT_BUS -> text(template.eventBusName(name));
      case "AWS::Serverless::Api", "AWS::ApiGateway::RestApi" -> text("local");
      default -> throw new TemplateException("!Ref " + name + " (" + type + ") has no local value");
    };
  }

  private String getAtt(JsonNode arg) {
    String id;
    String attribute;
    if (arg.isTextual()) {
      String s = arg.asText();
      int dot = s.indexOf('.');
      id = dot < 0 ? s : s.substring(0, dot);
      attribute = dot < 0 ? "" : s.substring(dot + 1);
    } else {
      id = resolveString(arg.get(0));
      attribute = resolveString(arg.get(1));
    }
    String type = template.typeOf(id);
    if (type == null) {
      throw new TemplateException(
          "!GetAtt " + id + "." + attribute + ": no such resource in the template");
    }
    String value =
        switch (type + "." + attribute) {
          case SamTemplate.FUNCTION + ".Arn" -> functionArn(template.functionName(id));
          case SamTemplate.TABLE + ".Arn", SamTemplate.SIMPLE_TABLE + ".Arn" ->
              tableArn(template.tableName(id));
          case SamTemplate.TABLE + ".StreamArn" ->
              tableArn(template.tableName(id)) + "/stream/local";
          case SamTemplate.STATE_MACHINE + ".Arn" -> stateMachineArn(template.stateMachineName(id));
          case SamTemplate.STATE_MACHINE + ".Name" -> template.stateMachineName(id);
          case SamTemplate.EVENT_BUS + ".Arn" -> eventBusArn(template.eventBusName(id));
          case SamTemplate.EVENT_BUS + ".Name" -> template.eventBusName(id);
          default -> null;
        };
    if (value == null) {
      throw new TemplateException(
          "!GetAtt " + id + "." + attribute + " (" + type + ") has no local value");
    }
    return value;
  }

  private String sub(JsonNode arg) {
    String pattern;
    Map<String, String> variables = new HashMap<>();
    if (arg.isTextual()) {
      pattern = arg.asText();
    } else {
      pattern = arg.get(0).asText();
      arg.get(1)
          .fields()
          .forEachRemaining(e -> variables.put(e.getKey(), resolveString(e.getValue())));
    }
    StringBuilder out = new StringBuilder();
    var m = SUB_VARIABLE.matcher(pattern);
    while (m.find()) {
      String replacement;
      if (!m.group(1).isEmpty()) {
        replacement = "${" + m.group(2) + "}"; // ${!Literal} is written out as ${Literal}
      } else {
        String name = m.group(2).trim();
        if (variables.containsKey(name)) {
          replacement = variables.get(name);
        } else if (name.contains(".") && !name.startsWith("AWS::")) {
          replacement = getAtt(text(name));
        } else {
          JsonNode r = ref(name);
          replacement = r == null ? "" : r.asText();
        }
      }
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String join(JsonNode arg) {
    String delimiter = arg.get(0).asText();
    JsonNode items = resolve(arg.get(1));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(delimiter);
      }
      out.append(items.get(i).asText());
    }
    return out.toString();
  }

  private JsonNode select(JsonNode arg) {
    int index = Integer.parseInt(resolveString(arg.get(0)));
    JsonNode list = resolve(arg.get(1));
    if (index < 0 || index >= list.size()) {
      throw new TemplateException("Fn::Select index " + index + " is out of range for " + list);
    }
    return list.get(index);
  }

  private JsonNode split(JsonNode arg) {
    String delimiter = arg.get(0).asText();
    String source = resolveString(arg.get(1));
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (String part : source.split(Pattern.quote(delimiter), -1)) {
      out.add(part);
    }
    return out;
  }

  private JsonNode ifThen(JsonNode arg) {
    return resolve(namedCondition(arg.get(0).asText()) ? arg.get(1) : arg.get(2));
  }

  private boolean namedCondition(String name) {
    JsonNode condition = template.json().path("Conditions").get(name);
    if (condition == null) {
      throw new TemplateException("condition " + name + " is not in the Conditions section");
    }
    return condition(condition);
  }

  private boolean condition(JsonNode node) {
    String fn = node.fieldNames().next();
    JsonNode arg = node.get(fn);
    return switch (fn) {
      case "Fn::Equals" -> resolveString(arg.get(0)).equals(resolveString(arg.get(1)));
      case "Fn::Not" -> !condition(arg.get(0));
      case "Fn::And" -> {
        boolean all = true;
        for (JsonNode c : arg) {
          all &= condition(c);
        }
        yield all;
      }
      case "Fn::Or" -> {
        boolean any = false;
        for (JsonNode c : arg) {
          any |= condition(c);
        }
        yield any;
      }
      case "Condition" -> namedCondition(arg.asText());
      default -> throw new TemplateException(fn + " is not a condition function");
    };
  }

  private JsonNode findInMap(JsonNode arg) {
    String map = resolveString(arg.get(0));
    String top = resolveString(arg.get(1));
    String second = resolveString(arg.get(2));
    JsonNode value = template.json().path("Mappings").path(map).path(top).get(second);
    if (value == null) {
      throw new TemplateException(
          "Fn::FindInMap [" + map + ", " + top + ", " + second + "] is not in Mappings");
    }
    return value;
  }
}
