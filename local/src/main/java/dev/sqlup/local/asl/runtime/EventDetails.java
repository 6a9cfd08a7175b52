package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.model.ExecutionStatus;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The details of the events every execution records (started, state entered and exited, Map
 * iterations, the end), held as the few strings they are made of and built into JSON only when the
 * history is read (see {@link dev.sqlup.local.asl.model.HistoryEvent#of}); the event types are
 * constants, not a concatenation per event. Also the journal's end record.
 */
final class EventDetails {
  private EventDetails() {}

  /** {@code stateEnteredEventDetails}: name, input (JSON text), inputDetails. */
  record Entered(String name, String input) implements Supplier<ObjectNode> {
    @Override
    public ObjectNode get() {
      ObjectNode details = JsonNodeFactory.instance.objectNode();
      details.put("name", name);
      details.put("input", input);
      details.putObject("inputDetails").put("truncated", false);
      return details;
    }
  }

  /** {@code stateExitedEventDetails} of a state that assigned no variables. */
  record Exited(String name, String output) implements Supplier<ObjectNode> {
    @Override
    public ObjectNode get() {
      ObjectNode details = JsonNodeFactory.instance.objectNode();
      details.put("name", name);
      details.put("output", output);
      details.putObject("outputDetails").put("truncated", false);
      return details;
    }
  }

  /** {@code mapIteration*EventDetails}: the Map state's name and the iteration's index. */
  record Iteration(String name, int index) implements Supplier<ObjectNode> {
    @Override
    public ObjectNode get() {
      ObjectNode details = JsonNodeFactory.instance.objectNode();
      details.put("name", name);
      details.put("index", index);
      return details;
    }
  }

  /** {@code executionStartedEventDetails}: input (JSON text), inputDetails, roleArn. */
  record Started(String input, String roleArn) implements Supplier<ObjectNode> {
    @Override
    public ObjectNode get() {
      ObjectNode details = JsonNodeFactory.instance.objectNode();
      details.put("input", input);
      details.putObject("inputDetails").put("truncated", false);
      details.put("roleArn", roleArn);
      return details;
    }
  }

  /**
   * The end event's details: the output of a succeeded execution, else the error and cause (each
   * only when there is one).
   */
  record Ended(ExecutionStatus status, String output, String error, String cause)
      implements Supplier<ObjectNode> {
    String type() {
      return switch (status) {
        case SUCCEEDED -> "ExecutionSucceeded";
        case FAILED -> "ExecutionFailed";
        case TIMED_OUT -> "ExecutionTimedOut";
        default -> "ExecutionAborted";
      };
    }

    String field() {
      return switch (status) {
        case SUCCEEDED -> "executionSucceededEventDetails";
        case FAILED -> "executionFailedEventDetails";
        case TIMED_OUT -> "executionTimedOutEventDetails";
        default -> "executionAbortedEventDetails";
      };
    }

    @Override
    public ObjectNode get() {
      ObjectNode details = JsonNodeFactory.instance.objectNode();
      if (status == ExecutionStatus.SUCCEEDED) {
        details.put("output", output);
        details.putObject("outputDetails").put("truncated", false);
        return details;
      }
      if (error != null) {
        details.put("error", error);
      }
      if (cause != null) {
        details.put("cause", cause);
      }
      return details;
    }

    /** The journal's record of the end, which a reopened engine replays. */
    ObjectNode record(Instant stopDate) {
      ObjectNode record = JsonNodeFactory.instance.objectNode();
      record.put("k", "end");
      record.put("status", status.name());
      record.put("output", output);
      record.put("error", error);
      record.put("cause", cause);
      record.put("stopDate", stopDate.toString());
      return record;
    }
  }

  /** {@code <Type>StateEntered} for AWS's state type name (Pass, Task, ...). */
  static String entered(String stateType) {
    return switch (stateType) {
      case "Pass" -> "PassStateEntered";
      case "Task" -> "TaskStateEntered";
      case "Choice" -> "ChoiceStateEntered";
      case "Wait" -> "WaitStateEntered";
      case "Succeed" -> "SucceedStateEntered";
      case "Fail" -> "FailStateEntered";
      case "Parallel" -> "ParallelStateEntered";
      case "Map" -> "MapStateEntered";
      default -> stateType + "StateEntered";
    };
  }

  /** {@code <Type>StateExited}. */
  static String exited(String stateType) {
    return switch (stateType) {
      case "Pass" -> "PassStateExited";
      case "Task" -> "TaskStateExited";
      case "Choice" -> "ChoiceStateExited";
      case "Wait" -> "WaitStateExited";
      case "Succeed" -> "SucceedStateExited";
      case "Fail" -> "FailStateExited";
      case "Parallel" -> "ParallelStateExited";
      case "Map" -> "MapStateExited";
      default -> stateType + "StateExited";
    };
  }
}
