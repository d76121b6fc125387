package io.triage.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.json.CanonicalJson;
import io.triage.json.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The complete source of one rule-set version: every file under {@code rules/} (DRL, questionnaire,
 * recommendation texts, policy parameters, invariants, term labels) and {@code test-cases/} (golden cases), keyed by path. The version is the
 * SHA-256 of the canonical JSON of this sorted map, so identical content always has one version and
 * any past version can be rebuilt from what is stored.
 */
public final class RuleSetFiles {

    public static final String RULES = "rules/";
    public static final String TEST_CASES = "test-cases/";
    public static final String QUESTIONNAIRE = RULES + "questionnaire.yaml";
    public static final String RECOMMENDATIONS = RULES + "recommendations.yaml";
    public static final String PARAMETERS = RULES + "parameters.yaml";
    public static final String INVARIANTS = RULES + "invariants.yaml";
    public static final String TERMS = RULES + "terms.yaml";
    /** The data files rules/ may hold next to the .drl files. */
    public static final List<String> RULE_DATA = List.of(QUESTIONNAIRE, RECOMMENDATIONS, PARAMETERS, INVARIANTS, TERMS);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    // INVARIANT: sorted by path, contents never null or empty.
    private final SortedMap<String, String> files;
    private final String version;

    private RuleSetFiles(SortedMap<String, String> files) {
        this.files = Collections.unmodifiableSortedMap(files);
        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        files.forEach(canonical::put);
        this.version = Sha256.of(CanonicalJson.bytes(canonical));
    }

    /** Builds a file set, refusing paths outside the two folders or with unexpected names. */
    public static RuleSetFiles of(Map<String, String> files) {
        List<InputError> errors = new ArrayList<>();
        SortedMap<String, String> sorted = new TreeMap<>();
        files.forEach((path, content) -> {
            String problem = pathProblem(path);
            if (problem != null) {
                errors.add(InputError.file(path, "invalid_path", problem));
            } else if (content == null || content.isEmpty()) {
                errors.add(InputError.file(path, "empty_file", "the file is empty"));
            } else {
                sorted.put(path, content);
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid rule-set files", errors);
        }
        return new RuleSetFiles(sorted);
    }

    /** Reads {@code rules/} and {@code test-cases/} (flat folders) from disk. */
    public static RuleSetFiles load(Path rulesDir, Path testCasesDir) {
        SortedMap<String, String> files = new TreeMap<>();
        readFolder(rulesDir, RULES, files);
        readFolder(testCasesDir, TEST_CASES, files);
        return of(files);
    }

    /**
     * The full path of a file a person names: names with a folder stay as they are; bare names go
     * where their kind lives ({@code x.drl}, {@code questionnaire.yaml}, {@code recommendations.yaml},
     * {@code parameters.yaml}, {@code invariants.yaml} and {@code terms.yaml} in rules/, any other {@code .yaml} in test-cases/).
     */
    public static String pathOf(String name) {
        if (name.startsWith(RULES) || name.startsWith(TEST_CASES) || name.contains("/")) {
            return name;
        }
        if (name.endsWith(".drl") || RULE_DATA.contains(RULES + name)) {
            return RULES + name;
        }
        return name.endsWith(".yaml") ? TEST_CASES + name : name;
    }

    /**
     * The same rules under another version: a comment appended to the first rule file. What warms a
     * compiler up, since a version whose rules were compiled lately is not compiled again.
     */
    public RuleSetFiles withRulesRecompiled(String comment) {
        String first = drlFiles().isEmpty() ? null : drlFiles().firstKey();
        return first == null ? this : with(Map.of(first, get(first) + "\n// " + comment.replace('\n', ' ') + "\n"));
    }

    /**
     * A new file set: this one with the given files added or replaced; a file given with empty
     * content is removed.
     */
    public RuleSetFiles with(Map<String, String> changes) {
        SortedMap<String, String> next = new TreeMap<>(files);
        List<InputError> errors = new ArrayList<>();
        changes.forEach((path, content) -> {
            String problem = pathProblem(path);
            if (problem != null) {
                errors.add(InputError.file(path, "invalid_path", problem));
            } else if (content == null || content.isEmpty()) {
                if (next.remove(path) == null) {
                    errors.add(InputError.file(path, "no_such_file", "cannot remove a file that does not exist"));
                }
            } else {
                next.put(path, content);
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid rule-set files", errors);
        }
        return of(next);
    }

    public String version() {
        return version;
    }

    public SortedMap<String, String> all() {
        return files;
    }

    public String get(String path) {
        return files.get(path);
    }

    public SortedMap<String, String> drlFiles() {
        return select(RULES, ".drl");
    }

    public SortedMap<String, String> testCaseFiles() {
        return select(TEST_CASES, ".yaml");
    }

    private SortedMap<String, String> select(String folder, String suffix) {
        SortedMap<String, String> selected = new TreeMap<>();
        files.forEach((path, content) -> {
            if (path.startsWith(folder) && path.endsWith(suffix)) {
                selected.put(path, content);
            }
        });
        return selected;
    }

    static String pathProblem(String path) {
        if (path == null) {
            return "a file needs a name";
        }
        String folder = path.startsWith(RULES) ? RULES : path.startsWith(TEST_CASES) ? TEST_CASES : null;
        if (folder == null) {
            return "'" + path + "' must be under rules/ or test-cases/";
        }
        String name = path.substring(folder.length());
        if (!NAME.matcher(name).matches()) {
            return "'" + name + "' is not a plain file name (letters, digits, '.', '_', '-'; no folders)";
        }
        if (folder.equals(TEST_CASES) && !name.endsWith(".yaml")) {
            return "golden cases are .yaml files";
        }
        if (folder.equals(RULES) && !name.endsWith(".drl") && !RULE_DATA.contains(path)) {
            return "rules/ holds .drl files, questionnaire.yaml, recommendations.yaml, parameters.yaml, invariants.yaml and terms.yaml only";
        }
        return null;
    }

    private static void readFolder(Path dir, String prefix, SortedMap<String, String> into) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("missing folder", List.of(InputError.file(prefix, "missing_folder",
                    "folder '" + dir.toAbsolutePath().normalize() + "' does not exist")));
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path file : entries.sorted().toList()) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && !name.startsWith(".") && !name.endsWith("~")) {
                    into.put(prefix + name, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }
}
