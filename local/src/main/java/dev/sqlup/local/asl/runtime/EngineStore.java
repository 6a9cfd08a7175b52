package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Where state machines and execution journals live: memory (nothing survives) or a directory. */
public interface EngineStore {
  void saveMachine(String name, JsonNode record);

  void deleteMachine(String name);

  List<JsonNode> machines();

  /** A journal for a new or resumed execution, appended to. */
  Journal journal(String executionArn);

  /** Every journal, each as its records in order. */
  List<List<JsonNode>> journals();

  EngineStore IN_MEMORY =
      new EngineStore() {
        @Override
        public void saveMachine(String name, JsonNode record) {}

        @Override
        public void deleteMachine(String name) {}

        @Override
        public List<JsonNode> machines() {
          return List.of();
        }

        @Override
        public Journal journal(String executionArn) {
          return Journal.NONE;
        }

        @Override
        public List<List<JsonNode>> journals() {
          return List.of();
        }
      };
}
