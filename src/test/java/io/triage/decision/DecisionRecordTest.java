package io.triage.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.engine.Evaluator;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.json.CanonicalJson;
import io.triage.json.Sha256;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionRecordTest {

    @Test
    void recordsAreCanonicalAndSplicingInTheHashesKeepsThemSoForEveryGoldenCase() {
        RuleSetFiles files = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
        RuleSet ruleSet = new RuleSetCompiler().compileOrThrow(files);
        Evaluator evaluator = new Evaluator();
        for (GoldenCase golden : GoldenCases.load(files)) {
            EffectiveAnswers answers = AnswerValidator.validate(ruleSet.questionnaire(), golden.answers());
            String id = UUID.randomUUID().toString();
            DecisionRecord.Canonical written = DecisionRecord.canonical(id, Instant.now(), "presales", ruleSet.version(), answers,
                    evaluator.evaluate(ruleSet, answers));
            byte[] canonical = written.bytes();
            ObjectNode record = (ObjectNode) CanonicalJson.parse(new String(canonical, StandardCharsets.UTF_8));
            // written straight to bytes, the record is already canonical: re-canonicalizing changes nothing
            assertThat(CanonicalJson.bytes(record)).as(golden.name()).isEqualTo(canonical);
            String previous = Sha256.of("previous".getBytes(StandardCharsets.UTF_8));
            String hash = Sha256.of(canonical);

            byte[] spliced = written.withHashes(previous, hash);

            record.put("previousHash", previous);
            record.put("recordHash", hash);
            assertThat(new String(spliced, StandardCharsets.UTF_8)).as(golden.name()).isEqualTo(CanonicalJson.string(record));
        }
    }
}
