package dev.faultline.scenario;

import java.io.StringReader;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * What a scenario or lesson file must be before its fields are read: YAML whose every key appears
 * once in its mapping (last-wins would silently drop a first {@code faults:} block), without
 * anchors, aliases or tags (a scenario is short enough to write out, and an alias or a tag hides
 * what a field holds), nested at most {@value #MAX_DEPTH} deep.
 */
final class StrictYaml {

    static final int MAX_DEPTH = 40;
    /** A quote opens a quoted scalar only where a scalar may start: a line's start, after a key, an item or a bracket. */
    private static final String SCALAR_STARTS_AFTER = "\n:-[{,?";

    private StrictYaml() {
    }

    /** @throws ScenarioException at the line and column of the first thing refused */
    static void check(Path file, String yaml) {
        requireShallowFlow(file, yaml);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setMaxAliasesForCollections(0);
        Yaml parser = new Yaml(new SafeConstructor(options));
        try {
            for (Event event : parser.parse(new StringReader(yaml))) {
                if (event instanceof AliasEvent || event instanceof NodeEvent node && node.getAnchor() != null) {
                    throw refused(file, event.getStartMark(),
                            "anchors and aliases (&name, *name, <<:) are not supported; write each value out");
                }
                if (event instanceof ScalarEvent scalar && scalar.getTag() != null
                        || event instanceof CollectionStartEvent collection && collection.getTag() != null) {
                    throw refused(file, event.getStartMark(), "tags (!!type, !name) are not supported; write plain values");
                }
            }
            // only building the plain values finds duplicate keys; the values are then dropped
            parser.load(new StringReader(yaml));
        } catch (DuplicateKeyException e) {
            throw refused(file, e.getProblemMark(), "the key " + duplicateKey(e.getProblem())
                    + " appears twice in one mapping; each key may appear once");
        } catch (MarkedYAMLException e) {
            throw refused(file, e.getProblemMark(), "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ScenarioException(file, 0, 0, "not valid YAML: " + e.getMessage());
        }
    }

    /**
     * Refuses flow collections ({@code [}, <code>{</code>) nested more than {@value #MAX_DEPTH} deep before SnakeYAML
     * sees them: its scanner keeps a possible key per open bracket and walks them all at every token, so a hundred
     * thousand brackets took it 20 s, long before its own depth limit could apply. Brackets in quotes and comments
     * are text, not nesting.
     */
    private static void requireShallowFlow(Path file, String yaml) {
        int depth = 0;
        int line = 1;
        int column = 0;
        char quote = 0;
        char previous = '\n';
        boolean comment = false;
        for (int i = 0; i < yaml.length(); i++) {
            char c = yaml.charAt(i);
            column++;
            if (c == '\n') {
                line++;
                column = 0;
                comment = false;
            } else if (comment) {
                continue;
            } else if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                    column++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if ((c == '"' || c == '\'') && SCALAR_STARTS_AFTER.indexOf(previous) >= 0) {
                quote = c;
            } else if (c == '#' && (previous == '\n' || Character.isWhitespace(yaml.charAt(i - 1)))) {
                comment = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_DEPTH) {
                    throw new ScenarioException(file, line, column, "nested more than " + MAX_DEPTH
                            + " deep; a scenario or lesson needs a few levels");
                }
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            if (!Character.isWhitespace(c) || c == '\n') {
                previous = c;
            }
        }
    }

    private static String duplicateKey(String problem) {
        String prefix = "found duplicate key ";
        return problem != null && problem.startsWith(prefix) ? "'" + problem.substring(prefix.length()) + "'" : "";
    }

    private static ScenarioException refused(Path file, Mark mark, String problem) {
        return mark == null ? new ScenarioException(file, 0, 0, problem)
                : new ScenarioException(file, mark.getLine() + 1, mark.getColumn() + 1, problem);
    }
}
