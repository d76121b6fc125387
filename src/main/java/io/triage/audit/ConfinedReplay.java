package io.triage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.engine.EvaluationBudget;
import io.triage.rules.RuleSetFiles;
import io.triage.worker.Worker;
import io.triage.worker.WorkerFailure;
import io.triage.worker.WorkerRequests;

import java.util.ArrayList;
import java.util.List;

/** One stored record replayed, with every difference, on rules this process must not run itself. */
final class ConfinedReplay {

    private ConfinedReplay() {
    }

    /**
     * @return the worker's {@code item} answer for the record
     * @throws WorkerFailure the worker failed, timed out, or did not answer exactly once
     */
    static JsonNode replay(Worker worker, RuleSetFiles files, EvaluationBudget budget, String id, String canonicalRecord) {
        List<JsonNode> items = new ArrayList<>(1);
        worker.run(WorkerRequests.replay(files, budget, true),
                send -> send.accept(WorkerRequests.record(id, canonicalRecord)),
                m -> {
                    if ("item".equals(m.path("type").asText())) {
                        items.add(m);
                    }
                }, worker.timeout());
        if (items.size() != 1 || !id.equals(items.get(0).path("id").asText())) {
            throw new WorkerFailure(WorkerFailure.Kind.FAILED, "the worker answered " + items.size()
                    + " replays for one record", null);
        }
        return items.get(0);
    }
}
