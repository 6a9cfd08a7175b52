package dev.sqlup.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.definition.DefinitionParser;
import dev.sqlup.local.asl.definition.InvalidDefinitionException;
import dev.sqlup.local.asl.definition.TaskResources;
import dev.sqlup.local.asl.model.StateMachineInfo;
import dev.sqlup.local.asl.model.StepFunctionsException;
import dev.sqlup.local.asl.model.ValidationDiagnostic;
import dev.sqlup.local.asl.runtime.EngineClock;
import dev.sqlup.local.asl.runtime.EngineStore;
import dev.sqlup.local.asl.runtime.ExecutionScheduler;
import dev.sqlup.local.asl.state.StateGraph;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's state machines: each definition parsed once into a {@link StateGraph}, kept in the
 * store so a new engine on the same directory has them again. The API façade checks names and types
 * and calls this.
 */
final class StateMachineRegistry {
  record Machine(StateMachineInfo info, StateGraph graph) {}

  private final String region;
  private final String account;
  private final EngineStore store;
  private final EngineClock clock;
  private final TaskResources resources;
  private final Map<String, Machine> machines = new ConcurrentHashMap<>();

  StateMachineRegistry(
      String region,
      String account,
      EngineStore store,
      EngineClock clock,
      TaskResources resources) {
    this.region = region;
    this.account = account;
    this.store = store;
    this.clock = clock;
    this.resources = resources;
  }

  /** Reads the machines the store kept. */
  void reload() {
    for (JsonNode m : store.machines()) {
      String definition = m.get("definition").asText();
      StateMachineInfo info =
          new StateMachineInfo(
              m.get("arn").asText(),
              m.get("name").asText(),
              definition,
              m.get("roleArn").isNull() ? null : m.get("roleArn").asText(),
              m.get("type").asText(),
              "ACTIVE",
              Instant.parse(m.get("creationDate").asText()),
              m.get("revisionId").asText());
      machines.put(info.stateMachineArn(), new Machine(info, parse(definition)));
    }
  }

  /**
   * CreateStateMachine after the name and type checks (idempotent for the same definition and
   * role).
   */
  StateMachineInfo create(String name, String definition, String roleArn, String machineType) {
    StateGraph graph = parse(definition);
    String arn = machineArn(name);
    synchronized (machines) {
      Machine existing = machines.get(arn);
      if (existing != null) {
        if (existing.info().definition().equals(definition)
            && Objects.equals(existing.info().roleArn(), roleArn)) {
          return existing.info();
        }
        throw new StepFunctionsException(
            "StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
      }
      StateMachineInfo info =
          new StateMachineInfo(
              arn,
              name,
              definition,
              roleArn,
              machineType,
              "ACTIVE",
              clock.now(),
              UUID.randomUUID().toString());
      save(info, graph);
      return info;
    }
  }

  StateMachineInfo update(String stateMachineArn, String definition, String roleArn) {
    synchronized (machines) {
      Machine existing = machine(stateMachineArn);
      String newDefinition = definition == null ? existing.info().definition() : definition;
      StateGraph graph = definition == null ? existing.graph() : parse(definition);
      StateMachineInfo old = existing.info();
      StateMachineInfo info =
          new StateMachineInfo(
              old.stateMachineArn(),
              old.name(),
              newDefinition,
              roleArn == null ? old.roleArn() : roleArn,
              old.type(),
              old.status(),
              old.creationDate(),
              UUID.randomUUID().toString());
      save(info, graph);
      return info;
    }
  }

  private void save(StateMachineInfo info, StateGraph graph) {
    ObjectNode record = JsonNodeFactory.instance.objectNode();
    record.put("arn", info.stateMachineArn());
    record.put("name", info.name());
    record.put("definition", info.definition());
    record.put("roleArn", info.roleArn());
    record.put("type", info.type());
    record.put("creationDate", info.creationDate().toString());
    record.put("revisionId", info.revisionId());
    store.saveMachine(info.name(), record);
    machines.put(info.stateMachineArn(), new Machine(info, graph));
  }

  List<StateMachineInfo> list() {
    return machines.values().stream()
        .map(Machine::info)
        .sorted(Comparator.comparing(StateMachineInfo::name))
        .toList();
  }

  void delete(String stateMachineArn) {
    ExecutionScheduler.checkArn(stateMachineArn, ":stateMachine:");
    Machine removed = machines.remove(stateMachineArn);
    if (removed != null) {
      store.deleteMachine(removed.info().name());
    }
  }

  List<ValidationDiagnostic> validate(String definition) {
    return DefinitionParser.validate(definition, resources).list();
  }

  StateGraph parse(String definition) {
    if (definition == null) {
      throw new StepFunctionsException(
          "InvalidDefinition", "Invalid State Machine Definition: definition is null");
    }
    try {
      return DefinitionParser.parse(definition, resources);
    } catch (InvalidDefinitionException e) {
      throw new StepFunctionsException("InvalidDefinition", e.getMessage());
    }
  }

  /**
   * The type of a machine still defined; a resumed execution of a deleted one counts as Standard.
   */
  String machineType(String machineArn) {
    Machine machine = machines.get(machineArn);
    return machine == null ? "STANDARD" : machine.info().type();
  }

  Machine machine(String arn) {
    ExecutionScheduler.checkArn(arn, ":stateMachine:");
    Machine machine = machines.get(arn);
    if (machine == null) {
      throw new StepFunctionsException(
          "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }
    return machine;
  }

  String machineArn(String name) {
    return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
  }
}
