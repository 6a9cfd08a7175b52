package dev.sqlup.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.state.fields.Catcher;
import dev.sqlup.local.asl.state.fields.ErrorEquals;
import dev.sqlup.local.asl.state.fields.ErrorHandling;
import dev.sqlup.local.asl.state.fields.ResultPath;
import dev.sqlup.local.asl.state.fields.Retrier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Retry and Catch: retriers, catchers and their ErrorEquals (guide "Error handling"). */
final class ErrorHandlingParser {
  private final FieldReader fields;
  private final Problems problems;

  ErrorHandlingParser(FieldReader fields) {
    this.fields = fields;
    this.problems = fields.problems;
  }

  ErrorHandling errorHandling(JsonNode node, String at, boolean jsonata) {
    List<Retrier> retriers = new ArrayList<>();
    List<Catcher> catchers = new ArrayList<>();
    JsonNode retry = node.get("Retry");
    if (retry != null) {
      if (!retry.isArray()) {
        problems.schema("Retry must be an array", at + "/Retry");
      } else {
        for (int i = 0; i < retry.size(); i++) {
          Retrier r = retrier(retry.get(i), at + "/Retry/" + i, i == retry.size() - 1);
          if (r != null) {
            retriers.add(r);
          }
        }
      }
    }
    JsonNode catches = node.get("Catch");
    if (catches != null) {
      if (!catches.isArray()) {
        problems.schema("Catch must be an array", at + "/Catch");
      } else {
        for (int i = 0; i < catches.size(); i++) {
          JsonNode c = catches.get(i);
          String cAt = at + "/Catch/" + i;
          fields.checkFields(
              c,
              jsonata
                  ? Set.of("ErrorEquals", "Next", "Output", "Assign", "Comment")
                  : Set.of("ErrorEquals", "Next", "ResultPath", "Assign", "Comment"),
              cAt,
              jsonata,
              "Catcher");
          ErrorEquals errors = errorEquals(c, cAt, i == catches.size() - 1);
          String next = fields.text(c, "Next", cAt);
          if (next == null) {
            problems.schema("These fields are required: [Next]", cAt);
          }
          catchers.add(
              jsonata
                  ? new Catcher(
                      errors,
                      next,
                      ResultPath.DEFAULT,
                      fields.jsonataTemplate(c, "Output", cAt),
                      fields.assign(c.get("Assign"), true, cAt))
                  : new Catcher(
                      errors,
                      next,
                      fields.resultPath(c, "ResultPath", cAt),
                      null,
                      fields.assign(c.get("Assign"), false, cAt)));
        }
      }
    }
    return retriers.isEmpty() && catchers.isEmpty()
        ? ErrorHandling.NONE
        : new ErrorHandling(retriers, catchers);
  }

  Retrier retrier(JsonNode r, String at, boolean last) {
    fields.checkFields(
        r,
        Set.of(
            "ErrorEquals",
            "IntervalSeconds",
            "MaxAttempts",
            "BackoffRate",
            "MaxDelaySeconds",
            "JitterStrategy",
            "Comment"),
        at,
        false,
        "Retrier");
    ErrorEquals errors = errorEquals(r, at, last);
    int interval =
        r.has("IntervalSeconds")
            ? fields.positiveInt(
                r.get("IntervalSeconds"), "IntervalSeconds", at + "/IntervalSeconds", 1)
            : 1;
    int maxAttempts =
        r.has("MaxAttempts")
            ? fields.positiveInt(r.get("MaxAttempts"), "MaxAttempts", at + "/MaxAttempts", 0)
            : 3;
    double backoff = 2.0;
    if (r.has("BackoffRate")) {
      JsonNode b = r.get("BackoffRate");
      if (!b.isNumber() || b.asDouble() < 1.0) {
        problems.schema(
            "BackoffRate must be a number greater than or equal to 1.0", at + "/BackoffRate");
      } else {
        backoff = b.asDouble();
      }
    }
    Integer maxDelay =
        r.has("MaxDelaySeconds")
            ? fields.positiveInt(
                r.get("MaxDelaySeconds"), "MaxDelaySeconds", at + "/MaxDelaySeconds", 1)
            : null;
    boolean full = false;
    if (r.has("JitterStrategy")) {
      String j = r.get("JitterStrategy").asText();
      if (!j.equals("FULL") && !j.equals("NONE")) {
        problems.schema("JitterStrategy must be FULL or NONE", at + "/JitterStrategy");
      }
      full = j.equals("FULL");
    }
    return new Retrier(errors, interval, maxAttempts, backoff, maxDelay, full);
  }

  ErrorEquals errorEquals(JsonNode node, String at, boolean lastEntry) {
    JsonNode names = node.get("ErrorEquals");
    if (names == null || !names.isArray() || names.isEmpty()) {
      problems.schema("These fields are required: [ErrorEquals] (a non-empty array)", at);
      return new ErrorEquals(List.of());
    }
    List<String> list = new ArrayList<>();
    names.forEach(n -> list.add(n.asText()));
    if (list.contains("States.ALL") && (list.size() > 1 || !lastEntry)) {
      problems.schema(
          "States.ALL must appear alone in ErrorEquals and in the last Retrier/Catcher",
          at + "/ErrorEquals");
    }
    return new ErrorEquals(list);
  }
}
