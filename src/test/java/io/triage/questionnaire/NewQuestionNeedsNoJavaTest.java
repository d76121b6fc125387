package io.triage.questionnaire;

import io.triage.engine.Evaluation;
import io.triage.engine.Evaluator;
import io.triage.json.CanonicalJson;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A policy owner adds a question, a rule and its texts under rules/; no Java changes. */
class NewQuestionNeedsNoJavaTest {

    @Test
    void aQuestionAddedToTheDataDrivesANewRecommendation(@TempDir Path copy) throws IOException {
        Path rules = copy.resolve("rules");
        Path cases = copy.resolve("test-cases");
        copyFolder(Path.of("rules"), rules);
        copyFolder(Path.of("test-cases"), cases);

        Files.writeString(rules.resolve("questionnaire.yaml"), Files.readString(rules.resolve("questionnaire.yaml")) + """

                  - id: procurement
                    title: "Procurement"
                    questions:
                      - id: budget_approved
                        type: yes_no
                        label: "Is the budget for the deployment approved?"
                        help: "Without an approved budget, start with a small pilot."
                """);
        Files.writeString(rules.resolve("recommendations.yaml"), Files.readString(rules.resolve("recommendations.yaml")) + """

                  - code: PILOT_FIRST
                    kind: prerequisite
                    title: "Run a small pilot first"
                    rationale: "Without an approved budget, a pilot shows value before money is committed."
                """);
        Files.writeString(rules.resolve("60-procurement.drl"), """
                package rules;
                import io.triage.facts.Answer;
                import io.triage.facts.Recommendation;

                rule "Pilot before the budget is approved"
                    @id("prerequisite-pilot-first") @source("Triage tests")
                when
                    Answer(question == "budget_approved", no)
                then
                    insert(new Recommendation("PILOT_FIRST"));
                end
                """);

        RuleSet ruleSet = new RuleSetCompiler().compileOrThrow(RuleSetFiles.load(rules, cases));
        assertThat(ruleSet.questionnaire().question("budget_approved")).isPresent();

        EffectiveAnswers answers = AnswerValidator.validate(ruleSet.questionnaire(),
                CanonicalJson.parse("{\"budget_approved\": false}"));
        Evaluation evaluation = new Evaluator().evaluate(ruleSet, answers);

        assertThat(evaluation.recommendations()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("PILOT_FIRST");
            assertThat(r.rule()).isEqualTo("prerequisite-pilot-first");
            assertThat(r.evidence()).extracting(e -> e.question()).containsExactly("budget_approved");
        });
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
