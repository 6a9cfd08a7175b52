package dev.sqlup.local.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;

final class TestFiles {
  private TestFiles() {}

  static String path(String resource) {
    try {
      return Path.of(TestFiles.class.getResource(resource).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String template() {
    return path("/runtime/template.yaml");
  }
}
