package dev.sqlup.local.cli;

import dev.sqlup.local.runtime.UserException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sqlup graph}: a state machine (and an execution's path) as Mermaid, SVG or PNG. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = {
      "Draws a state machine definition as a Mermaid flowchart, or as SVG/PNG through Graphviz `dot`.",
      "With --execution-history, the states the execution entered are highlighted (failed ones in red)."
    })
final class GraphCommand implements Callable<Integer> {
  enum Format {
    mermaid,
    dot,
    svg,
    png
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DEFINITION", description = "the .asl.json file")
  Path definition;

  @Option(
      names = "--execution-history",
      paramLabel = "FILE",
      description = "GetExecutionHistory JSON of an execution to draw the path of")
  Path history;

  @Option(
      names = {"-f", "--format"},
      defaultValue = "mermaid",
      description = "mermaid, dot, svg or png (default: ${DEFAULT-VALUE})")
  Format format;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "write here instead of stdout (required for png)")
  Path out;

  @Option(names = "--dot-command", hidden = true, defaultValue = "dot")
  String dotCommand;

  @Override
  public Integer call() throws IOException {
    AslGraph graph = AslGraph.of(read(definition, "definition"));
    if (history != null) {
      graph.withHistory(read(history, "execution history"));
    }
    byte[] bytes =
        switch (format) {
          case mermaid -> graph.toMermaid().getBytes(StandardCharsets.UTF_8);
          case dot -> graph.toDot().getBytes(StandardCharsets.UTF_8);
          case svg, png -> render(graph.toDot(), format.name());
        };
    if (out != null) {
      Files.write(out, bytes);
      spec.commandLine().getErr().println("wrote " + out);
      spec.commandLine().getErr().flush();
    } else if (format == Format.png) {
      throw new UserException("PNG is binary: pass --out <file>.png");
    } else {
      PrintWriter w = spec.commandLine().getOut();
      w.print(new String(bytes, StandardCharsets.UTF_8));
      w.flush();
    }
    return 0;
  }

  private static String read(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserException(what + " file " + file + " not found");
    } catch (IOException e) {
      throw new UserException("cannot read " + what + " file " + file + ": " + e.getMessage());
    }
  }

  private byte[] render(String dot, String type) {
    Process process;
    try {
      process =
          new ProcessBuilder(dotCommand, "-T" + type)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new UserException(
          "Graphviz `dot` is not installed (apt-get install graphviz): use --format mermaid instead");
    }
    try {
      try (OutputStream in = process.getOutputStream()) {
        in.write(dot.getBytes(StandardCharsets.UTF_8));
      }
      byte[] result = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "dot -T" + type + " failed (exit " + process.exitValue() + ")");
      }
      return result;
    } catch (IOException e) {
      throw new IllegalStateException("dot -T" + type + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
