package io.triage.common;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where things are in a YAML file a policy owner edits, so that a finding about its content (an
 * unknown placeholder, a question no rule reads) can name the line and column. The file has
 * already been read strictly by {@link StrictYaml}; this only looks up positions, and an
 * unreadable file simply has none.
 */
public final class YamlPositions {

    /** One {@code key: value} of a mapping, in source order; {@code value} is null unless a scalar. */
    public record Entry(String key, int keyStart, String value, int valueStart, int valueEnd) {
    }

    private final String source;
    private final List<Entry> entries;

    private YamlPositions(String source, List<Entry> entries) {
        this.source = source;
        this.entries = entries;
    }

    public static YamlPositions of(String source) {
        List<Entry> entries = new ArrayList<>();
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new StringReader(source));
            if (root != null) {
                collect(root, entries);
            }
        } catch (RuntimeException e) {
            entries.clear();
        }
        entries.sort(java.util.Comparator.comparingInt(Entry::keyStart));
        return new YamlPositions(source, List.copyOf(entries));
    }

    private static void collect(Node node, List<Entry> into) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    Node value = tuple.getValueNode();
                    String text = value instanceof ScalarNode s ? s.getValue() : null;
                    into.add(new Entry(key.getValue(), key.getStartMark().getIndex(), text,
                            value.getStartMark().getIndex(), value.getEndMark().getIndex()));
                }
                collect(tuple.getValueNode(), into);
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(child -> collect(child, into));
        }
    }

    /** The first {@code key: value} with exactly this scalar value. */
    public Optional<Entry> find(String key, String value) {
        return entries.stream().filter(e -> e.key().equals(key) && value.equals(e.value())).findFirst();
    }

    /** The first entry with this key that starts after a position and before another (exclusive). */
    public Optional<Entry> findBetween(int from, int to, String key) {
        return entries.stream().filter(e -> e.keyStart() > from && e.keyStart() < to && e.key().equals(key)).findFirst();
    }

    /** Where the next entry with this key starts after a position, or the end of the file. */
    public int nextStart(int from, String key) {
        return entries.stream().filter(e -> e.keyStart() > from && e.key().equals(key)).mapToInt(Entry::keyStart)
                .findFirst().orElse(source.length());
    }

    /**
     * Where a piece of text first occurs inside an entry's value as written in the file (quotes and
     * line folds included), or where the value starts if it is not found verbatim.
     */
    public int offsetInValue(Entry entry, String text) {
        int end = Math.min(entry.valueEnd(), source.length());
        int at = source.substring(entry.valueStart(), end).indexOf(text);
        return at < 0 ? entry.valueStart() : entry.valueStart() + at;
    }

    /** Line and column, both from 1, of a character offset. */
    public int[] lineAndColumn(int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    /** An error or warning located at a character offset of this file. */
    public InputError at(String file, int offset, String code, String message) {
        int[] at = lineAndColumn(offset);
        return InputError.file(file, at[0], at[1], code, message);
    }
}
