package io.triage.workerchild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.audit.Replayer;
import io.triage.engine.Evaluator;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;

import java.util.function.Supplier;

/**
 * Replays stored decisions on a rule set that is not yet trusted (impact analysis, what-if,
 * an exported bundle): the set is compiled here, each record streamed in is replayed and its
 * outcome streamed back. {@code detail} asks for every difference, not only the codes.
 */
final class ReplayJob {

    private final WorkerMain worker;

    ReplayJob(WorkerMain worker) {
        this.worker = worker;
    }

    void run(JsonNode request, Supplier<JsonNode> input) {
        worker.progress("the compiler");
        RuleSetCompiler.Result compiled = worker.compiler().compile(WorkerFiles.of(request.path("files")));
        if (!compiled.ok()) {
            worker.send(worker.message("error").put("message", "the rule set does not compile: "
                    + compiled.errors().get(0).describe()));
            return;
        }
        RuleSet ruleSet = compiled.ruleSet();
        Replayer replayer = new Replayer(new Evaluator(WorkerFiles.budget(request)));
        boolean detail = request.path("detail").asBoolean(false);
        long replayed = 0;
        for (JsonNode item = input.get(); item != null; item = input.get()) {
            String id = item.path("id").asText();
            Replayer.Outcome outcome = replayer.replay(item.path("record"), ruleSet);
            ObjectNode answer = worker.message("item").put("id", id).put("matches", outcome.matches());
            answer.set("codesAdded", strings(answer, outcome.codesAdded()));
            answer.set("codesRemoved", strings(answer, outcome.codesRemoved()));
            answer.put("differenceCount", outcome.differences().size());
            if (detail) {
                ArrayNode differences = answer.putArray("differences");
                outcome.differences().forEach(differences::add);
                answer.set("codes", strings(answer, outcome.codes()));
            }
            worker.send(answer);
            replayed++;
        }
        worker.send(worker.message("result").put("replayed", replayed));
    }

    private static ArrayNode strings(ObjectNode owner, java.util.List<String> values) {
        ArrayNode array = owner.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
