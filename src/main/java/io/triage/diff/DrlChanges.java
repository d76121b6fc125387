package io.triage.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which rules of a DRL file were added, removed or changed, by their {@code @id} (by name when a
 * rule has none). Read from the text by the shape every rule has ({@code rule "..."} to its
 * {@code end}), not by compiling it: the service never parses or runs a rule set it has not
 * validated, and describing a change needs no more.
 */
public final class DrlChanges {

    private static final Pattern RULE_START = Pattern.compile("(?m)^\\s*rule\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern RULE_END = Pattern.compile("(?m)^\\s*end\\s*$");
    private static final Pattern ID = Pattern.compile("@id\\(\\s*\"([^\"]*)\"\\s*\\)");

    private DrlChanges() {
    }

    /** One line per rule that differs: {@code rule strategy-rag changed}. */
    public static List<String> between(String before, String after) {
        Map<String, String> a = rules(before);
        Map<String, String> b = rules(after);
        Set<String> ids = new LinkedHashSet<>(a.keySet());
        ids.addAll(b.keySet());
        List<String> changes = new ArrayList<>();
        for (String id : ids) {
            String was = a.get(id);
            String now = b.get(id);
            if (was == null) {
                changes.add("rule " + id + " added");
            } else if (now == null) {
                changes.add("rule " + id + " removed");
            } else if (!normalized(was).equals(normalized(now))) {
                changes.add("rule " + id + " changed");
            }
        }
        return changes;
    }

    /** Rule id (or quoted name) to its text, in file order. */
    static Map<String, String> rules(String drl) {
        Map<String, String> rules = new LinkedHashMap<>();
        if (drl == null) {
            return rules;
        }
        Matcher start = RULE_START.matcher(drl);
        int from = 0;
        while (start.find(from)) {
            Matcher end = RULE_END.matcher(drl);
            int stop = end.find(start.end()) ? end.end() : drl.length();
            String text = drl.substring(start.start(), stop);
            Matcher id = ID.matcher(text);
            rules.putIfAbsent(id.find() ? id.group(1) : "\"" + start.group(1) + "\"", text);
            from = stop;
        }
        return rules;
    }

    private static String normalized(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
