package dev.sqlup.proof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a suite's figures into its section of a docs page, leaving the other sections as they are.
 */
public final class Docs {
  private Docs() {}

  /**
   * Replaces the section that starts with {@code heading} (up to the next heading of the same
   * level) by {@code content}, or appends it. {@code content} starts with the heading itself.
   */
  public static synchronized void replaceSection(Path page, String heading, String content) {
    try {
      String text = Files.exists(page) ? Files.readString(page) : "# " + title(page) + "\n\n";
      String level = heading.substring(0, heading.indexOf(' ') + 1);
      int start = text.indexOf("\n" + heading + "\n");
      String body = content.endsWith("\n") ? content : content + "\n";
      if (start < 0) {
        text =
            (text.endsWith("\n\n") ? text : text.endsWith("\n") ? text + "\n" : text + "\n\n")
                + body;
      } else {
        int end = text.indexOf("\n" + level, start + heading.length() + 1);
        text =
            text.substring(0, start + 1) + body + (end < 0 ? "" : "\n" + text.substring(end + 1));
      }
      Files.createDirectories(page.getParent());
      Files.writeString(page, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Always writes the section under {@code target/proof/}; with {@code -Dproof.docs=true} also into
   * {@code docs/} (so a plain {@code mvn verify} leaves the work tree clean).
   */
  public static void write(String page, String heading, String content) {
    Path root = dev.sqlup.testing.Dynalite.projectRoot();
    replaceSection(root.resolve("tests/target/proof/" + page), heading, content);
    if (Boolean.getBoolean("proof.docs")) {
      replaceSection(root.resolve("docs/" + page), heading, content);
    }
  }

  private static String title(Path page) {
    return switch (page.getFileName().toString()) {
      case "BENCHMARKS.md" -> "Benchmarks";
      case "RELIABILITY.md" -> "Reliability";
      default -> page.getFileName().toString();
    };
  }
}
