package dev.faultline.scenario;

import com.fasterxml.jackson.databind.JsonMappingException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.List;
import java.util.OptionalInt;

/**
 * Finds the line a Jackson error path points at. Jackson's own location is where its parser
 * stopped, which for records (built after all their fields are read) is past the object; the YAML
 * node tree knows where each key and item starts.
 */
final class YamlLines {

    private YamlLines() {
    }

    /** The 1-based line of the last key or item on {@code path} that exists in {@code yaml}. */
    static OptionalInt lineOf(String yaml, List<JsonMappingException.Reference> path) {
        Node node;
        try {
            node = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (RuntimeException notYaml) {
            return OptionalInt.empty();
        }
        int line = -1;
        for (JsonMappingException.Reference step : path) {
            Node next = null;
            if (step.getFieldName() != null && node instanceof MappingNode map) {
                for (NodeTuple tuple : map.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(step.getFieldName())) {
                        line = key.getStartMark().getLine();
                        next = tuple.getValueNode();
                    }
                }
            } else if (step.getIndex() >= 0 && node instanceof SequenceNode seq && step.getIndex() < seq.getValue().size()) {
                next = seq.getValue().get(step.getIndex());
                line = next.getStartMark().getLine();
            }
            if (next == null) {
                break;
            }
            node = next;
        }
        return line < 0 ? OptionalInt.empty() : OptionalInt.of(line + 1);
    }
}
