package io.triage.workerchild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.audit.Replayer;
import io.triage.common.InvalidInputException;
import io.triage.decision.DecisionRecord;
import io.triage.engine.Evaluator;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Replays stored decisions on a rule set that is not yet trusted (impact analysis, what-if,
 * an exported bundle): the set is compiled here, each record streamed in is replayed and its
 * outcome streamed back. {@code detail} asks for every difference, not only the codes.
 *
 * <p>Records are replayed on every core of the worker (at most {@link #MAX_THREADS}), and answered in the order they came in, so
 * a report lists the same decisions however the threads were scheduled. At most {@link #IN_FLIGHT}
 * per thread, and {@link #IN_FLIGHT_BYTES} in all, are held at once, so memory does not grow with the log.
 */
final class ReplayJob {

    /**
     * Records read ahead per thread, and {@link #IN_FLIGHT_BYTES} of them in all. The service reads
     * the log hundreds of rows at a time and sends nothing while it does; with 16 per thread the
     * threads ran dry during every such read (BENCHMARKS §21).
     */
    static final int IN_FLIGHT = 256;
    /** 64 records of the largest a default log takes, in a heap of 256 MB; ordinary ones reach the count first. */
    static final long IN_FLIGHT_BYTES = 16L * 1024 * 1024;
    /**
     * Replay threads at most: the measured gain is on two cores, and the worker's heap is sized
     * for a few evaluations at once, not one per core of a large host.
     */
    static final int MAX_THREADS = 4;

    private final WorkerMain worker;

    ReplayJob(WorkerMain worker) {
        this.worker = worker;
    }

    /** @param input the next streamed line, or null at the end of input (an error: the stream ends with its marker) */
    void run(JsonNode request, Supplier<String> input) {
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
        int threads = Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "replay");
            t.setDaemon(true);
            return t;
        });
        long replayed = 0;
        Deque<Pending> pending = new ArrayDeque<>();
        long pendingBytes = 0;
        try {
            while (true) {
                String line = input.get();
                if (line == null) {
                    // the service always ends with the marker: without it, records may be missing
                    throw new IllegalStateException("the input ended before its end marker");
                }
                if (StreamedRecord.isEnd(line)) {
                    break;
                }
                StreamedRecord item = StreamedRecord.parse(line);
                pending.add(new Pending(pool.submit(() -> answer(replayer, ruleSet, item, detail)), item.record().length));
                pendingBytes += item.record().length;
                // answers go out in input order; while no input waits, what is done goes out at once
                while (!pending.isEmpty() && (pending.size() >= threads * IN_FLIGHT || pendingBytes >= IN_FLIGHT_BYTES
                        || pending.peek().answer().isDone() || !worker.inputWaiting())) {
                    Pending oldest = pending.poll();
                    pendingBytes -= oldest.bytes();
                    worker.sendItem(next(oldest.answer()));
                    replayed++;
                }
            }
            while (!pending.isEmpty()) {
                worker.sendItem(next(pending.poll().answer()));
                replayed++;
            }
        } finally {
            pool.shutdownNow();
        }
        worker.send(worker.message("result").put("replayed", replayed));
    }

    /**
     * A spare kept for impact analyses warms its optimizing compiler up on the path a job takes:
     * the trusted rule set's golden cases are decided, and their records read, replayed and
     * answered (to nowhere) {@code replays} times over, on one thread, until a job waits.
     *
     * @return the replays that ran
     */
    int warmUp(RuleSetFiles trusted, int replays, BooleanSupplier jobWaiting) {
        RuleSet ruleSet = worker.compiler().compileOrThrow(trusted);
        Evaluator evaluator = new Evaluator();
        List<String> lines = new ArrayList<>();
        for (GoldenCase c : GoldenCases.load(trusted)) {
            EffectiveAnswers answers;
            try {
                answers = AnswerValidator.validate(ruleSet.questionnaire(), c.answers());
            } catch (InvalidInputException e) {
                continue;
            }
            byte[] record = DecisionRecord.canonical("warm-up-" + lines.size(), Instant.EPOCH, "warm-up", ruleSet.version(),
                    answers, evaluator.evaluate(ruleSet, answers)).bytes();
            lines.add("{\"id\":\"warm-up-" + lines.size() + "\",\"record\":" + new String(record, StandardCharsets.UTF_8) + "}");
        }
        Replayer replayer = new Replayer(evaluator);
        int done = 0;
        while (done < replays && !lines.isEmpty() && !jobWaiting.getAsBoolean()) {
            worker.discard(answer(replayer, ruleSet, StreamedRecord.parse(lines.get(done % lines.size())), false));
            done++;
        }
        return done;
    }

    private ObjectNode answer(Replayer replayer, RuleSet ruleSet, StreamedRecord item, boolean detail) {
        Replayer.Outcome outcome = replayer.replay(item.record(), ruleSet);
        ObjectNode answer = worker.message("item").put("id", item.id()).put("matches", outcome.matches());
        answer.set("codesAdded", strings(answer, outcome.codesAdded()));
        answer.set("codesRemoved", strings(answer, outcome.codesRemoved()));
        answer.put("differenceCount", outcome.differences().size());
        if (detail) {
            ArrayNode differences = answer.putArray("differences");
            outcome.differences().forEach(differences::add);
            answer.set("codes", strings(answer, outcome.codes()));
        }
        return answer;
    }

    /** A record being replayed, and its size. */
    private record Pending(Future<ObjectNode> answer, int bytes) {
    }

    /** The oldest pending answer, waiting for it; a replay that failed fails the job as it did on one thread. */
    private static ObjectNode next(Future<ObjectNode> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ArrayNode strings(ObjectNode owner, java.util.List<String> values) {
        ArrayNode array = owner.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
