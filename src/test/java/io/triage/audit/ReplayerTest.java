package io.triage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.decision.DecisionRecord;
import io.triage.engine.Evaluator;
import io.triage.golden.GoldenCases;
import io.triage.json.CanonicalJson;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Replay of a stored record on the shipped rules with real Drools: it reads only the answers and
 * the header of the stored bytes, and must still tell a matching record from a changed one.
 */
class ReplayerTest {

    private static final RuleSetFiles FILES = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
    private static final RuleSet RULES = new RuleSetCompiler().compileOrThrow(FILES);
    private final Replayer replayer = new Replayer(new Evaluator());

    @Test
    void everyGoldenCaseStoredReplaysToTheSameBytesWithTheStoredCodes() {
        List<String> cases = new ArrayList<>();
        GoldenCases.load(FILES).forEach(c -> {
            byte[] stored = record(c.answers());
            Replayer.Outcome outcome = replayer.replay(stored, RULES);
            assertThat(outcome.matches()).as(c.name()).isTrue();
            assertThat(outcome.differences()).isEmpty();
            assertThat(outcome.codes()).as(c.name()).isEqualTo(Replayer.codes(parse(stored)));
            cases.add(c.name());
        });
        assertThat(cases).hasSizeGreaterThan(10);
    }

    @Test
    void answersLeftToTheirDefaultsAreNotTakenAsGivenOnReplay() {
        ObjectNode given = firstCaseAnswers();
        byte[] stored = record(given);
        ReplayInput input = ReplayInput.read(stored);
        assertThat(parse(stored).path("defaultsApplied")).isNotEmpty();
        assertThat(input.givenAnswers()).isEqualTo(given);
        assertThat(input.id()).isEqualTo("d-1");
        assertThat(input.createdAt()).isEqualTo("2026-11-29T12:00:00Z");
        assertThat(input.submittedBy()).isEqualTo("presales-1");
        assertThat(input.rulesetVersion()).isEqualTo(RULES.version());
        assertThat(input.questionnaireVersion()).isNotBlank();
    }

    @Test
    void aChangedTextInTheStoredRecordIsADifferenceButChangesNoCode() {
        byte[] stored = record(firstCaseAnswers());
        ObjectNode tampered = (ObjectNode) parse(stored);
        ((ObjectNode) tampered.path("recommendations").get(0)).put("title", "something else");
        Replayer.Outcome outcome = replayer.replay(CanonicalJson.bytes(tampered), RULES);
        assertThat(outcome.matches()).isFalse();
        assertThat(outcome.differences()).anySatisfy(d -> assertThat(d.path("path").asText()).startsWith("recommendations"));
        assertThat(outcome.codesAdded()).isEmpty();
        assertThat(outcome.codesRemoved()).isEmpty();
    }

    @Test
    void aStoredCodeTheRulesDoNotConcludeIsReportedRemoved() {
        byte[] stored = record(firstCaseAnswers());
        ObjectNode tampered = (ObjectNode) parse(stored);
        ObjectNode extra = ((ObjectNode) tampered.path("recommendations").get(0)).deepCopy().put("code", "NOT_A_RULE_CODE");
        tampered.withArray("recommendations").add(extra);
        Replayer.Outcome outcome = replayer.replay(CanonicalJson.bytes(tampered), RULES);
        assertThat(outcome.matches()).isFalse();
        assertThat(outcome.codesRemoved()).containsExactly("NOT_A_RULE_CODE");
    }

    @Test
    void aRecordWithTheSameContentButNotInCanonicalFormDoesNotMatch() {
        String stored = new String(record(firstCaseAnswers()), StandardCharsets.UTF_8);
        Replayer.Outcome outcome = replayer.replay(("{ " + stored.substring(1)).getBytes(StandardCharsets.UTF_8), RULES);
        assertThat(outcome.matches()).isFalse();
        assertThat(outcome.differences()).singleElement()
                .satisfies(d -> assertThat(d.path("problem").asText()).contains("not in canonical form"));
    }

    @Test
    void bytesThatAreNotARecordAreRefusedWithAReason() {
        assertThatThrownBy(() -> replayer.replay("[1,2]".getBytes(StandardCharsets.UTF_8), RULES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> replayer.replay("{\"answers\":[]}".getBytes(StandardCharsets.UTF_8), RULES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no answers object");
        assertThatThrownBy(() -> replayer.replay("{\"answers\":{\"a\":".getBytes(StandardCharsets.UTF_8), RULES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    }

    private static ObjectNode firstCaseAnswers() {
        // a case that leaves at least one question to its default, so defaultsApplied is not empty
        return GoldenCases.load(FILES).stream().map(c -> (ObjectNode) c.answers())
                .filter(a -> !AnswerValidator.validate(RULES.questionnaire(), a).defaultsAppliedJson().isEmpty())
                .findFirst().orElseThrow();
    }

    private static byte[] record(JsonNode given) {
        EffectiveAnswers answers = AnswerValidator.validate(RULES.questionnaire(), given);
        return DecisionRecord.canonical("d-1", Instant.parse("2026-11-29T12:00:00Z"), "presales-1", RULES.version(),
                answers, new Evaluator().evaluate(RULES, answers)).bytes();
    }

    private static JsonNode parse(byte[] bytes) {
        return CanonicalJson.parse(new String(bytes, StandardCharsets.UTF_8));
    }
}
