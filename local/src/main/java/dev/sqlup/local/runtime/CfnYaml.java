package dev.sqlup.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads CloudFormation YAML into Jackson JSON, turning the short-form intrinsic tags ({@code !Ref},
 * {@code !GetAtt}, {@code !Sub}, ...) into their long form ({@code {"Ref": ...}}, {@code
 * {"Fn::GetAtt": [..]}}, ...), as CloudFormation does before it reads the template.
 */
public final class CfnYaml {
  /** Short tag name → long-form key. {@code !GetAtt} is special-cased for its {@code A.B} form. */
  private static final Map<String, String> TAGS =
      Map.ofEntries(
          Map.entry("Ref", "Ref"),
          Map.entry("Condition", "Condition"),
          Map.entry("GetAtt", "Fn::GetAtt"),
          Map.entry("Sub", "Fn::Sub"),
          Map.entry("Join", "Fn::Join"),
          Map.entry("Select", "Fn::Select"),
          Map.entry("If", "Fn::If"),
          Map.entry("Equals", "Fn::Equals"),
          Map.entry("Not", "Fn::Not"),
          Map.entry("And", "Fn::And"),
          Map.entry("Or", "Fn::Or"),
          Map.entry("FindInMap", "Fn::FindInMap"),
          Map.entry("ImportValue", "Fn::ImportValue"),
          Map.entry("Split", "Fn::Split"),
          Map.entry("Base64", "Fn::Base64"),
          Map.entry("GetAZs", "Fn::GetAZs"),
          Map.entry("Cidr", "Fn::Cidr"),
          Map.entry("Transform", "Fn::Transform"),
          Map.entry("Length", "Fn::Length"),
          Map.entry("ToJsonString", "Fn::ToJsonString"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private CfnYaml() {}

  /**
   * Parses YAML text into long-form JSON.
   *
   * @param source names the text in error messages (a file path)
   * @throws TemplateException when the text is not YAML or uses an unknown tag
   */
  public static JsonNode parse(String yaml, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Yaml parser =
        new Yaml(
            new IntrinsicConstructor(options),
            new Representer(new DumperOptions()),
            new DumperOptions(),
            options,
            new NoTimestampResolver());
    Object tree;
    try {
      tree = parser.load(yaml);
    } catch (MarkedYAMLException e) {
      String where =
          e.getProblemMark() == null
              ? ""
              : " at line "
                  + (e.getProblemMark().getLine() + 1)
                  + ", column "
                  + (e.getProblemMark().getColumn() + 1);
      throw new TemplateException(
          source
              + " is not valid YAML"
              + where
              + ": "
              + e.getProblem()
              + " (fix the file and run again)",
          e);
    } catch (YAMLException e) {
      throw new TemplateException(
          source
              + " is not valid YAML: "
              + e.getMessage().lines().findFirst().orElse("")
              + " (fix the file and run again)",
          e);
    }
    return JSON.valueToTree(tree);
  }

  /** Keeps dates such as {@code 2010-09-09} as strings: CloudFormation has no timestamp type. */
  private static final class NoTimestampResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }

  private static final class IntrinsicConstructor extends SafeConstructor {
    IntrinsicConstructor(LoaderOptions options) {
      super(options);
      for (Map.Entry<String, String> tag : TAGS.entrySet()) {
        yamlConstructors.put(
            new Tag("!" + tag.getKey()), new LongForm(tag.getKey(), tag.getValue()));
      }
    }

    private final class LongForm extends AbstractConstruct {
      private final String shortName;
      private final String key;

      LongForm(String shortName, String key) {
        this.shortName = shortName;
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode scalar) {
          value = constructScalar(scalar);
          if (shortName.equals("GetAtt")) {
            String text = (String) value;
            int dot = text.indexOf('.');
            if (dot < 1) {
              throw new YAMLException("!GetAtt " + text + " must be LogicalId.Attribute");
            }
            value = List.of(text.substring(0, dot), text.substring(dot + 1));
          }
        } else if (node instanceof SequenceNode sequence) {
          value = new ArrayList<>(constructSequence(sequence));
        } else {
          value = new LinkedHashMap<>(constructMapping((MappingNode) node));
        }
        Map<String, Object> longForm = new LinkedHashMap<>();
        longForm.put(key, value);
        return longForm;
      }
    }
  }
}
