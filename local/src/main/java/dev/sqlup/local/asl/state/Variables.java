package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.path.VariableLookup;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The workflow variables of one branch (developer guide "Passing data between states with
 * variables", "Variable scope"): the top level of an execution is one scope; each Parallel branch
 * and Map iteration has its own, which reads the enclosing ones but writes only itself, so nothing
 * flows outward except through output. Assignments of one state take effect together, after the
 * state (see {@link #assign}).
 */
public final class Variables implements VariableLookup {
  /**
   * Developer guide "Passing data between states with variables", limits: one variable, one Assign.
   */
  public static final int MAX_VARIABLE_BYTES = 256 * 1024;

  /** ... and all variables of an execution together (10 MiB; counted per scope here). */
  public static final int MAX_TOTAL_BYTES = 10 * 1024 * 1024;

  private final Variables outer;
  private final Map<String, JsonNode> own = new HashMap<>();
  private final Map<String, Integer> sizes = new HashMap<>();
  private long totalBytes;

  public Variables(Variables outer) {
    this.outer = outer;
  }

  /** A nested scope (a Parallel branch or a Map iteration) that reads this one. */
  public Variables child() {
    return new Variables(this);
  }

  @Override
  public JsonNode variable(String name) {
    for (Variables scope = this; scope != null; scope = scope.outer) {
      JsonNode value = scope.own.get(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /**
   * Commits one state's Assign. Every value was computed before any is stored, so the state's
   * expressions all saw the values from before it (guide: "Evaluation order").
   */
  public void assign(String stateName, Map<String, JsonNode> values) {
    if (values == null || values.isEmpty()) {
      return;
    }
    long assignBytes = 0;
    Map<String, Integer> newSizes = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : values.entrySet()) {
      int size = e.getValue().toString().length();
      if (size > MAX_VARIABLE_BYTES) {
        throw limit(
            stateName,
            "The variable '"
                + e.getKey()
                + "' is "
                + size
                + " bytes, more than the maximum of "
                + MAX_VARIABLE_BYTES
                + " bytes for a variable.");
      }
      assignBytes += size;
      newSizes.put(e.getKey(), size);
    }
    if (assignBytes > MAX_VARIABLE_BYTES) {
      throw limit(
          stateName,
          "The variables assigned by the state are "
              + assignBytes
              + " bytes together, more than the maximum of "
              + MAX_VARIABLE_BYTES
              + " bytes for one Assign.");
    }
    long total = totalBytes;
    for (Map.Entry<String, Integer> e : newSizes.entrySet()) {
      total += e.getValue() - sizes.getOrDefault(e.getKey(), 0);
    }
    if (total > MAX_TOTAL_BYTES) {
      throw limit(
          stateName,
          "The execution's variables would take "
              + total
              + " bytes, more than the maximum of "
              + MAX_TOTAL_BYTES
              + " bytes.");
    }
    own.putAll(values);
    sizes.putAll(newSizes);
    totalBytes = total;
  }

  /** This scope's own variables (for checkpoints), or null when it has none. */
  public ObjectNode snapshot() {
    if (own.isEmpty()) {
      return null;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    own.forEach(out::set);
    return out;
  }

  /** Restores this scope's own variables from a checkpoint. */
  public void restore(JsonNode snapshot) {
    own.clear();
    sizes.clear();
    totalBytes = 0;
    if (snapshot == null || !snapshot.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = snapshot.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      int size = e.getValue().toString().length();
      own.put(e.getKey(), e.getValue());
      sizes.put(e.getKey(), size);
      totalBytes += size;
    }
  }

  private static StatesError limit(String stateName, String why) {
    return new StatesError("States.DataLimitExceeded", "State '" + stateName + "': " + why);
  }
}
