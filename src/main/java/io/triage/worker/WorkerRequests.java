package io.triage.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.triage.engine.EvaluationBudget;
import io.triage.rules.RuleSetFiles;

/**
 * The requests the worker understands (see {@code io.triage.workerchild.WorkerMain}): validate a
 * candidate, replay stored records on a version, or evaluate one set of answers on a version. Each carries the full sources and the
 * service's evaluation budget, so a candidate is held to the limits it will face when active.
 */
public final class WorkerRequests {

    private WorkerRequests() {
    }

    /** @param invariantSamples generated questionnaires the invariants are checked on, from {@code seed} */
    public static ObjectNode validate(RuleSetFiles files, EvaluationBudget budget, int invariantSamples, long seed) {
        ObjectNode request = withFiles("validate", files, budget);
        request.putObject("invariants").put("samples", invariantSamples).put("seed", seed);
        return request;
    }

    /** @param detail every difference per decision, not only the codes gained and lost */
    public static ObjectNode replay(RuleSetFiles files, EvaluationBudget budget, boolean detail) {
        return withFiles("replay", files, budget).put("detail", detail);
    }

    /** One questionnaire tried on a rule set: the record a decision would store, or why there is none. */
    public static ObjectNode evaluate(RuleSetFiles files, EvaluationBudget budget, JsonNode answers) {
        ObjectNode request = withFiles("evaluate", files, budget);
        request.set("answers", answers);
        return request;
    }

    /** Validations a spare warms up with, unless configured otherwise. */
    public static final int WARM_UP_ROUNDS = 3;

    /**
     * Replays a spare kept for impact analyses runs on its warm-up: after these, its job replays at
     * the optimizing compiler's steady rate from its first block of answers (BENCHMARKS §13).
     */
    public static final int WARM_UP_REPLAYS = 60_000;

    /** What a spare warms up on before its job: a trusted rule set, or none for the worker's own small one, validated {@code rounds} times. */
    public static ObjectNode warmUp(RuleSetFiles files, int rounds) {
        return warmUp(files, rounds, 0);
    }

    /** As {@link #warmUp(RuleSetFiles, int)}, then its golden cases' records replayed {@code replays} times (a spare for impact analyses). */
    public static ObjectNode warmUp(RuleSetFiles files, int rounds, int replays) {
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("op", "warm-up").put("rounds", rounds).put("replays", replays);
        if (files != null) {
            ObjectNode filesJson = request.putObject("files");
            files.all().forEach(filesJson::put);
        }
        return request;
    }

    /**
     * One stored decision to replay; its canonical record goes as it is, not parsed and written
     * again, and the worker compares the replay with exactly these bytes.
     *
     * @throws IllegalArgumentException the record is not on one line, so it cannot be one input line
     */
    public static ObjectNode record(String id, String canonicalRecord) {
        if (canonicalRecord.indexOf('\n') >= 0 || canonicalRecord.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a record to replay must be canonical JSON on one line");
        }
        ObjectNode item = JsonNodeFactory.instance.objectNode().put("id", id);
        item.putRawValue("record", new RawValue(canonicalRecord));
        return item;
    }

    private static ObjectNode withFiles(String op, RuleSetFiles files, EvaluationBudget budget) {
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("op", op);
        ObjectNode filesJson = request.putObject("files");
        files.all().forEach(filesJson::put);
        request.putObject("budget").put("maxFirings", budget.maxFirings()).put("maxFacts", budget.maxFacts())
                .put("maxTimeMillis", budget.maxTime().toMillis());
        return request;
    }
}
