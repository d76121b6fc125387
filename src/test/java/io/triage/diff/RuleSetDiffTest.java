package io.triage.diff;

import io.triage.rules.RuleSetFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Comparing two versions: unified hunks per file, and the changes said in words for any data file. */
class RuleSetDiffTest {

    @Test
    void aChangedLineIsOneRemovedAndOneAddedLineWithThreeLinesOfContext() {
        List<String> before = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        List<String> after = List.of("a", "b", "c", "d", "E", "f", "g", "h", "i");
        List<LineDiff.Hunk> hunks = LineDiff.hunks(before, after);
        assertThat(LineDiff.unified("a/x", "b/x", hunks)).isEqualTo("""
                --- a/x
                +++ b/x
                @@ -2,7 +2,8 @@
                 b
                 c
                 d
                -e
                +E
                 f
                 g
                 h
                +i
                """);
    }

    @Test
    void changesFarApartAreSeparateHunksAndTheSameTextHasNone() {
        List<String> before = new java.util.ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            before.add("line " + i);
        }
        List<String> after = new java.util.ArrayList<>(before);
        after.set(1, "changed 2");
        after.set(25, "changed 26");
        assertThat(LineDiff.hunks(before, after)).extracting(LineDiff.Hunk::header)
                .containsExactly("@@ -1,5 +1,5 @@", "@@ -23,7 +23,7 @@");
        assertThat(LineDiff.hunks(before, before)).isEmpty();
    }

    @Test
    void aParameterValueChangeIsSaidInWordsByItsName() {
        String before = """
                # thresholds
                parameters:
                  - name: high_volume_calls_per_month
                    value: 100000
                    unit: calls per month
                  - name: long_prompt_tokens
                    value: 1500
                """;
        String after = before.replace("value: 100000", "value: 50000") + """
                  - name: min_training_examples
                    value: 1000
                """;
        List<YamlChanges.Change> changes = YamlChanges.between(before, after).orElseThrow();
        assertThat(changes).extracting(YamlChanges.Change::text).containsExactly(
                "high_volume_calls_per_month › value: 100000 → 50000",
                "min_training_examples added");
        assertThat(changes.get(0).path()).isEqualTo("parameters[high_volume_calls_per_month].value");
    }

    @Test
    void aRuleSetDiffNamesTheFilesRulesAndQuestionsThatChanged() throws Exception {
        RuleSetFiles shipped = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
        String cautions = Files.readString(Path.of("rules/40-cautions.drl"));
        String questionnaire = Files.readString(Path.of("rules/questionnaire.yaml"));
        RuleSetFiles changed = shipped.with(Map.of(
                "rules/40-cautions.drl", cautions.replace("number >= $long)", "number >= $long + 0)"),
                "rules/questionnaire.yaml", questionnaire.replaceFirst("max: 10000000000", "max: 5000000000"),
                "test-cases/new-case.yaml", "description: new\nanswers: {}\nexpect:\n  absent: [RAG]\n",
                "test-cases/no-lora-at-low-volume.yaml", ""));
        RuleSetDiff diff = RuleSetDiff.of(shipped, changed);
        assertThat(diff.version()).isEqualTo(changed.version());
        assertThat(diff.against()).isEqualTo(shipped.version());
        assertThat(diff.files()).extracting(RuleSetDiff.FileDiff::path, RuleSetDiff.FileDiff::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("rules/40-cautions.drl", "changed"),
                org.assertj.core.groups.Tuple.tuple("rules/questionnaire.yaml", "changed"),
                org.assertj.core.groups.Tuple.tuple("test-cases/new-case.yaml", "added"),
                org.assertj.core.groups.Tuple.tuple("test-cases/no-lora-at-low-volume.yaml", "removed"));
        RuleSetDiff.FileDiff drl = diff.files().get(0);
        assertThat(drl.changes()).containsExactly("40-cautions.drl: rule caution-long-prompt-latency changed");
        assertThat(drl.unified()).contains("-    Answer(question == \"system_prompt_tokens\", number >= $long)")
                .contains("+    Answer(question == \"system_prompt_tokens\", number >= $long + 0)");
        assertThat(drl.linesAdded()).isEqualTo(1);
        assertThat(drl.linesRemoved()).isEqualTo(1);
        assertThat(diff.files().get(1).changes()).singleElement().asString().startsWith("questionnaire.yaml: ").contains("› max: ");
        assertThat(diff.files().get(2).changes()).containsExactly("new-case.yaml added");
        assertThat(diff.files().get(3).changes()).containsExactly("no-lora-at-low-volume.yaml removed");
    }
}
