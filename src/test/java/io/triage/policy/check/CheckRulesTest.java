package io.triage.policy.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.json.CanonicalJson;
import io.triage.worker.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline check a policy team runs in its own CI: the shipped folders pass (exit 0); a rule
 * that does not compile and one that reaches outside the fact model fail (exit 1) with their
 * file:line:column, the rule code having run only in the confined worker.
 */
class CheckRulesTest {

    private final Worker worker = new Worker("256m", Duration.ofSeconds(120), Duration.ofSeconds(120), false);

    @TempDir
    Path copy;
    Path rules;
    Path cases;

    @BeforeEach
    void copyTheShippedFolders() throws IOException {
        rules = copyFolder(Path.of("rules"), copy.resolve("rules"));
        cases = copyFolder(Path.of("test-cases"), copy.resolve("test-cases"));
    }

    @Test
    void theShippedRulesPass() {
        Run run = check(false);
        assertThat(run.status).isZero();
        assertThat(run.output.strip()).matches("PASSED: \\d+ golden cases pass, (\\d+) of \\1 rules covered, \\d+ invariants hold, 0 warnings \\(sha256:[0-9a-f]{64}\\)");
    }

    @Test
    void aRuleThatDoesNotCompileFailsWithItsFileLineAndColumn() throws IOException {
        Files.writeString(rules.resolve("60-broken.drl"), """
                package rules;
                import io.triage.facts.Answer;

                rule "Broken on purpose"
                    @id("broken-on-purpose") @source("Triage tests")
                when
                    Answer(question == "task_type" text == "extraction")
                then
                end
                """);
        Run run = check(false);
        assertThat(run.status).isEqualTo(1);
        assertThat(run.output).containsPattern("(?m)^rules/60-broken\\.drl:7:\\d+: error: ");
        assertThat(run.output.strip()).endsWith(")").contains("FAILED: ").contains("golden cases not run");
    }

    @Test
    void anUnsafeRuleFailsWithItsFileAndLineAndNeverRuns() throws IOException {
        Files.copy(Path.of("src/test/resources/attacks/exit-through-system.drl"), rules.resolve("60-hostile.drl"));
        Run run = check(false);
        assertThat(run.status).isEqualTo(1);
        assertThat(run.output).containsPattern("(?m)^rules/60-hostile\\.drl:10:\\d+: error: 'System' is not available to rules");
    }

    @Test
    void aFailingGoldenCaseAndASchemaErrorAreNamedAndJsonCarriesTheWholeReport() throws IOException {
        Files.writeString(cases.resolve("wrong-expectation.yaml"), """
                description: Policy knowledge is not a retrieval problem (wrong on purpose)
                answers: { must_know_org_content: true }
                expect:
                  absent: [RAG]
                """);
        Run text = check(false);
        assertThat(text.status).isEqualTo(1);
        assertThat(text.output).contains("test-cases/wrong-expectation.yaml: error: golden case 'wrong-expectation': expected RAG not to be recommended");
        assertThat(text.output).containsPattern("FAILED: 1 of \\d+ golden cases fail");

        Run json = check(true);
        assertThat(json.status).isEqualTo(1);
        JsonNode report = CanonicalJson.MAPPER.readTree(json.output);
        assertThat(report.path("passed").asBoolean()).isFalse();
        assertThat(report.path("cases").path("failed").asInt()).isEqualTo(1);

        Files.writeString(cases.resolve("wrong-expectation.yaml"), """
                description: A typo in a key
                answers: { must_know_org_content: true }
                expect:
                  presnet: [RAG]
                """);
        Run schema = check(false);
        assertThat(schema.status).isEqualTo(1);
        assertThat(schema.output).contains("test-cases/wrong-expectation.yaml:4:3: error: expect: unknown key 'presnet'");
    }

    @Test
    void aMissingFolderFails() {
        Run run = new Run(copy.resolve("nowhere"), cases, false, worker);
        assertThat(run.status).isEqualTo(1);
        assertThat(run.output).contains("does not exist").contains("FAILED");
    }

    private Run check(boolean json) {
        return new Run(rules, cases, json, worker);
    }

    private static final class Run {
        final int status;
        final String output;

        Run(Path rules, Path cases, boolean json, Worker worker) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            status = CheckRules.run(rules, cases, json, new PrintStream(bytes, true, StandardCharsets.UTF_8), worker);
            output = bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static Path copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
