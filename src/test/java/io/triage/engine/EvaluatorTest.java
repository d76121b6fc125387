package io.triage.engine;

import io.triage.testing.ShippedRules;
import io.triage.json.CanonicalJson;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import io.triage.rules.SessionPool;
import org.kie.api.runtime.KieSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvaluatorTest {

    private static RuleSetFiles shipped;
    private static RuleSet ruleSet;
    private final Evaluator evaluator = new Evaluator();

    @BeforeAll
    static void compile() {
        shipped = ShippedRules.files();
        ruleSet = ShippedRules.compiled();
    }

    private EffectiveAnswers answers(RuleSet rs, String json) {
        return AnswerValidator.validate(rs.questionnaire(), CanonicalJson.parse(json));
    }

    private String evaluateToJson(RuleSet rs, String json) {
        return new String(EvaluationJson.canonical(evaluator.evaluate(rs, answers(rs, json))), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void reusedSessionsCarryNothingOverFromEarlierDecisions() {
        String lora = "{\"task_type\": \"classification\", \"format_consistency_critical\": true, \"monthly_calls\": 1000000}";
        String policy = "{\"task_type\": \"policy_analysis\", \"must_know_org_content\": true, \"data_classification\": \"classified\","
                + " \"says_train_own_model\": true}";
        String first = evaluateToJson(ruleSet, lora);
        for (int i = 0; i < 20; i++) {
            evaluateToJson(ruleSet, policy);
            assertThat(evaluateToJson(ruleSet, lora)).isEqualTo(first);
        }
    }

    @Test
    void evidenceFollowsIntermediateFactsBackToTheAnswers() {
        Evaluation evaluation = evaluator.evaluate(ruleSet, answers(ruleSet,
                "{\"task_type\": \"extraction\", \"optimization_goal\": \"inference_cost\", \"monthly_calls\": 2000000}"));
        RecommendationResult lora = evaluation.recommendations().stream().filter(r -> r.code().equals("FINE_TUNE_LORA")).findFirst().orElseThrow();
        assertThat(lora.evidence()).filteredOn(e -> !e.isParameter()).extracting(Evidence::question).containsExactly(
                "optimization_goal", "task_type", "monthly_calls", "system_prompt_tokens", "price_per_million_input_tokens",
                "fine_tune_training_cost", "fine_tune_cost_reduction_percent", "payback_horizon_months");
        // the cost estimate compares the volume with the high-volume threshold: the parameter comes last
        assertThat(lora.evidence()).last().isEqualTo(
                Evidence.ofParameter("high_volume_calls_per_month", new java.math.BigDecimal("100000")));
        assertThat(lora.evidence()).filteredOn(Evidence::defaulted).extracting(Evidence::question)
                .containsExactly("system_prompt_tokens", "price_per_million_input_tokens", "fine_tune_training_cost",
                        "fine_tune_cost_reduction_percent", "payback_horizon_months");
    }

    private static final String LOOP = """
            package rules;
            import io.triage.facts.Answer;
            import io.triage.facts.Term;

            rule "Loops forever"
                @id("loops-forever")
            when
                Answer(question == "expects_learning_from_feedback", yes)
                Term(name == "loop")
            then
                insert(new Term("loop"));
            end

            rule "Starts the loop"
                @id("starts-the-loop")
            when
                Answer(question == "expects_learning_from_feedback", yes)
            then
                insert(new Term("loop"));
            end
            """;

    /** A version compiled with a pool of one idle session, so any reuse of a session shows. */
    private static RuleSet withPoolOfOne(Map<String, String> extra) {
        return new RuleSetCompiler(RuleSetCompiler.class.getClassLoader(), 1).compileOrThrow(shipped.with(extra));
    }

    @Test
    void aParameterThatDecidedARecommendationIsInItsEvidenceAndTrace() {
        Evaluation evaluation = evaluator.evaluate(ruleSet, answers(ruleSet,
                "{\"interaction_mode\": \"interactive\", \"system_prompt_tokens\": 1500}"));
        RecommendationResult latency = evaluation.recommendations().stream()
                .filter(r -> r.code().equals("LONG_PROMPT_LATENCY")).findFirst().orElseThrow();
        assertThat(latency.evidence()).containsExactly(
                Evidence.ofAnswer("system_prompt_tokens", new java.math.BigDecimal("1500"), false),
                Evidence.ofAnswer("interaction_mode", "interactive", false),
                Evidence.ofParameter("long_prompt_tokens", new java.math.BigDecimal("1500")));
        assertThat(latency.rationale()).contains("from around 1,500 tokens the delay becomes measurable, and this prompt has 1,500");
        String json = new String(EvaluationJson.canonical(evaluation), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("{\"parameter\":\"long_prompt_tokens\",\"value\":1500}")
                .contains("{\"fact\":\"Parameter\",\"name\":\"long_prompt_tokens\",\"value\":1500}");
    }

    @Test
    void textsQuoteTheParametersOfTheirOwnVersion() {
        RuleSet lowered = new RuleSetCompiler().compileOrThrow(shipped.with(Map.of(RuleSetFiles.PARAMETERS,
                shipped.get(RuleSetFiles.PARAMETERS).replace("value: 1500", "value: 1200"))));
        RecommendationResult latency = evaluator.evaluate(lowered, answers(lowered,
                "{\"interaction_mode\": \"mixed\", \"system_prompt_tokens\": 1300}")).recommendations().get(0);
        assertThat(latency.code()).isEqualTo("LONG_PROMPT_LATENCY");
        assertThat(latency.rationale()).contains("from around 1,200 tokens").contains("this prompt has 1,300");
        assertThat(evaluator.evaluate(ruleSet, answers(ruleSet, "{\"interaction_mode\": \"mixed\", \"system_prompt_tokens\": 1300}"))
                .recommendations()).isEmpty();
    }

    @Test
    void aFiringRecordsTheFactsItMatchedAndNotDroolsOwnPlaceholder() {
        // a rule that starts with 'not' is matched on Drools' own initial fact, which is no answer
        RuleSet withAbsence = withPoolOfOne(Map.of("rules/99-absence.drl", """
                package rules;
                import io.triage.facts.Answer;
                import io.triage.facts.Term;

                rule "Notices an absence"
                    @id("notices-absence")
                when
                    not Answer(question == "no_such_question")
                then
                    insert(new Term("nothing_missing"));
                end

                rule "Builds on it"
                    @id("builds-on-it")
                when
                    $t : Term(name == "nothing_missing")
                    $a : Answer(question == "training_examples")
                then
                    insert(new Term("built_on_it"));
                end
                """));
        Evaluation evaluation = evaluator.evaluate(withAbsence, answers(withAbsence, "{\"training_examples\": 5}"));
        TraceEntry absence = evaluation.trace().stream().filter(t -> t.rule().equals("notices-absence")).findFirst().orElseThrow();
        assertThat(absence.matched()).isEmpty();
        assertThat(absence.produced()).hasSize(1);
        TraceEntry built = evaluation.trace().stream().filter(t -> t.rule().equals("builds-on-it")).findFirst().orElseThrow();
        assertThat(built.matched()).hasSize(2);
        assertThat(built.matched().get(0)).isSameAs(absence.produced().get(0));
        assertThat(built.matched().get(1)).isInstanceOfSatisfying(io.triage.facts.Answer.class,
                a -> assertThat(a.getQuestion()).isEqualTo("training_examples"));
    }

    @Test
    void aRuleThatKeepsTriggeringItselfIsStoppedAndTheNextDecisionIsUnaffected() {
        RuleSet looping = withPoolOfOne(Map.of("rules/99-loop.drl", LOOP));
        assertThatThrownBy(() -> evaluator.evaluate(looping, answers(looping, "{\"expects_learning_from_feedback\": true}")))
                .isInstanceOf(OverBudgetException.class)
                .hasMessageContaining("'loops-forever'");
        assertThat(evaluator.evaluate(looping, answers(looping, "{\"must_know_org_content\": true}")).recommendations())
                .extracting(RecommendationResult::code).containsExactly("RAG", "TT_RAG_FOR_POLICIES");
    }

    @Test
    void aSessionThatRanCleanlyIsReusedAndOneThatWentOverBudgetIsNever() {
        RuleSet looping = withPoolOfOne(Map.of("rules/99-loop.drl", LOOP));
        SessionPool pool = looping.sessions();
        evaluator.evaluate(looping, answers(looping, "{\"must_know_org_content\": true}"));
        KieSession clean = pool.take();
        pool.giveBack(clean);
        evaluator.evaluate(looping, answers(looping, "{\"must_know_org_content\": true}"));
        assertThat(pool.take()).as("a clean session goes back to the pool").isSameAs(clean);
        pool.giveBack(clean);

        assertThatThrownBy(() -> evaluator.evaluate(looping, answers(looping, "{\"expects_learning_from_feedback\": true}")))
                .isInstanceOf(OverBudgetException.class);
        assertThat(pool.idleCount()).as("the halted session was not given back").isZero();
        assertThat(pool.take()).isNotSameAs(clean);
    }

    @Test
    void aRuleThatFloodsTheSessionIsStoppedInsideItsAction() {
        StringBuilder inserts = new StringBuilder();
        for (int i = 0; i < 55; i++) {
            inserts.append("    insert(new Term(\"flood\"));\n");
        }
        RuleSet flooding = withPoolOfOne(Map.of("rules/99-flood.drl", """
                package rules;
                import io.triage.facts.Answer;
                import io.triage.facts.Term;

                rule "Floods"
                    @id("floods")
                when
                    Answer(question == "training_examples", $n : number)
                then
                """ + inserts + "end\n"));
        Evaluator small = new Evaluator(new EvaluationBudget(1_000, 50, Duration.ofSeconds(1)));
        assertThatThrownBy(() -> small.evaluate(flooding, answers(flooding, "{\"training_examples\": 5}")))
                .isInstanceOf(OverBudgetException.class)
                .hasMessageContaining("more than 50 facts").hasMessageContaining("'floods'");
        assertThat(flooding.sessions().idleCount()).isZero();
    }

    @Test
    void anEvaluationPastItsFiringsIsHaltedNamingTheRuleAboutToFire() {
        Evaluator frugal = new Evaluator(new EvaluationBudget(3, 500, Duration.ofSeconds(1)));
        assertThatThrownBy(() -> frugal.evaluate(ruleSet, answers(ruleSet,
                "{\"task_type\": \"policy_analysis\", \"must_know_org_content\": true, \"monthly_calls\": 1000}")))
                .isInstanceOf(OverBudgetException.class)
                .hasMessageContaining("fired more than 3 times");
    }

    @Test
    void anEvaluationPastItsTimeIsHalted() {
        Evaluator hurried = new Evaluator(new EvaluationBudget(1_000, 500, Duration.ofNanos(1)));
        assertThatThrownBy(() -> hurried.evaluate(ruleSet, answers(ruleSet, "{\"must_know_org_content\": true}")))
                .isInstanceOf(OverBudgetException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void aRuleThatKeepsFiringIsHaltedByItsProcessorTime() {
        // the firing and fact budgets are out of reach, so only the clock can stop this rule
        RuleSet spinning = withPoolOfOne(Map.of("rules/99-spin.drl", """
                package rules;
                import io.triage.facts.Answer;
                import io.triage.facts.Term;

                rule "Starts counting"
                    @id("starts")
                when
                    Answer(question == "training_examples")
                then
                    insert(new Term("count", 0.0));
                end

                rule "Counts for ever"
                    @id("counts")
                when
                    Term(name == "count", $n : value)
                then
                    insert(new Term("count", $n + 1));
                end
                """));
        Evaluator patient = new Evaluator(new EvaluationBudget(100_000_000, 100_000_000, Duration.ofMillis(30)));
        assertThatThrownBy(() -> patient.evaluate(spinning, answers(spinning, "{\"training_examples\": 5}")))
                .isInstanceOf(OverBudgetException.class)
                .hasMessageContaining("longer than 30 ms of processor time");
        assertThat(spinning.sessions().idleCount()).isZero();
    }

    private static final String COMPUTES_A_CODE = """
            package rules;
            import io.triage.facts.Answer;
            import io.triage.facts.Recommendation;

            rule "Computes a code"
                @id("computes-a-code")
            when
                Answer(question == "task_type", $code : text)
            then
                insert(new Recommendation($code.toUpperCase()));
            end
            """;

    private static final String COMPUTED_CODE_REFUSED =
            "rule 'computes-a-code' concluded code 'EXTRACTION', which has no texts in recommendations.yaml";

    @Test
    void aCodeOutsideTheCatalogueIsRefusedByTheEvaluationAndByTheCodesAlone() {
        RuleSet computed = withPoolOfOne(Map.of("rules/99-computed.drl", COMPUTES_A_CODE));
        EffectiveAnswers extraction = answers(computed, "{\"task_type\": \"extraction\"}");
        assertThatThrownBy(() -> evaluator.evaluate(computed, extraction))
                .isInstanceOf(EvaluationException.class).hasMessage(COMPUTED_CODE_REFUSED);
        assertThatThrownBy(() -> evaluator.outcome(computed, extraction))
                .isInstanceOf(EvaluationException.class).hasMessage(COMPUTED_CODE_REFUSED);
        assertThat(computed.sessions().idleCount()).as("a session that concluded an unlisted code is not reused").isZero();
    }

    @Test
    void anUnlistedCodeIsRefusedAheadOfAnUnknownTextVariantConcludedBeforeIt() {
        RuleSet computed = withPoolOfOne(Map.of("rules/99-computed.drl", COMPUTES_A_CODE, "rules/99-computed-variant.drl", """
                package rules;
                import io.triage.facts.Answer;
                import io.triage.facts.Recommendation;

                rule "Computes a variant"
                    @id("computes-a-variant")
                    salience 10
                when
                    Answer(question == "task_type", $variant : text)
                then
                    insert(new Recommendation("RAG", $variant));
                end
                """));
        EffectiveAnswers extraction = answers(computed, "{\"task_type\": \"extraction\"}");
        assertThatThrownBy(() -> evaluator.evaluate(computed, extraction))
                .isInstanceOf(EvaluationException.class).hasMessage(COMPUTED_CODE_REFUSED);
        assertThatThrownBy(() -> evaluator.outcome(computed, extraction))
                .isInstanceOf(EvaluationException.class).hasMessage(COMPUTED_CODE_REFUSED);
    }

    @Test
    void aTermNamedOutsideLowerSnakeCaseIsRefusedWhenItIsDrawn() {
        RuleSet computed = withPoolOfOne(Map.of("rules/99-computed-term.drl", """
                package rules;
                import io.triage.facts.Answer;
                import io.triage.facts.Term;

                rule "Computes a term"
                    @id("computes-a-term")
                when
                    Answer(question == "task_type", $name : text)
                then
                    insert(new Term($name.toUpperCase()));
                end
                """));
        assertThatThrownBy(() -> evaluator.evaluate(computed, answers(computed, "{\"task_type\": \"extraction\"}")))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("term named 'EXTRACTION'").hasMessageContaining("'computes-a-term'");
        assertThat(computed.sessions().idleCount()).isZero();
    }

    @Test
    void termNamesAreLowerSnakeCaseOfAtMost64Characters() {
        assertThat(TraceListener.isTermName("high_volume")).isTrue();
        assertThat(TraceListener.isTermName("a" + "_9".repeat(31) + "z")).isTrue();
        for (String bad : new String[]{"", "_leading", "9lives", "High_volume", "high-volume", "high volume",
                "hïgh", "high_volume\n", "a".repeat(65)}) {
            assertThat(TraceListener.isTermName(bad)).as(bad).isFalse();
        }
    }

    @Test
    void aRuleThatThrowsFailsTheEvaluationWithItsMessage() {
        RuleSet failing = withPoolOfOne(Map.of("rules/99-fail.drl", """
                package rules;
                import io.triage.facts.Answer;

                rule "Divides by zero"
                    @id("divides-by-zero")
                when
                    Answer(question == "training_examples", $n : number)
                then
                    int broken = 1 / ((int) $n);
                end
                """));
        assertThatThrownBy(() -> evaluator.evaluate(failing, answers(failing, "{\"training_examples\": 0}")))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("a rule failed");
        assertThat(failing.sessions().idleCount()).as("a failed session is not reused").isZero();
    }
}
