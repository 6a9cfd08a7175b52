package dev.sqlup.local.asl.path;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Workflow variables as a state sees them ({@code $name}); null = no variable of that name in
 * scope.
 */
@FunctionalInterface
public interface VariableLookup {
  VariableLookup NONE = name -> null;

  JsonNode variable(String name);
}
