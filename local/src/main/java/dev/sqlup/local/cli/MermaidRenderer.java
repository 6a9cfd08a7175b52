package dev.sqlup.local.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes an {@link AslGraph} as a Mermaid flowchart: Parallel/Map groups as subgraphs, Catch edges
 * dotted, an execution's path as styled classes and links. Apart from the graph so that each output
 * format is one class and the graph only knows states and edges.
 */
final class MermaidRenderer {
  private MermaidRenderer() {}

  static String render(AslGraph graph) {
    StringBuilder out = new StringBuilder("flowchart TD\n");
    out.append("  asl_start((Start))\n  asl_end((End))\n");
    renderGroup(graph, out, null, "  ");
    List<Integer> takenIndexes = new ArrayList<>();
    int index = 0;
    for (AslGraph.Edge e : graph.edges()) {
      String arrow = e.kind().equals("catch") ? "-.->" : "-->";
      out.append("  ").append(e.from()).append(' ').append(arrow);
      if (e.label() != null) {
        out.append("|\"").append(mermaidText(e.label())).append("\"|");
      }
      out.append(' ').append(e.to()).append('\n');
      if (graph.taken(e)) {
        takenIndexes.add(index);
      }
      index++;
    }
    out.append("  classDef visited fill:#c8e6c9,stroke:#2e7d32,stroke-width:2px\n");
    out.append("  classDef failed fill:#ffcdd2,stroke:#c62828,stroke-width:2px\n");
    Set<String> ok = new LinkedHashSet<>(graph.visited());
    ok.removeAll(graph.failed());
    if (!ok.isEmpty()) {
      out.append("  class ").append(String.join(",", ok)).append(" visited\n");
    }
    if (!graph.failed().isEmpty()) {
      out.append("  class ").append(String.join(",", graph.failed())).append(" failed\n");
    }
    if (!takenIndexes.isEmpty()) {
      out.append("  linkStyle ")
          .append(String.join(",", takenIndexes.stream().map(String::valueOf).toList()))
          .append(" stroke:#2e7d32,stroke-width:3px\n");
    }
    return out.toString();
  }

  private static void renderGroup(AslGraph graph, StringBuilder out, String group, String indent) {
    for (AslGraph.Node n : graph.nodesIn(group)) {
      List<AslGraph.Group> inner = graph.groupsIn(n.id());
      if (!inner.isEmpty()) {
        out.append(indent)
            .append("subgraph ")
            .append(n.id())
            .append("[\"")
            .append(mermaidText(n.name()))
            .append(" (")
            .append(n.type())
            .append(")\"]\n");
        for (AslGraph.Group g : inner) {
          out.append(indent)
              .append("  subgraph ")
              .append(g.id())
              .append("[\"")
              .append(g.label())
              .append("\"]\n");
          out.append(indent).append("    ").append(g.id()).append("_start((\" \"))\n");
          out.append(indent).append("    ").append(g.id()).append("_end((\" \"))\n");
          renderGroup(graph, out, g.id(), indent + "    ");
          out.append(indent).append("  end\n");
        }
        out.append(indent).append("end\n");
        continue;
      }
      String label = mermaidText(n.name()) + "<br/><small>" + n.type() + "</small>";
      String shape =
          switch (n.type()) {
            case "Choice" -> "{\"" + label + "\"}";
            case "Succeed", "Fail" -> "([\"" + label + "\"])";
            case "Wait" -> "[/\"" + label + "\"/]";
            case "Pass" -> "[[\"" + label + "\"]]";
            default -> "[\"" + label + "\"]";
          };
      out.append(indent).append(n.id()).append(shape).append('\n');
    }
  }

  private static String mermaidText(String s) {
    return s.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
  }
}
