package dev.sqlup.local.runtime;

import dev.sqlup.local.asl.StepFunctions;
import dev.sqlup.local.asl.model.StepFunctionsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The template's {@code AWS::Serverless::StateMachine}s on the embedded engine: the definition file
 * with every {@code ${Name}} replaced by its DefinitionSubstitutions value, resolved locally
 * (function ARNs, table names, the event bus). Created under the name the template's {@code Ref}
 * resolves to, so the functions' {@code UPGRADE_STATE_MACHINE_ARN}-style variables point at them.
 */
public final class LocalStateMachines {
  private static final String ROLE = "arn:aws:iam::123456789012:role/sqlup-local";

  private LocalStateMachines() {}

  /** Creates (or, after a restart with a changed file, updates) every machine; logical id → ARN. */
  public static Map<String, String> register(SamTemplate template, StepFunctions engine) {
    Map<String, String> arns = new LinkedHashMap<>();
    for (SamStateMachine machine : template.stateMachines()) {
      String definition = definition(template, machine);
      String arn = TemplateResolver.stateMachineArn(machine.name());
      try {
        engine.describeStateMachine(arn);
        engine.updateStateMachine(arn, definition, ROLE);
      } catch (StepFunctionsException missing) {
        if (!missing.errorCode().equals("StateMachineDoesNotExist")) {
          throw new UserException(
              "state machine " + machine.logicalId() + ": " + missing.getMessage());
        }
        try {
          engine.createStateMachine(machine.name(), definition, ROLE, "STANDARD");
        } catch (StepFunctionsException invalid) {
          throw new UserException(
              "state machine " + machine.logicalId() + " is invalid: " + invalid.getMessage());
        }
      }
      arns.put(machine.logicalId(), arn);
    }
    return arns;
  }

  /** The definition with its substitutions applied. */
  public static String definition(SamTemplate template, SamStateMachine machine) {
    String definition;
    if (machine.definitionPath() != null) {
      try {
        definition = Files.readString(machine.definitionPath());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + machine.definitionPath(), e);
      }
    } else {
      definition = machine.inlineDefinition().toString();
    }
    for (Map.Entry<String, String> s : template.resolver().substitutions(machine).entrySet()) {
      definition = definition.replace("${" + s.getKey() + "}", s.getValue());
    }
    return definition;
  }
}
