package dev.sqlup.local.cli;

import java.util.List;

/**
 * Opens a URL in the desktop's browser when there is a desktop; on a server or in CI it does
 * nothing.
 */
final class Browser {
  private Browser() {}

  /**
   * @return whether a browser was asked to open it
   */
  static boolean open(String url) {
    String os = System.getProperty("os.name", "").toLowerCase();
    List<String> command;
    if (os.contains("mac")) {
      command = List.of("open", url);
    } else if (os.contains("win")) {
      command = List.of("rundll32", "url.dll,FileProtocolHandler", url);
    } else if (System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null) {
      command = List.of("xdg-open", url);
    } else {
      return false;
    }
    try {
      new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
