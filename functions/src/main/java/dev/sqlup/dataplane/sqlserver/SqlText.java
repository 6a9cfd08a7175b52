package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The only way a name or a string gets into T-SQL text here. Identifiers follow QUOTENAME: at most
 * 128 characters (sysname), wrapped in brackets with every {@code ]} doubled
 * (https://learn.microsoft.com/en-us/sql/t-sql/functions/quotename-transact-sql). String literals
 * are Unicode {@code N'...'} with every {@code '} doubled
 * (https://learn.microsoft.com/en-us/sql/t-sql/data-types/constants-transact-sql). NUL and other C0
 * control characters are refused outright: no database, login or path needs them and they are the
 * usual way to confuse a parser or a log line.
 */
public final class SqlText {
  /** sysname is nvarchar(128): QUOTENAME returns NULL for longer input, so refuse it instead. */
  public static final int MAX_IDENTIFIER_LENGTH = 128;

  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

  private SqlText() {}

  /** A bracket-quoted identifier: {@code x]y} becomes {@code [x]]y]}. */
  public static String quoteName(String name) {
    validateIdentifier(name);
    return "[" + name.replace("]", "]]") + "]";
  }

  /**
   * Throws {@link PermanentDataPlaneException} (code INVALID_IDENTIFIER) when the name cannot be a
   * sysname.
   */
  public static String validateIdentifier(String name) {
    if (name == null || name.isEmpty()) {
      throw new PermanentDataPlaneException("INVALID_IDENTIFIER: a name is empty");
    }
    if (name.codePointCount(0, name.length()) > MAX_IDENTIFIER_LENGTH) {
      throw new PermanentDataPlaneException(
          "INVALID_IDENTIFIER: a name is longer than " + MAX_IDENTIFIER_LENGTH + " characters");
    }
    rejectControlCharacters(name, "INVALID_IDENTIFIER");
    return name;
  }

  /** A Unicode string literal: {@code it's} becomes {@code N'it''s'}. */
  public static String literal(String text) {
    if (text == null) {
      throw new PermanentDataPlaneException("INVALID_LITERAL: a string value is missing");
    }
    rejectControlCharacters(text, "INVALID_LITERAL");
    return "N'" + text.replace("'", "''") + "'";
  }

  /**
   * A literal that may span lines (job step commands are whole batches): only NUL is refused, line
   * breaks and tabs are kept.
   */
  public static String multiLineLiteral(String text) {
    if (text == null || text.indexOf('\0') >= 0) {
      throw new PermanentDataPlaneException("INVALID_LITERAL: a command is missing or holds NUL");
    }
    return "N'" + text.replace("'", "''") + "'";
  }

  /** Whether {@link #literal} takes the text as it is (no control character). */
  public static boolean isPlain(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        return false;
      }
    }
    return true;
  }

  /**
   * Free text copied from a server (job descriptions, step and schedule names, categories) as a
   * T-SQL expression that yields exactly that text: plain runs as {@code N'...'} literals, every
   * control character (line breaks, tabs, ...) as {@code NCHAR(n)}, joined with {@code +}. The SQL
   * text itself then holds no control character (safe to log and to read), and nothing is lost. NUL
   * is refused (msdb text never holds it, and drivers cut strings at it). An expression is not a
   * constant: EXEC parameters take it through a variable.
   */
  public static String textExpression(String text) {
    if (text == null || text.indexOf('\0') >= 0) {
      throw new PermanentDataPlaneException(
          "INVALID_LITERAL: a text value is missing or holds NUL");
    }
    StringBuilder out = new StringBuilder();
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        if (run.length() > 0) {
          append(out, "N'" + run.toString().replace("'", "''") + "'");
          run.setLength(0);
        }
        append(out, "NCHAR(" + (int) c + ")");
      } else {
        run.append(c);
      }
    }
    if (run.length() > 0 || out.length() == 0) {
      append(out, "N'" + run.toString().replace("'", "''") + "'");
    }
    return out.toString();
  }

  private static void append(StringBuilder expression, String term) {
    if (expression.length() > 0) {
      expression.append(" + ");
    }
    expression.append(term);
  }

  /** A binary constant {@code 0x...} (SIDs, password hashes) from bytes. */
  public static String binary(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new PermanentDataPlaneException("INVALID_BINARY: empty binary value");
    }
    return "0x" + HexFormat.of().withUpperCase().formatHex(bytes);
  }

  /** A binary constant from text that must already be {@code 0x} followed by hex digits. */
  public static String binary(String hex) {
    if (hex == null || !hex.startsWith("0x") || !HEX.matcher(hex.substring(2)).matches()) {
      throw new PermanentDataPlaneException("INVALID_BINARY: not a 0x hex constant");
    }
    return "0x" + hex.substring(2).toUpperCase();
  }

  private static void rejectControlCharacters(String text, String code) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        throw new PermanentDataPlaneException(code + ": control character at position " + i);
      }
    }
  }
}
