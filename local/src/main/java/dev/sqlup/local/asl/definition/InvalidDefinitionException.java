package dev.sqlup.local.asl.definition;

import dev.sqlup.local.asl.model.ValidationDiagnostic;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A definition AWS would reject: every finding, each with an AWS-like code, message and location.
 */
public class InvalidDefinitionException extends RuntimeException {
  private final List<ValidationDiagnostic> diagnostics;

  public InvalidDefinitionException(List<ValidationDiagnostic> diagnostics) {
    super(
        "Invalid State Machine Definition: '"
            + diagnostics.stream()
                .map(d -> d.code() + ": " + d.message() + " at " + d.location())
                .collect(Collectors.joining(", "))
            + "'");
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<ValidationDiagnostic> diagnostics() {
    return diagnostics;
  }
}
