package dev.sqlup.local.asl.state.fields;

import java.util.List;

/**
 * The ErrorEquals of a Retrier or Catcher. Error handling (developer guide, "Error names"):
 * States.ALL matches any error but States.Runtime and States.DataLimitExceeded, which are terminal;
 * States.TaskFailed matches any error but States.Timeout (and the terminal ones).
 */
public record ErrorEquals(List<String> names) {

  public static boolean isTerminal(String error) {
    return error.equals("States.Runtime") || error.equals("States.DataLimitExceeded");
  }

  public boolean matches(String error) {
    if (isTerminal(error)) {
      return false;
    }
    for (String name : names) {
      if (name.equals(error) || name.equals("States.ALL")) {
        return true;
      }
      if (name.equals("States.TaskFailed") && !error.equals("States.Timeout")) {
        return true;
      }
    }
    return false;
  }
}
