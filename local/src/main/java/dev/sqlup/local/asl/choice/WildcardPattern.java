package dev.sqlup.local.asl.choice;

import java.util.ArrayList;
import java.util.List;

/**
 * A StringMatches pattern: {@code *} matches zero or more characters, {@code \*} is a literal
 * asterisk and {@code \\} a literal backslash; nothing else is special. Matching is linear in the
 * input (no backtracking regex), so hostile patterns cannot stall an execution.
 */
final class WildcardPattern {
  /** The literal pieces between wildcards. */
  private final List<String> pieces;

  private final boolean leadingWildcard;
  private final boolean trailingWildcard;

  private WildcardPattern(List<String> pieces, boolean leading, boolean trailing) {
    this.pieces = pieces;
    this.leadingWildcard = leading;
    this.trailingWildcard = trailing;
  }

  static WildcardPattern compile(String pattern) {
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    boolean leading = false;
    boolean trailing = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      trailing = false;
      if (c == '\\'
          && i + 1 < pattern.length()
          && (pattern.charAt(i + 1) == '*' || pattern.charAt(i + 1) == '\\')) {
        piece.append(pattern.charAt(++i));
      } else if (c == '*') {
        if (i == 0) {
          leading = true;
        }
        trailing = true;
        pieces.add(piece.toString());
        piece.setLength(0);
      } else {
        piece.append(c);
      }
    }
    pieces.add(piece.toString());
    return new WildcardPattern(List.copyOf(pieces), leading, trailing);
  }

  boolean matches(String value) {
    if (pieces.size() == 1) {
      return value.equals(pieces.get(0)); // no wildcard
    }
    String first = pieces.get(0);
    String last = pieces.get(pieces.size() - 1);
    if (!value.startsWith(first) || value.length() < first.length() + last.length()) {
      return false;
    }
    int from = first.length();
    int end = value.length() - last.length();
    if (!value.startsWith(last, end)) {
      return false;
    }
    // Leftmost placement of each middle piece is optimal: it leaves the most room for the rest.
    for (int i = 1; i < pieces.size() - 1; i++) {
      String middle = pieces.get(i);
      int at = value.indexOf(middle, from);
      if (at < 0 || at + middle.length() > end) {
        return false;
      }
      from = at + middle.length();
    }
    return true;
  }

  @Override
  public String toString() {
    return "WildcardPattern"
        + pieces
        + (leadingWildcard ? " leading*" : "")
        + (trailingWildcard ? " trailing*" : "");
  }
}
