package io.triage.rules;

import io.triage.common.InputError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A DRL consequence is Java that runs inside the service: hostile rule files are refused before compiling. */
class DrlSafetyCheckTest {

    private static final RuleSetFiles SHIPPED = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));

    record Hostile(String name, String drl, int line, String mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static String rule(String imports, String when, String then) {
        return "package rules;\nimport io.triage.facts.Answer;\n" + imports
                + "rule \"hostile\"\n    @id(\"hostile\")\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    static Stream<Hostile> hostileFiles() {
        String answer = "Answer(question == \"task_type\")";
        return Stream.of(
                new Hostile("exits the process", rule("", answer, "System.exit(1);"), 8, "'System'"),
                new Hostile("runs a command", rule("", answer, "Runtime.getRuntime().exec(\"rm -rf /\");"), 8, "'Runtime'"),
                new Hostile("starts a process", rule("", answer, "new ProcessBuilder(\"sh\").start();"), 8, "'ProcessBuilder'"),
                new Hostile("starts a thread", rule("", answer, "new Thread(() -> {}).start();"), 8, "'Thread'"),
                new Hostile("imports java.io", rule("import java.io.File;\n", answer, "new File(\"/etc/passwd\").delete();"), 3, "java.io.File"),
                new Hostile("names java.nio", rule("", answer, "java.nio.file.Files.delete(null);"), 8, "java.nio.file.Files"),
                new Hostile("opens a socket", rule("", answer, "new java.net.Socket(\"evil\", 80);"), 8, "java.net.Socket"),
                new Hostile("uses reflection", rule("", answer, "\"x\".getClass().getMethods();"), 8, "'getClass'"),
                new Hostile("loads a class", rule("", answer, "Class.forName(\"x\");"), 8, "'Class'"),
                new Hostile("imports reflection", rule("import java.lang.reflect.Method;\n", answer, "int x = 1;"), 3, "java.lang.reflect.Method"),
                new Hostile("hides a name in unicode", rule("", answer, "\\u0053ystem.exit(1);"), 8, "unicode"),
                new Hostile("declares a global", rule("global java.util.List sink;\n", answer, "int x = 1;"), 3, "globals"),
                new Hostile("imports a concurrent executor", rule("import java.util.concurrent.Executors;\n", answer, "int x = 1;"), 3,
                        "java.util.concurrent.Executors"),
                new Hostile("reaches the engine", rule("", answer, "kcontext.getKieRuntime().getKieBase();"), 8, "'getKieRuntime'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void isRefusedBeforeCompilingWithFileAndLine(Hostile hostile) {
        RuleSetCompiler.Result result = new RuleSetCompiler().compile(SHIPPED.with(Map.of("rules/99-hostile.drl", hostile.drl())));
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).isNotEmpty().allSatisfy(e -> assertThat(e.code()).isEqualTo("unsafe_code"));
        assertThat(result.errors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("rules/99-hostile.drl");
            assertThat(e.line()).isEqualTo(hostile.line());
            assertThat(e.column()).isNotNull();
            assertThat(e.message()).contains(hostile.mentions());
        });
    }

    @Test
    void wordsInsideStringsAndCommentsAreNotCode() {
        String benign = """
                package rules;
                import io.triage.facts.Answer;
                import io.triage.facts.Recommendation;
                import java.util.List;
                // System and Thread are fine in a comment
                rule "Runtime of a System, in a name"
                    @id("benign")
                when
                    Answer(question == "task_type", text == "Thread")
                then
                    List<String> words = List.of("System.exit", "java.io.File");
                end
                """;
        assertThat(DrlSafetyCheck.check("rules/99-benign.drl", benign)).isEmpty();
    }

    @Test
    void theShippedRulesAreSafe() {
        List<InputError> errors = DrlSafetyCheck.check(SHIPPED.drlFiles());
        assertThat(errors).isEmpty();
    }
}
