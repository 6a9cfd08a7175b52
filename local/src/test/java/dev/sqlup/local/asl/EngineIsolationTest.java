package dev.sqlup.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine could be split out: nothing under dev/sqlup/local/asl imports other sqlup packages.
 */
class EngineIsolationTest {
  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(static\\s+)?(dev\\.sqlup\\.[\\w.]+)", Pattern.MULTILINE);

  @Test
  void enginePackages_importNothingOfSqlupOutsideTheEngine() throws IOException {
    Path root = Path.of("src/main/java/dev/sqlup/local/asl");
    assertThat(root).isDirectory();
    List<String> offenders = new ArrayList<>();
    int files = 0;
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path file : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
        files++;
        String source = Files.readString(file);
        Matcher m = IMPORT.matcher(source);
        while (m.find()) {
          if (!m.group(2).startsWith("dev.sqlup.local.asl.")
              && !m.group(2).equals("dev.sqlup.local.asl")) {
            offenders.add(file + ": " + m.group(2));
          }
        }
        String pkg = source.replaceAll("(?s).*?package\\s+([\\w.]+);.*", "$1");
        assertThat(pkg).as(file.toString()).startsWith("dev.sqlup.local.asl");
        // fully qualified references bypass imports
        Matcher fq = Pattern.compile("dev\\.sqlup\\.(?!local\\.asl)[a-z]").matcher(source);
        if (fq.find()) {
          offenders.add(file + ": fully qualified " + fq.group());
        }
      }
    }
    assertThat(files).isGreaterThan(30);
    assertThat(offenders).isEmpty();
  }
}
