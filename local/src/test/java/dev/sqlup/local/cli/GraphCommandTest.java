package dev.sqlup.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {
  private final String definition = TestFiles.path("/runtime/statemachine/upgrade.asl.json");

  @Test
  void mermaid_hasStatesEdgesConditionsCatchesAndParallelSubgraphs() {
    Cli r = Cli.run("graph", definition);
    assertThat(r.exitCode()).as(r.err()).isZero();
    String m = r.out();
    assertThat(m).startsWith("flowchart TD\n");
    assertThat(m).contains("s0[\"Greet<br/><small>Task</small>\"]");
    assertThat(m).contains("s1{\"IsLarge<br/><small>Choice</small>\"}");
    assertThat(m).contains("s1 -->|\"$.times #gt; 3\"| s2");
    assertThat(m).contains("s1 -->|\"($.name == #quot;x#quot;) and ($.times == 0)\"| s4");
    assertThat(m).contains("s1 -->|\"Default\"| s3");
    assertThat(m).contains("s0 -.->|\"States.ALL\"| s4");
    assertThat(m)
        .contains("subgraph s2[\"Fan (Parallel)\"]")
        .contains("subgraph s2_b1[\"Branch 1\"]")
        .contains("subgraph s2_b2[\"Branch 2\"]");
    assertThat(m).contains("asl_start --> s0").contains("s3 --> asl_end");
    assertThat(m).doesNotContain("class s");
  }

  @Test
  void history_highlightsThePathAndTheFailedState() {
    Cli r =
        Cli.run(
            "graph", definition, "--execution-history", TestFiles.path("/cli/history-failed.json"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("class s0,s1 visited")
        .contains("class s4 failed")
        .contains("linkStyle ");
  }

  @Test
  void svg_throughGraphviz(@TempDir Path dir) throws Exception {
    assertThat(Path.of("/usr/bin/dot"))
        .as("Graphviz dot is not installed: apt-get install -y graphviz " + "(.ci/run installs it)")
        .isExecutable();
    Path svg = dir.resolve("g.svg");
    Cli r =
        Cli.run(
            "graph",
            definition,
            "--format",
            "svg",
            "--out",
            svg.toString(),
            "--execution-history",
            TestFiles.path("/cli/history-failed.json"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readString(svg))
        .contains("<svg")
        .contains("Greet")
        .contains("IsLarge")
        .contains("#c8e6c9");
    Path png = dir.resolve("g.png");
    assertThat(Cli.run("graph", definition, "--format", "png", "--out", png.toString()).exitCode())
        .isZero();
    byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
    assertThat(head).containsExactly(0x89, 'P', 'N', 'G');
  }

  @Test
  void missingDot_exits2_suggestingMermaid() {
    Cli r = Cli.run("graph", definition, "--format", "svg", "--dot-command", "/nonexistent/dot");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines())
        .singleElement()
        .satisfies(l -> assertThat(l).contains("--format mermaid"));
  }

  @Test
  void notAStateMachine_exits2(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("x.json"), "{\"a\":1}");
    Cli r = Cli.run("graph", f.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no StartAt/States");
  }
}
