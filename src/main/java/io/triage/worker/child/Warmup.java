package io.triage.worker.child;

import io.triage.engine.Evaluator;
import io.triage.golden.GoldenCases;
import io.triage.golden.GoldenRunner;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import io.triage.schema.DataFileSchemas;

import java.util.Map;

/**
 * Gets a fresh worker JVM ready before its job arrives: the parsers, the Drools compiler and the
 * engine load their classes and compile their hot paths on a tiny rule set of our own, so the
 * candidate that follows is checked and compiled at warm speed. A failure here only costs speed.
 */
final class Warmup {

    private static final Map<String, String> FILES = Map.of(
            "rules/questionnaire.yaml", """
                    title: "warm-up"
                    sections:
                      - id: only
                        title: "Only"
                        questions:
                          - id: flag
                            type: yes_no
                            label: "A flag"
                          - id: count
                            type: number
                            label: "A count"
                            min: 0
                            max: 100
                            default: 3
                    """,
            "rules/recommendations.yaml", """
                    recommendations:
                      - code: WARM
                        kind: strategy
                        title: "Warm"
                        rationale: "Warm-up only."
                    """,
            "rules/10-warmup.drl", """
                    package rules;
                    import io.triage.facts.Answer;
                    import io.triage.facts.Term;
                    import io.triage.facts.Recommendation;

                    rule "Flag"
                        @id("flag")
                        salience 10
                    when
                        Answer(question == "flag", yes)
                        Answer(question == "count", $n : number >= 1)
                    then
                        double twice = Math.max($n, 1) * 2;
                        if (twice > 1) {
                            insert(new Term("flagged"));
                        }
                    end

                    rule "Warm"
                        @id("warm")
                    when
                        Term(name == "flagged")
                        not Recommendation(code == "WARM")
                    then
                        insert(new Recommendation("WARM"));
                    end
                    """,
            "test-cases/warm.yaml", """
                    description: warm-up
                    answers: { flag: true }
                    expect:
                      present: [WARM]
                    """);

    private Warmup() {
    }

    static void run() {
        try {
            RuleSetFiles files = RuleSetFiles.of(FILES);
            DataFileSchemas.check(files);
            RuleSet ruleSet = new RuleSetCompiler().compileOrThrow(files);
            GoldenRunner runner = new GoldenRunner(new Evaluator());
            for (int i = 0; i < 50; i++) {
                runner.run(ruleSet, GoldenCases.load(files));
            }
        } catch (RuntimeException e) {
            System.err.println("worker warm-up failed (only speed is lost): " + WorkerMain.oneLine(e));
        }
    }
}
