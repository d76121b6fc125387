package io.triage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A copy of rules/ and test-cases/ with the test questionnaire's date questions added
 * ({@code src/test/resources/date-question/}): its sections appended to the questionnaire, a rule
 * that reads one of them, that rule's texts and a golden case that fires it. The shipped questionnaire has no date question.
 */
public final class DateQuestionRules {

    public static final Path SOURCE = Path.of("src", "test", "resources", "date-question");

    private DateQuestionRules() {
    }

    /** The test questionnaire on its own. */
    public static String questionnaire() {
        return read(SOURCE.resolve("questionnaire.yaml"));
    }

    /** The files of a rule set that differ from the shipped ones, by path, as an upload names them. */
    public static Map<String, String> changedFiles() {
        String test = questionnaire();
        String sections = test.substring(test.indexOf("\nsections:\n") + "\nsections:\n".length());
        Map<String, String> files = new LinkedHashMap<>();
        files.put("rules/questionnaire.yaml", read(Path.of("rules", "questionnaire.yaml")) + "\n" + sections);
        files.put("rules/recommendations.yaml", read(Path.of("rules", "recommendations.yaml")) + read(SOURCE.resolve("recommendations.yaml")));
        files.put("rules/70-go-live.drl", read(SOURCE.resolve("70-go-live.drl")));
        files.put("test-cases/pilot-before-go-live.yaml", read(SOURCE.resolve("pilot-before-go-live.yaml")));
        return files;
    }

    /** Writes {@code root/rules} and {@code root/test-cases}: the shipped ones plus the date questions. */
    public static void copyInto(Path root) {
        DiskCopyProfile.copy(Path.of("rules"), root.resolve("rules"));
        DiskCopyProfile.copy(Path.of("test-cases"), root.resolve("test-cases"));
        changedFiles().forEach((path, content) -> write(root.resolve(path), content));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
