package io.triage.workerchild;

import io.triage.engine.Evaluator;
import io.triage.golden.GoldenRunner;
import io.triage.policy.RuleSetValidator;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Gets a spare worker JVM ready before its job arrives: the parsers, the Drools compiler and the
 * engine load their classes and compile their hot paths by validating a rule set the service
 * trusts (the active one, or a tiny one of our own), a few times over. The candidate that follows
 * is then checked at warm speed, and if its rules are those of the active version, compiled not
 * at all. The warm-up stops at the next step once the job's request is waiting; a failure here
 * only costs speed.
 */
final class Warmup {

    /** Most validations a warm-up runs, whatever it is asked. */
    private static final int MAX_ROUNDS = 20;
    /** Most replays a warm-up runs, whatever it is asked. */
    static final int MAX_REPLAYS = 200_000;
    /** Enough generated questionnaires to warm the evaluation up; a job checks its own number of them. */
    private static final int INVARIANT_SAMPLES = 200;

    /** Thrown from the progress callback to leave the warm-up for a job that is waiting. */
    private static final class JobWaiting extends RuntimeException {
        JobWaiting() {
            super(null, null, false, false);
        }
    }

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

    /** The worker's own small rule set, for a spare that was given none. */
    static RuleSetFiles builtIn() {
        return RuleSetFiles.of(FILES);
    }

    /**
     * @param trusted the rule set to warm up on, or null for the built-in one
     * @param rounds  validations to run (the quick compiler has little left to gain after three)
     * @return the validations that ran to their end
     */
    static int run(RuleSetCompiler compiler, RuleSetFiles trusted, int rounds, BooleanSupplier jobWaiting) {
        int done = 0;
        try {
            RuleSetFiles warmUpOn = trusted != null ? trusted : builtIn();
            RuleSetValidator validator = new RuleSetValidator(compiler, new GoldenRunner(new Evaluator()),
                    new RuleSetValidator.Options(INVARIANT_SAMPLES, RuleSetValidator.Options.DEFAULT_SEED));
            int wanted = Math.min(Math.max(rounds, 0), MAX_ROUNDS);
            for (int round = 0; round < wanted; round++) {
                // every round but the last compiles the rules anew: the compiler warms up, and the last
                // round leaves the network built for a candidate with the same rules
                RuleSetFiles files = round < wanted - 1 ? warmUpOn.withRulesRecompiled("warm-up round " + round) : warmUpOn;
                validator.validate(files, step -> {
                    if (jobWaiting.getAsBoolean()) {
                        throw new JobWaiting();
                    }
                });
                done++;
            }
        } catch (JobWaiting e) {
            // the job goes first
        } catch (RuntimeException e) {
            System.err.println("worker warm-up failed (only speed is lost): " + WorkerMain.oneLine(e));
        }
        return done;
    }
}
