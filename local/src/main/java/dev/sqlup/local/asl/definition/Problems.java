package dev.sqlup.local.asl.definition;

import dev.sqlup.local.asl.model.ValidationDiagnostic;
import java.util.ArrayList;
import java.util.List;

/** Collects definition findings while parsing, so one CreateStateMachine reports all of them. */
public final class Problems {
  private final List<ValidationDiagnostic> found = new ArrayList<>();

  public void error(String code, String message, String location) {
    found.add(new ValidationDiagnostic("ERROR", code, message, location));
  }

  public void schema(String message, String location) {
    error("SCHEMA_VALIDATION_FAILED", message, location);
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public List<ValidationDiagnostic> list() {
    return List.copyOf(found);
  }

  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidDefinitionException(found);
    }
  }
}
