package io.triage.rules;

import io.triage.common.InputError;
import io.triage.engine.Evaluator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RuleSetCompilerTest {

    private static final RuleSetFiles SHIPPED = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
    private final RuleSetCompiler compiler = new RuleSetCompiler();

    private static final String HEADER = """
            package rules;
            import io.triage.facts.Answer;
            import io.triage.facts.Recommendation;
            """;

    private RuleSetCompiler.Result compileWith(String file, String drl) {
        return compiler.compile(SHIPPED.with(Map.of(file, drl)));
    }

    @Test
    void compilesTheShippedRulesWithAStableIdForEveryRule() {
        RuleSetCompiler.Result result = compiler.compile(SHIPPED);
        assertThat(result.errors()).isEmpty();
        assertThat(result.ruleSet().rules()).extracting(RuleInfo::id).doesNotHaveDuplicates().hasSizeGreaterThan(25)
                .contains("strategy-rag", "cost-estimate", "talk-vendor-claim");
        assertThat(result.ruleSet().version()).isEqualTo(SHIPPED.version()).startsWith("sha256:");
    }

    @Test
    void refusesAnUnknownPropertyAtItsLineBeforeCompiling() {
        RuleSetCompiler.Result result = compileWith("rules/99-broken.drl", HEADER + """
                rule "Broken"
                    @id("broken")
                when
                    Answer(question == "task_type", nonsense_property == 1)
                then
                    insert(new Recommendation("RAG"));
                end
                """);
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("rules/99-broken.drl");
            assertThat(e.code()).isEqualTo("unknown_name");
            assertThat(e.line()).isEqualTo(7);
            assertThat(e.column()).isEqualTo(37);
            assertThat(e.message()).contains("'nonsense_property'");
        });
    }

    @Test
    void reportsCompileErrorsWithFileLineAndColumn() {
        RuleSetCompiler.Result result = compileWith("rules/99-broken.drl", HEADER + """
                rule "Broken"
                    @id("broken")
                when
                    Answer(question == "task_type")
                then
                    insert(new Recommendation(42));
                end
                """);
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.file()).isEqualTo("rules/99-broken.drl");
            assertThat(e.code()).isEqualTo("compile_error");
        });
    }

    @Test
    void reportsSyntaxErrorsAtTheirLine() {
        RuleSetCompiler.Result result = compileWith("rules/99-syntax.drl", HEADER + """
                rule "Missing then"
                    @id("syntax")
                when
                    Answer(question == "task_type"
                end
                """);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("rules/99-syntax.drl");
            assertThat(e.line()).isEqualTo(8);
            assertThat(e.column()).isEqualTo(1);
            assertThat(e.message()).startsWith("mismatched input 'end'");
        });
    }

    @Test
    void requiresAStableUniqueIdOnEveryRule() {
        RuleSetCompiler.Result result = compileWith("rules/99-ids.drl", HEADER + """
                rule "No id"
                when
                    Answer(question == "task_type")
                then
                end
                rule "Reused id"
                    @id("strategy-rag")
                when
                    Answer(question == "task_type")
                then
                end
                """);
        assertThat(result.errors()).extracting(InputError::code).containsExactlyInAnyOrder("missing_rule_id", "duplicate_rule_id");
    }

    @Test
    void refusesACodeWithoutTextsInTheCatalogue() {
        RuleSetCompiler.Result result = compileWith("rules/99-code.drl", HEADER + """
                rule "Unknown code"
                    @id("unknown-code")
                when
                    Answer(question == "task_type")
                then
                    insert(new Recommendation("MAGIC_BULLET"));
                end
                """);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("unknown_code");
            assertThat(e.line()).isEqualTo(9);
            assertThat(e.message()).contains("MAGIC_BULLET");
        });
    }

    @Test
    void refusesARuleThatReadsAParameterTheFileDoesNotDefine() {
        RuleSetCompiler.Result result = compileWith("rules/99-parameter.drl", """
                package rules;
                import io.triage.facts.Answer;
                import io.triage.facts.Parameter;
                import io.triage.facts.Recommendation;
                rule "Typo in a parameter name"
                    @id("typo-parameter")
                when
                    Parameter(name == "long_prompt_token", $min : value)
                    Answer(question == "system_prompt_tokens", number >= $min)
                then
                    insert(new Recommendation("LONG_PROMPT_LATENCY"));
                end
                """);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("unknown_parameter");
            assertThat(e.file()).isEqualTo("rules/99-parameter.drl");
            assertThat(e.line()).isEqualTo(8);
            assertThat(e.message()).isEqualTo("parameter 'long_prompt_token' is not defined in rules/parameters.yaml");
        });
    }

    @Test
    void reportsAParameterWithoutAValueAtItsLine() {
        RuleSetCompiler.Result result = compiler.compile(SHIPPED.with(Map.of(RuleSetFiles.PARAMETERS,
                SHIPPED.get(RuleSetFiles.PARAMETERS).replace("    value: 1500\n", ""))));
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(RuleSetFiles.PARAMETERS);
            assertThat(e.line()).isNotNull();
            assertThat(SHIPPED.get(RuleSetFiles.PARAMETERS).lines().toList().get(e.line() - 1)).contains("name: long_prompt_tokens");
            assertThat(e.message()).isEqualTo("parameter 'long_prompt_tokens' needs a number as its 'value'");
        });
    }

    @Test
    void refusesATextThatQuotesAnUnknownPlaceholderAtItsLineAndColumn() {
        String texts = SHIPPED.get(RuleSetFiles.RECOMMENDATIONS) + """

                  - code: PILOT_FIRST
                    kind: prerequisite
                    title: "Run a pilot first"
                    rationale: "At {monthly_calls} calls a month a pilot costs {pilot_cost} and {nothing_here."
                """;
        RuleSetCompiler.Result result = compiler.compile(SHIPPED.with(Map.of(RuleSetFiles.RECOMMENDATIONS, texts)));
        int line = texts.lines().toList().size();
        assertThat(result.errors()).extracting(InputError::code).containsOnly("unknown_placeholder");
        assertThat(result.errors()).hasSize(2);
        assertThat(result.errors().get(0)).satisfies(e -> {
            assertThat(e.file()).isEqualTo(RuleSetFiles.RECOMMENDATIONS);
            assertThat(e.line()).isEqualTo(line);
            assertThat(texts.lines().toList().get(line - 1).substring(e.column() - 1)).startsWith("{pilot_cost}");
            assertThat(e.message()).isEqualTo("PILOT_FIRST rationale: placeholder {pilot_cost} names no question, parameter or cost figure");
        });
        assertThat(result.errors().get(1)).satisfies(e -> {
            assertThat(e.message()).startsWith("PILOT_FIRST rationale: '{nothing_here.' is not a placeholder");
            assertThat(texts.lines().toList().get(line - 1).substring(e.column() - 1)).startsWith("{nothing_here.");
        });
    }

    @Test
    void refusesARuleThatChoosesATextVariantTheCatalogueDoesNotHave() {
        RuleSetCompiler.Result result = compileWith("rules/99-variant.drl", HEADER + """
                rule "Unknown variant"
                    @id("unknown-variant")
                when
                    Answer(question == "task_type")
                then
                    insert(new Recommendation("RAG", "because_i_say_so"));
                end
                """);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("unknown_variant");
            assertThat(e.line()).isEqualTo(9);
            assertThat(e.message()).isEqualTo("recommendation code 'RAG' has no variant 'because_i_say_so' in rules/recommendations.yaml");
        });
    }

    @Test
    void reportsEveryMalformedDataFileTogether() {
        Map<String, String> changes = new HashMap<>();
        changes.put(RuleSetFiles.QUESTIONNAIRE, "title: x\nsections:\n  - id: s\n    title: S\n    questions:\n      - id: q\n        type: colour\n        label: Q\n");
        changes.put(RuleSetFiles.RECOMMENDATIONS, "recommendations:\n  - code: RAG\n    kind: miracle\n    title: t\n    rationale: r\n");
        RuleSetCompiler.Result result = compiler.compile(SHIPPED.with(changes));
        assertThat(result.errors()).extracting(InputError::file)
                .contains(RuleSetFiles.QUESTIONNAIRE, RuleSetFiles.RECOMMENDATIONS);
        assertThat(result.errors()).extracting(InputError::message)
                .anySatisfy(m -> assertThat(m).contains("type 'colour'"))
                .anySatisfy(m -> assertThat(m).contains("kind 'miracle'"));
    }

    @Test
    void versionDependsOnContentOnly() {
        RuleSetFiles same = RuleSetFiles.of(new HashMap<>(SHIPPED.all()));
        assertThat(same.version()).isEqualTo(SHIPPED.version());
        RuleSetFiles changed = SHIPPED.with(Map.of("test-cases/extra.yaml", "description: d\nanswers: {}\nexpect: {absent: [RAG]}\n"));
        assertThat(changed.version()).isNotEqualTo(SHIPPED.version());
        assertThat(SHIPPED.with(Map.of("test-cases/extra.yaml", "description: d\nanswers: {}\nexpect: {absent: [RAG]}\n"))
                .with(Map.of("test-cases/extra.yaml", "")).version()).isEqualTo(SHIPPED.version());
    }

    @Test
    void refusesPathsOutsideTheRuleFolders() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SHIPPED.with(Map.of("../etc/passwd", "x", "rules/sub/x.drl", "y")))
                .isInstanceOfSatisfying(io.triage.common.InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting(InputError::code).containsOnly("invalid_path"));
        assertThat(List.of(RuleSetFiles.QUESTIONNAIRE, RuleSetFiles.RECOMMENDATIONS)).allSatisfy(p -> assertThat(SHIPPED.get(p)).isNotNull());
        assertThat(RuleSetFiles.pathOf("parameters.yaml")).isEqualTo(RuleSetFiles.PARAMETERS);
        assertThat(RuleSetFiles.pathOf("invariants.yaml")).isEqualTo(RuleSetFiles.INVARIANTS);
        assertThat(RuleSetFiles.pathOf("my-case.yaml")).isEqualTo("test-cases/my-case.yaml");
    }

    @Test
    void aVersionWithTheSameRulesSharesTheirNetworkButKeepsItsOwnTextsAndSessions() {
        RuleSet first = compiler.compileOrThrow(SHIPPED);
        RuleSet textEdit = compiler.compileOrThrow(SHIPPED.with(Map.of(RuleSetFiles.RECOMMENDATIONS,
                SHIPPED.get(RuleSetFiles.RECOMMENDATIONS).replace("title: \"Use a well-prompted frontier model\"",
                        "title: \"Start from a frontier model, well prompted\""))));
        RuleSet ruleEdit = compiler.compileOrThrow(SHIPPED.with(Map.of("rules/20-strategies.drl",
                SHIPPED.get("rules/20-strategies.drl") + "\n// only a comment changed\n")));

        assertThat(network(textEdit)).as("same rules: not compiled again").isSameAs(network(first));
        assertThat(network(ruleEdit)).as("a rule file changed: compiled anew").isNotSameAs(network(first));
        assertThat(textEdit.kieBase()).isNotSameAs(first.kieBase());

        Evaluator evaluator = new Evaluator();
        String answers = "{\"task_type\": \"policy_analysis\"}";
        assertThat(title(evaluator.evaluate(textEdit, answers(textEdit, answers)), "FRONTIER_MODEL"))
                .isEqualTo("Start from a frontier model, well prompted");
        assertThat(title(evaluator.evaluate(first, answers(first, answers)), "FRONTIER_MODEL"))
                .isEqualTo("Use a well-prompted frontier model");
        assertThat(first.sessions().idleCount()).isEqualTo(1);
        assertThat(textEdit.sessions().idleCount()).as("each version pools its own sessions").isEqualTo(1);
    }

    @Test
    void warmingUpTheCompilerDoesNotPushTheActiveRulesOutOfThoseKeptForReuse() {
        RuleSet active = compiler.compileOrThrow(SHIPPED);
        RuleSetCompiler warmUp = RuleSetCompiler.forWarmUp();
        for (int round = 0; round < 6; round++) {
            warmUp.compileOrThrow(SHIPPED.withRulesRecompiled("warm-up round " + round));
        }
        RuleSet textEdit = compiler.compileOrThrow(SHIPPED.with(Map.of(RuleSetFiles.RECOMMENDATIONS,
                SHIPPED.get(RuleSetFiles.RECOMMENDATIONS).replace("title: \"Use a well-prompted frontier model\"",
                        "title: \"Frontier, prompted well\""))));
        assertThat(network(textEdit)).isSameAs(network(active));
    }

    @Test
    void aClassTheApplicationLacksIsLookedUpOnceAndAClassItHasIsTheApplicationsOwn() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        ClassLoader application = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                asked.incrementAndGet();
                return super.loadClass(name, resolve);
            }
        };
        LookupCachingClassLoader loader = new LookupCachingClassLoader(application);
        for (int i = 0; i < 3; i++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.loadClass("rules.NoSuchFact"))
                    .isInstanceOf(ClassNotFoundException.class);
        }
        assertThat(asked.get()).as("a miss searches the application once").isEqualTo(1);
        assertThat(loader.loadClass("io.triage.facts.Answer")).isSameAs(io.triage.facts.Answer.class);
        assertThat(loader.getResource("rules/no-such-file.class")).isNull();
        assertThat(loader.getResource("io/triage/facts/Answer.class")).isNotNull();
    }

    private static Object network(RuleSet ruleSet) {
        return ((org.drools.kiesession.rulebase.SessionsAwareKnowledgeBase) ruleSet.kieBase()).getDelegate();
    }

    private static io.triage.questionnaire.EffectiveAnswers answers(RuleSet ruleSet, String json) {
        return io.triage.questionnaire.AnswerValidator.validate(ruleSet.questionnaire(), io.triage.json.CanonicalJson.parse(json));
    }

    private static String title(io.triage.engine.Evaluation evaluation, String code) {
        return evaluation.recommendations().stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow().title();
    }
}
