package dev.sqlup.local.asl.choice;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The comparison operators of a choice rule, with the operand type each expects. */
enum Operator {
  STRING_EQUALS("StringEquals", Kind.STRING, Relation.EQ),
  STRING_LESS_THAN("StringLessThan", Kind.STRING, Relation.LT),
  STRING_GREATER_THAN("StringGreaterThan", Kind.STRING, Relation.GT),
  STRING_LESS_THAN_EQUALS("StringLessThanEquals", Kind.STRING, Relation.LE),
  STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Kind.STRING, Relation.GE),
  STRING_MATCHES("StringMatches", Kind.MATCHES, Relation.EQ),
  NUMERIC_EQUALS("NumericEquals", Kind.NUMERIC, Relation.EQ),
  NUMERIC_LESS_THAN("NumericLessThan", Kind.NUMERIC, Relation.LT),
  NUMERIC_GREATER_THAN("NumericGreaterThan", Kind.NUMERIC, Relation.GT),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Kind.NUMERIC, Relation.LE),
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Kind.NUMERIC, Relation.GE),
  BOOLEAN_EQUALS("BooleanEquals", Kind.BOOLEAN, Relation.EQ),
  TIMESTAMP_EQUALS("TimestampEquals", Kind.TIMESTAMP, Relation.EQ),
  TIMESTAMP_LESS_THAN("TimestampLessThan", Kind.TIMESTAMP, Relation.LT),
  TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Kind.TIMESTAMP, Relation.GT),
  TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Kind.TIMESTAMP, Relation.LE),
  TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Kind.TIMESTAMP, Relation.GE),
  IS_PRESENT("IsPresent", Kind.TYPE_TEST, Relation.EQ),
  IS_NULL("IsNull", Kind.TYPE_TEST, Relation.EQ),
  IS_NUMERIC("IsNumeric", Kind.TYPE_TEST, Relation.EQ),
  IS_STRING("IsString", Kind.TYPE_TEST, Relation.EQ),
  IS_BOOLEAN("IsBoolean", Kind.TYPE_TEST, Relation.EQ),
  IS_TIMESTAMP("IsTimestamp", Kind.TYPE_TEST, Relation.EQ);

  enum Kind {
    STRING,
    MATCHES,
    NUMERIC,
    BOOLEAN,
    TIMESTAMP,
    TYPE_TEST
  }

  enum Relation {
    EQ,
    LT,
    GT,
    LE,
    GE;

    boolean holds(int comparison) {
      return switch (this) {
        case EQ -> comparison == 0;
        case LT -> comparison < 0;
        case GT -> comparison > 0;
        case LE -> comparison <= 0;
        case GE -> comparison >= 0;
      };
    }
  }

  private static final Map<String, Operator> BY_NAME =
      Stream.of(values()).collect(Collectors.toUnmodifiableMap(o -> o.key, Function.identity()));

  final String key;
  final Kind kind;
  final Relation relation;

  Operator(String key, Kind kind, Relation relation) {
    this.key = key;
    this.kind = kind;
    this.relation = relation;
  }

  /**
   * Whether the operator can take a {@code ...Path} operand (all but StringMatches and the Is*
   * tests).
   */
  boolean hasPathVariant() {
    return kind != Kind.TYPE_TEST && kind != Kind.MATCHES;
  }

  /** The operator and whether it is the Path variant, or null for an unknown key. */
  static Lookup lookup(String key) {
    Operator plain = BY_NAME.get(key);
    if (plain != null) {
      return new Lookup(plain, false);
    }
    if (key.endsWith("Path")) {
      Operator base = BY_NAME.get(key.substring(0, key.length() - 4));
      if (base != null && base.hasPathVariant()) {
        return new Lookup(base, true);
      }
    }
    return null;
  }

  record Lookup(Operator operator, boolean path) {}
}
