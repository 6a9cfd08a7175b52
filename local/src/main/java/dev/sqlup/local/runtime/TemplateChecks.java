package dev.sqlup.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static checks of a SAM template, each returning the problems found (empty = fine), one readable
 * line each:
 *
 * <ul>
 *   <li>{@link #schemaProblems}: the long-form template against AWS's SAM JSON schema (draft-04);
 *   <li>{@link #substitutionProblems}: every {@code ${...}} in each state machine definition has a
 *       DefinitionSubstitutions entry, and every entry is used;
 *   <li>{@link #handlerProblems}: every Handler class exists and implements {@code RequestHandler}
 *       or {@code RequestStreamHandler}, with the named method.
 * </ul>
 */
public final class TemplateChecks {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

  private TemplateChecks() {}

  /** Reads a JSON schema file. */
  public static JsonNode readSchema(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UserException("cannot read the schema " + file + ": " + e.getMessage());
    }
  }

  /** Reads a JSON schema from the classpath. */
  public static JsonNode readSchema(InputStream in) throws IOException {
    return JSON.readTree(in);
  }

  /** Schema violations of the long-form template, as "path: message" lines, sorted. */
  public static List<String> schemaProblems(SamTemplate template, JsonNode schema) {
    JsonSchema validator =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
    Set<ValidationMessage> messages = validator.validate(template.json());
    Set<String> lines = new TreeSet<>();
    for (ValidationMessage m : messages) {
      lines.add(m.getInstanceLocation() + ": " + m.getMessage());
    }
    return List.copyOf(lines);
  }

  /**
   * Placeholders of each state machine's definition (DefinitionUri file or inline Definition)
   * against its DefinitionSubstitutions, both ways.
   */
  public static List<String> substitutionProblems(SamTemplate template) {
    List<String> problems = new ArrayList<>();
    for (SamStateMachine machine : template.stateMachines()) {
      String definition;
      if (machine.definitionPath() != null) {
        if (!Files.exists(machine.definitionPath())) {
          problems.add(
              machine.logicalId()
                  + ": DefinitionUri "
                  + machine.definitionPath()
                  + " does not exist");
          continue;
        }
        try {
          definition = Files.readString(machine.definitionPath());
        } catch (IOException e) {
          problems.add(
              machine.logicalId()
                  + ": cannot read "
                  + machine.definitionPath()
                  + ": "
                  + e.getMessage());
          continue;
        }
      } else if (machine.inlineDefinition() != null) {
        definition = machine.inlineDefinition().toString();
      } else {
        problems.add(machine.logicalId() + ": has neither DefinitionUri nor Definition");
        continue;
      }
      Set<String> used = placeholders(definition);
      Set<String> given = new TreeSet<>(machine.substitutions().keySet());
      for (String name : used) {
        if (!given.contains(name)) {
          problems.add(
              machine.logicalId()
                  + ": ${"
                  + name
                  + "} in the definition has no DefinitionSubstitutions entry");
        }
      }
      for (String name : given) {
        if (!used.contains(name)) {
          problems.add(
              machine.logicalId()
                  + ": DefinitionSubstitutions entry "
                  + name
                  + " is not used in the definition");
        }
      }
    }
    return problems;
  }

  /** The {@code ${name}} placeholders of a definition text. */
  public static Set<String> placeholders(String definition) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(definition);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** Handler classes that are missing, implement neither handler interface, or lack the method. */
  public static List<String> handlerProblems(SamTemplate template, ClassLoader loader) {
    List<String> problems = new ArrayList<>();
    for (SamFunction f : template.functions()) {
      Class<?> type;
      try {
        type = Class.forName(f.handlerClass(), false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        problems.add(f.logicalId() + ": handler class " + f.handlerClass() + " does not exist");
        continue;
      }
      boolean request = RequestHandler.class.isAssignableFrom(type);
      boolean stream = RequestStreamHandler.class.isAssignableFrom(type);
      if (!request && !stream) {
        problems.add(
            f.logicalId()
                + ": "
                + type.getName()
                + " implements neither RequestHandler nor RequestStreamHandler");
        continue;
      }
      if (Arrays.stream(type.getMethods()).noneMatch(m -> m.getName().equals(f.handlerMethod()))) {
        problems.add(
            f.logicalId() + ": " + type.getName() + " has no public method " + f.handlerMethod());
      }
    }
    return problems;
  }
}
