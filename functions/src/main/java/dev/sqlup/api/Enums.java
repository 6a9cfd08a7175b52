package dev.sqlup.api;

import dev.sqlup.domain.RdsEdition;
import dev.sqlup.domain.SqlEdition;
import dev.sqlup.domain.SwitchTime;
import java.util.Arrays;

/** Enum fields of request bodies: exact names only, errors list the allowed values. */
final class Enums {
  private Enums() {}

  static SqlEdition sqlEdition(Body body, String field, boolean required) {
    String v =
        required
            ? body.requireText(field, null, null)
            : body.optionalText(field, null, null).orElse(null);
    return v == null
        ? null
        : SqlEdition.parse(v)
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        field, field + " must be one of " + Arrays.toString(SqlEdition.values())));
  }

  static RdsEdition rdsEdition(Body body, String field, boolean required) {
    String v =
        required
            ? body.requireText(field, null, null)
            : body.optionalText(field, null, null).orElse(null);
    return v == null
        ? null
        : RdsEdition.parse(v)
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        field, field + " must be one of " + Arrays.toString(RdsEdition.values())));
  }

  static SwitchTime switchTime(Body body, String field) {
    return body.optionalText(field, null, null)
        .map(
            v ->
                SwitchTime.parse(v)
                    .orElseThrow(
                        () ->
                            ApiException.invalid(
                                field,
                                field + " must be one of " + Arrays.toString(SwitchTime.values()))))
        .orElse(SwitchTime.Immediate);
  }

  /** A value quoted for an error message, cut to 64 characters. */
  static String quote(String value) {
    String v = value.length() > 64 ? value.substring(0, 64) + "…" : value;
    return "\"" + v + "\"";
  }
}
