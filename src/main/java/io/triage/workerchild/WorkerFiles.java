package io.triage.workerchild;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.engine.EvaluationBudget;
import io.triage.rules.RuleSetFiles;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Reads the parts of a request every job shares: the rule-set files and the evaluation budget. */
final class WorkerFiles {

    private WorkerFiles() {
    }

    static RuleSetFiles of(JsonNode files) {
        Map<String, String> map = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), e.getValue().asText());
        }
        return RuleSetFiles.of(map);
    }

    /** The service's budget for one evaluation, so a candidate is held to what it will face when active. */
    static EvaluationBudget budget(JsonNode request) {
        JsonNode b = request.path("budget");
        if (!b.isObject()) {
            return EvaluationBudget.DEFAULT;
        }
        return new EvaluationBudget(b.path("maxFirings").asInt(EvaluationBudget.DEFAULT.maxFirings()),
                b.path("maxFacts").asInt(EvaluationBudget.DEFAULT.maxFacts()),
                Duration.ofMillis(b.path("maxTimeMillis").asLong(EvaluationBudget.DEFAULT.maxTime().toMillis())));
    }
}
