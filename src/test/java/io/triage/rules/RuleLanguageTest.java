package io.triage.rules;

import io.triage.common.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule files are code written by someone who must not reach anything but facts. Each file under
 * {@code src/test/resources/attacks/} is one attack, written the way an insider holding the
 * policy-owner role would try it; the line marked {@code //<} is where it must be refused, before
 * anything is compiled.
 */
class RuleLanguageTest {

    private static final RuleSetFiles SHIPPED = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
    private static final Path ATTACKS = Path.of("src/test/resources/attacks");
    private static final Set<String> REFUSALS = Set.of("not_in_rule_language", "syntax_error", "unknown_code", "unknown_name");

    record Attack(String name, String drl, int line) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Attack> attacks() throws IOException {
        try (Stream<Path> files = Files.list(ATTACKS)) {
            return files.filter(p -> p.toString().endsWith(".drl")).sorted().map(RuleLanguageTest::attack).toList().stream();
        }
    }

    private static Attack attack(Path file) {
        try {
            String drl = Files.readString(file, StandardCharsets.UTF_8);
            List<String> lines = drl.lines().toList();
            int marked = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("//<")) {
                    marked = i + 1;
                }
            }
            String name = file.getFileName().toString();
            return new Attack(name.substring(0, name.length() - 4), drl, marked);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void thereAreAtLeastFortyAttacks() throws IOException {
        assertThat(attacks().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void isRefusedAtItsLineBeforeAnythingCompiles(Attack attack) throws IOException {
        Path sentinel = Path.of("/tmp/triage-pwned-metadata");
        Files.deleteIfExists(sentinel);
        String path = "rules/99-" + attack.name() + ".drl";

        RuleSetCompiler.Result result = new RuleSetCompiler().compile(SHIPPED.with(Map.of(path, attack.drl())));

        assertThat(result.ok()).as("compiled").isFalse();
        assertThat(result.errors()).as("refusals come from the rule-language check, not the compiler")
                .allSatisfy(e -> assertThat(e.code()).isIn(REFUSALS));
        assertThat(result.errors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo(path);
            assertThat(e.line()).isEqualTo(attack.line());
            assertThat(e.column()).isNotNull();
        });
        assertThat(result.errors()).allSatisfy(e -> assertThat(e.message()).hasSizeLessThanOrEqualTo(240));
        assertThat(sentinel).doesNotExist();
    }

    @Test
    void shippedRulesAreInsideTheLanguage() {
        RuleSetCompiler.Result result = new RuleSetCompiler().compile(SHIPPED);
        assertThat(result.errors()).isEmpty();
        assertThat(result.ok()).isTrue();
    }

    @Test
    void everythingTheLanguageAllowsCompiles() {
        String allowed = """
                package rules;
                import io.triage.facts.*;
                import java.util.List;

                // System, Thread and Runtime are only words in a comment
                rule "Everything allowed"
                    @id("everything-allowed")
                    @source("Cost Structure")
                    salience -5
                    no-loop
                when
                    $calls : Answer(question == "monthly_calls", $n : number > 10 * 2, text == null || number != 3)
                    Answer(question == "task_type", text in ("classification", "extraction"), text not in ("novel_scenarios"))
                    not Term(name == "never")
                    exists Answer(question == "task_type")
                    forall(Answer(question == "monthly_calls", $m : number) Answer(question == "monthly_calls", number == $m))
                    $count : Number(intValue >= 1) from accumulate(Answer(), count(1))
                    $total : Number() from accumulate(Answer(question == "monthly_calls", $v : number), sum($v))
                    $terms : List(size >= 0) from collect(Term())
                then
                    String note = \"""
                        System.exit(1) in a text block is only text
                        \""";
                    double perMonth = Math.max($n, 1.0) * 2 / 3.0;
                    long rounded = Math.round(perMonth);
                    final boolean many = $count.intValue() > 1 && !note.isEmpty();
                    Double maybe = perMonth > 5 ? Double.valueOf(perMonth) : null;
                    perMonth += 1;
                    if (many || $calls.getNumber() > 100 && $total.doubleValue() >= 0) {
                        insert(new Term("many_calls"));
                    } else if (rounded < 0) {
                        insert(new Recommendation("PROMPTING", "no_volume"));
                    } else {
                        Term t = new Term("few_calls");
                        insert(t);
                    }
                end
                """;
        RuleSetCompiler.Result result = new RuleSetCompiler().compile(SHIPPED.with(Map.of("rules/99-allowed.drl", allowed)));
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void positionsPointAtTheOriginalTextWhenEscapesWereTranslated() {
        String drl = "package rules;\nimport io.triage.facts.Answer;\nrule \"x\"\n    @id(\"x\")\nwhen\n    Answer()\nthen\n"
                + "    String a = \"\\u0041\\u0042\"; System.exit(1);\nend\n";
        List<InputError> errors = new RuleSetCompiler().compile(SHIPPED.with(Map.of("rules/99-x.drl", drl))).errors();
        // column of 'System' in the file as written (the escapes take 12 characters there, 2 after translation)
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.line()).isEqualTo(8);
            assertThat(e.column()).isEqualTo(drl.lines().toList().get(7).indexOf("System") + 1);
        });
    }
}
