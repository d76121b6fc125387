package io.triage.engine;

import io.triage.json.CanonicalJson;
import io.triage.questionnaire.AnswerValidator;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions stored before policy v2 must still replay byte for byte on the rule set that made them.
 * src/test/resources/v1-ruleset holds that rule set's rules/ as shipped, and the evaluation
 * (recommendations, cost, trace as canonical JSON) the code of that time gave for some golden
 * cases' answers; today's engine must give exactly the same bytes.
 */
class V1DecisionsReplayTest {

    private static final Path FIXTURE = Path.of("src/test/resources/v1-ruleset");

    @TestFactory
    Stream<DynamicTest> v1DecisionsEvaluateToTheSameBytes(@TempDir Path noCases) throws IOException {
        RuleSet v1 = new RuleSetCompiler().compileOrThrow(RuleSetFiles.load(FIXTURE.resolve("rules"), noCases));
        return Files.readAllLines(FIXTURE.resolve("decisions.tsv"), StandardCharsets.UTF_8).stream().map(line -> {
            String[] parts = line.split("\t", 3);
            return DynamicTest.dynamicTest(parts[0], () -> {
                Evaluation evaluation = new Evaluator().evaluate(v1,
                        AnswerValidator.validate(v1.questionnaire(), CanonicalJson.parse(parts[1])));
                assertThat(new String(EvaluationJson.canonical(evaluation), StandardCharsets.UTF_8)).isEqualTo(parts[2]);
            });
        });
    }
}
