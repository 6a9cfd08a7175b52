package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/**
 * Generated names: quoting always yields exactly one token that reads back as the original text.
 */
class SqlTextPropertiesTest {

  private static boolean printable(String s) {
    return s.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
  }

  @Property(tries = 2000)
  void quoteName_isOneIdentifierThatReadsBackAsTheName(
      @ForAll @StringLength(min = 1, max = 128) String name) {
    Assume.that(printable(name));
    String quoted = SqlText.quoteName(name);
    int[] end = new int[1];
    assertThat(readBracketed(quoted, 0, end)).isEqualTo(name);
    assertThat(end[0]).isEqualTo(quoted.length());
  }

  @Property(tries = 2000)
  void literal_isOneStringThatReadsBackAsTheText(@ForAll @StringLength(max = 300) String text) {
    Assume.that(printable(text));
    String literal = SqlText.literal(text);
    int[] end = new int[1];
    assertThat(readLiteral(literal, 0, end)).isEqualTo(text);
    assertThat(end[0]).isEqualTo(literal.length());
  }

  /** T-SQL's rule for a delimited identifier: up to the first ] not followed by another ]. */
  static String readBracketed(String sql, int start, int[] end) {
    StringBuilder out = new StringBuilder();
    int i = start + 1;
    while (true) {
      char c = sql.charAt(i);
      if (c == ']') {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == ']') {
          out.append(']');
          i += 2;
          continue;
        }
        end[0] = i + 1;
        return out.toString();
      }
      out.append(c);
      i++;
    }
  }

  /** T-SQL's rule for N'...': up to the first ' not followed by another '. */
  static String readLiteral(String sql, int start, int[] end) {
    StringBuilder out = new StringBuilder();
    int i = start + 2;
    while (true) {
      char c = sql.charAt(i);
      if (c == '\'') {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
          out.append('\'');
          i += 2;
          continue;
        }
        end[0] = i + 1;
        return out.toString();
      }
      out.append(c);
      i++;
    }
  }
}
