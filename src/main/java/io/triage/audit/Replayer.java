package io.triage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.InvalidInputException;
import io.triage.decision.DecisionRecord;
import io.triage.engine.Evaluation;
import io.triage.engine.EvaluationException;
import io.triage.engine.RecommendationResult;
import io.triage.engine.Evaluator;
import io.triage.json.CanonicalJson;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleSet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Re-runs a stored decision: the answers the buyer gave (stored answers minus the defaults that
 * were applied) go through the rule set's questionnaire and engine again, and the result is
 * compared in canonical form with what was stored — effective answers, recommendations, cost and
 * trace. Plain Java: the service, impact analysis and the offline bundle verifier all use it.
 */
public final class Replayer {

    private static final List<String> COMPARED = List.of("answers", "defaultsApplied", "recommendations", "cost", "trace");

    /** The result of one replay; {@code differences} is empty exactly when {@code matches}. */
    public record Outcome(boolean matches, List<ObjectNode> differences, List<String> codesAdded,
                          List<String> codesRemoved, List<String> codes) {
    }

    private final Evaluator evaluator;

    public Replayer(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    /**
     * @param storedCanonical the stored record's canonical JSON. The replayed record is written
     *                        with the stored id, time, user and versions, so it equals these bytes
     *                        exactly when answers, recommendations, cost and trace are the same;
     *                        only if not is the stored record read whole and walked field by field.
     * @throws IllegalArgumentException the stored bytes are not a record with an answers object
     */
    public Outcome replay(byte[] storedCanonical, RuleSet ruleSet) {
        return replay(ReplayInput.read(storedCanonical), ruleSet);
    }

    /** As {@link #replay(byte[], RuleSet)}, for a caller that has read the stored record's input already. */
    Outcome replay(ReplayInput stored, RuleSet ruleSet) {
        byte[] storedCanonical = stored.canonical();
        byte[] replayed;
        Evaluation evaluation;
        try {
            EffectiveAnswers answers = AnswerValidator.validate(ruleSet.questionnaire(), stored.givenAnswers());
            evaluation = evaluator.evaluate(ruleSet, answers);
            replayed = DecisionRecord.canonical(stored.id(), stored.createdAt(), stored.submittedBy(),
                    stored.questionnaireVersion(), stored.rulesetVersion(), answers, evaluation).bytes();
        } catch (InvalidInputException e) {
            List<ObjectNode> why = new ArrayList<>();
            for (var error : e.errors()) {
                ObjectNode d = JsonNodeFactory.instance.objectNode();
                d.put("path", "answers." + error.field());
                d.put("problem", "the stored answer is not valid on this rule-set version: " + error.message());
                why.add(d);
            }
            return new Outcome(false, why, List.of(), codes(storedCanonical), List.of());
        } catch (EvaluationException e) {
            ObjectNode d = JsonNodeFactory.instance.objectNode();
            d.put("path", "recommendations");
            d.put("problem", "the rule set failed on these answers: " + e.getMessage());
            return new Outcome(false, List.of(d), List.of(), codes(storedCanonical), List.of());
        }
        if (Arrays.equals(replayed, storedCanonical)) {
            // the same bytes: the stored codes are the replayed ones, one recommendation per code
            return new Outcome(true, List.of(), List.of(), List.of(),
                    evaluation.recommendations().stream().map(RecommendationResult::code).toList());
        }
        JsonNode storedRecord = CanonicalJson.parse(new String(storedCanonical, StandardCharsets.UTF_8));
        JsonNode replayedRecord = CanonicalJson.parse(new String(replayed, StandardCharsets.UTF_8));
        List<ObjectNode> differences = new ArrayList<>();
        for (String field : COMPARED) {
            differences.addAll(JsonDiff.diff(field, storedRecord.get(field), replayedRecord.get(field)));
        }
        if (differences.isEmpty()) {
            ObjectNode d = JsonNodeFactory.instance.objectNode();
            d.put("path", "");
            d.put("problem", "the stored record is not in canonical form");
            differences.add(d);
        }
        List<String> storedCodes = codes(storedRecord);
        List<String> replayedCodes = codes(replayedRecord);
        Set<String> was = new HashSet<>(storedCodes);
        Set<String> now = new HashSet<>(replayedCodes);
        return new Outcome(false, differences,
                replayedCodes.stream().filter(c -> !was.contains(c)).toList(),
                storedCodes.stream().filter(c -> !now.contains(c)).toList(),
                replayedCodes);
    }

    private static List<String> codes(byte[] canonical) {
        return codes(CanonicalJson.parse(new String(canonical, StandardCharsets.UTF_8)));
    }

    static List<String> codes(JsonNode record) {
        Set<String> codes = new LinkedHashSet<>();
        JsonNode recommendations = record.get("recommendations");
        if (recommendations instanceof ArrayNode array) {
            array.forEach(r -> codes.add(r.path("code").asText()));
        }
        return List.copyOf(codes);
    }

}
