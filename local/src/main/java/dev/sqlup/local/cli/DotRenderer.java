package dev.sqlup.local.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes an {@link AslGraph} as Graphviz DOT: Parallel/Map groups as clusters, Catch edges dashed
 * red, an execution's path filled and drawn thick. Apart from the graph so that each output format
 * is one class and the graph only knows states and edges.
 */
final class DotRenderer {
  private DotRenderer() {}

  static String render(AslGraph graph) {
    StringBuilder out = new StringBuilder("digraph StateMachine {\n");
    out.append(
        "  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=11, style=filled, fillcolor=white];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    out.append(
        "  asl_start [label=\"Start\", shape=circle, fillcolor=black, fontcolor=white, width=0.4];\n");
    out.append(
        "  asl_end [label=\"End\", shape=doublecircle, fillcolor=black, fontcolor=white, width=0.3];\n");
    renderGroup(graph, out, null, "  ");
    for (AslGraph.Edge e : graph.edges()) {
      out.append("  ").append(e.from()).append(" -> ").append(dotEnd(graph, e.to())).append(" [");
      List<String> attrs = new ArrayList<>();
      if (e.label() != null) {
        attrs.add("label=\"" + dotText(e.label()) + "\"");
      }
      if (e.kind().equals("catch")) {
        attrs.add("style=dashed");
        attrs.add("color=\"#c62828\"");
      }
      if (graph.taken(e)) {
        attrs.add("color=\"#2e7d32\"");
        attrs.add("penwidth=2.5");
      }
      out.append(String.join(", ", attrs)).append("];\n");
    }
    out.append("}\n");
    return out.toString();
  }

  private static String dotEnd(AslGraph graph, String id) {
    // edges to a Parallel/Map state attach to its group's start marker
    if (!graph.groupsIn(id).isEmpty()) {
      return graph.groupsIn(id).get(0).id() + "_start";
    }
    return id;
  }

  private static void renderGroup(AslGraph graph, StringBuilder out, String group, String indent) {
    for (AslGraph.Node n : graph.nodesIn(group)) {
      List<AslGraph.Group> inner = graph.groupsIn(n.id());
      if (!inner.isEmpty()) {
        out.append(indent).append("subgraph cluster_").append(n.id()).append(" {\n");
        out.append(indent)
            .append("  label=\"")
            .append(dotText(n.name()))
            .append(" (")
            .append(n.type())
            .append(")\";\n");
        out.append(indent).append("  style=rounded;\n");
        if (graph.visited().contains(n.id())) {
          out.append(indent).append("  color=\"#2e7d32\";\n");
        }
        out.append(indent).append("  ").append(n.id()).append(" [shape=point, width=0.05];\n");
        for (AslGraph.Group g : inner) {
          out.append(indent).append("  subgraph cluster_").append(g.id()).append(" {\n");
          out.append(indent).append("    label=\"").append(g.label()).append("\"; style=dashed;\n");
          out.append(indent).append("    ").append(g.id()).append("_start [shape=point];\n");
          out.append(indent).append("    ").append(g.id()).append("_end [shape=point];\n");
          renderGroup(graph, out, g.id(), indent + "    ");
          out.append(indent).append("  }\n");
        }
        out.append(indent).append("}\n");
        continue;
      }
      String shape =
          switch (n.type()) {
            case "Choice" -> "diamond";
            case "Succeed", "Fail" -> "oval";
            case "Wait" -> "parallelogram";
            default -> "box";
          };
      String fill =
          graph.failed().contains(n.id())
              ? "#ffcdd2"
              : graph.visited().contains(n.id()) ? "#c8e6c9" : "white";
      out.append(indent)
          .append(n.id())
          .append(" [label=\"")
          .append(dotText(n.name()))
          .append("\\n")
          .append(n.type())
          .append("\", shape=")
          .append(shape)
          .append(", style=\"filled,rounded\", fillcolor=\"")
          .append(fill)
          .append("\"];\n");
    }
  }

  private static String dotText(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
