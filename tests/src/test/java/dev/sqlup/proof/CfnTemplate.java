package dev.sqlup.proof;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml as plain maps and lists. CloudFormation's short-form tags become their long form
 * ({@code !Ref X} → {@code {Ref: X}}, {@code !GetAtt A.B} → {@code {Fn::GetAtt: A.B}}), so checks
 * read the template exactly as CloudFormation does.
 */
public record CfnTemplate(Map<String, Object> root) {
  private static final List<String> INTRINSICS =
      List.of(
          "Ref",
          "Condition",
          "Sub",
          "GetAtt",
          "Join",
          "If",
          "Select",
          "Split",
          "FindInMap",
          "ImportValue",
          "Equals",
          "Not",
          "And",
          "Or",
          "Base64",
          "Cidr",
          "GetAZs",
          "Transform",
          "ToJsonString",
          "Length");

  public static Path defaultPath(Path projectRoot) {
    return projectRoot.resolve("template.yaml");
  }

  @SuppressWarnings("unchecked")
  public static CfnTemplate load(Path file) {
    LoaderOptions options = new LoaderOptions();
    try (Reader in = Files.newBufferedReader(file)) {
      return new CfnTemplate((Map<String, Object>) new Yaml(new CfnConstructor(options)).load(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public Map<String, Map<String, Object>> resources() {
    return (Map<String, Map<String, Object>>) (Map<?, ?>) map(root.get("Resources"));
  }

  /** Resources of one type, by logical id. */
  public Map<String, Map<String, Object>> resourcesOfType(String type) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    resources()
        .forEach(
            (id, r) -> {
              if (type.equals(r.get("Type"))) {
                out.put(id, r);
              }
            });
    return out;
  }

  public static Map<String, Object> properties(Map<String, Object> resource) {
    return map(resource.get("Properties"));
  }

  /** The Globals.Function section (empty when absent). */
  public Map<String, Object> functionGlobals() {
    return map(map(root.get("Globals")).get("Function"));
  }

  /** The handler class named by a function ({@code pkg.Class::method} → {@code pkg.Class}). */
  public static String handlerClass(Map<String, Object> function) {
    Object handler = properties(function).get("Handler");
    if (handler == null) {
      return null;
    }
    String s = handler.toString();
    int sep = s.indexOf("::");
    return sep < 0 ? s : s.substring(0, sep);
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object o) {
    if (o instanceof List<?> l) {
      return (List<Object>) l;
    }
    return o == null ? List.of() : List.of(o);
  }

  private static final class CfnConstructor extends SafeConstructor {
    CfnConstructor(LoaderOptions options) {
      super(options);
      for (String name : INTRINSICS) {
        yamlConstructors.put(new Tag("!" + name), new Intrinsic(name));
      }
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String key;

      Intrinsic(String name) {
        this.key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode s) {
          value = constructScalar(s);
        } else if (node instanceof SequenceNode q) {
          value = constructSequence(q);
        } else {
          value = constructMapping((MappingNode) node);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
      }
    }
  }
}
