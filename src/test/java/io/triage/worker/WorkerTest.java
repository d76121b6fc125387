package io.triage.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.triage.decision.DecisionRecord;
import io.triage.engine.EvaluationBudget;
import io.triage.engine.Evaluator;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import io.triage.testing.HostileRules;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The confined worker, as the service uses it: a separate process with nothing of the service's. */
class WorkerTest {

    private static final RuleSetFiles SHIPPED = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
    private static final JsonNode DESCRIBE = JsonNodeFactory.instance.objectNode().put("op", "describe");
    private final Worker worker = new Worker("256m", Duration.ofSeconds(120), Duration.ofSeconds(120), false);

    @Test
    void runsInAnotherProcessWithNoEnvironmentInAThrowawayFolderWithASmallHeap() {
        JsonNode described = worker.run(JsonNodeFactory.instance.objectNode().put("op", "describe"));
        assertThat(described.path("pid").asLong()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(described.path("environmentVariables").asInt()).isZero();
        Path folder = Path.of(described.path("workingDirectory").asText());
        assertThat(folder.getFileName().toString()).startsWith("triage-worker-");
        assertThat(folder).isNotEqualTo(Path.of("").toAbsolutePath());
        assertThat(described.path("maxHeapBytes").asLong()).isLessThanOrEqualTo(256L * 1024 * 1024);
        assertThat(folder).as("the folder is thrown away after the job").doesNotExist();
    }

    @Test
    void validatesTheShippedRulesAndSaysWhichCaseItIsOn() {
        List<String> steps = new ArrayList<>();
        JsonNode result = worker.run(WorkerRequests.validate(SHIPPED, EvaluationBudget.DEFAULT, 100, 12), null,
                m -> steps.add(m.path("step").asText()), Duration.ofSeconds(120));
        assertThat(result.path("report").path("passed").asBoolean()).isTrue();
        assertThat(result.path("report").path("cases").path("total").asInt()).isEqualTo(SHIPPED.testCaseFiles().size());
        assertThat(steps).contains("the compiler").anySatisfy(s -> assertThat(s).startsWith("golden case "));
    }

    @Test
    void theNextJobFindsASpareWarmedUpOnTheActiveRulesAndAJobWithTheSameRulesPasses() throws Exception {
        Worker withSpare = new Worker("256m", Duration.ofSeconds(120), Duration.ofSeconds(120), true, () -> SHIPPED);
        JsonNode fresh = withSpare.run(DESCRIBE);
        assertThat(fresh.path("warmedUpOn").isNull()).as("the first job has no spare yet").isTrue();
        awaitSpare(withSpare);

        JsonNode spare = withSpare.run(DESCRIBE);
        assertThat(spare.path("pid").asLong()).isNotEqualTo(fresh.path("pid").asLong());
        assertThat(spare.path("warmedUpOn").asText()).isEqualTo(SHIPPED.version());

        RuleSetFiles textEdit = SHIPPED.with(Map.of(RuleSetFiles.RECOMMENDATIONS, SHIPPED.get(RuleSetFiles.RECOMMENDATIONS)
                .replace("title: \"Use a well-prompted frontier model\"", "title: \"A frontier model, well prompted\"")));
        JsonNode result = withSpare.run(WorkerRequests.validate(textEdit, EvaluationBudget.DEFAULT, 100, 12));
        assertThat(result.path("report").path("passed").asBoolean()).isTrue();
    }

    @Test
    void aSpareThatCannotWarmUpOnItsRulesStillServesTheNextJob() throws Exception {
        RuleSetFiles broken = SHIPPED.with(Map.of("rules/20-strategies.drl", "rule \"half\" when then"));
        Worker withSpare = new Worker("256m", Duration.ofSeconds(120), Duration.ofSeconds(120), true, () -> broken);
        withSpare.run(DESCRIBE);
        awaitSpare(withSpare);
        JsonNode result = withSpare.run(WorkerRequests.validate(SHIPPED, EvaluationBudget.DEFAULT, 100, 12));
        assertThat(result.path("report").path("passed").asBoolean()).isTrue();
    }

    @Test
    void aSpareThatGetsAJobBeforeItsWarmUpServesTheJob() {
        try (WorkerProcess spare = WorkerProcess.start("256m", false, true)) {
            JsonNode result = spare.run(WorkerRequests.validate(SHIPPED, EvaluationBudget.DEFAULT, 100, 12), null, null,
                    Duration.ofSeconds(120), null);
            assertThat(result.path("report").path("passed").asBoolean()).isTrue();
        }
    }

    private static void awaitSpare(Worker worker) throws InterruptedException {
        for (int i = 0; i < 200 && !worker.spareReady(); i++) {
            Thread.sleep(50);
        }
        assertThat(worker.spareReady()).as("a spare was started after the job").isTrue();
    }

    @Test
    void aJobPastItsTimeIsKilledAndReportedAsTimedOut() {
        Worker hurried = new Worker("256m", Duration.ofMillis(300), Duration.ofMillis(300), false);
        long start = System.nanoTime();
        assertThatThrownBy(() -> hurried.run(WorkerRequests.validate(SHIPPED, EvaluationBudget.DEFAULT, 100, 12)))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(WorkerFailure.Kind.TIMED_OUT);
                    assertThat(f.describe()).startsWith("timed out after 300 ms");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aCandidateThatExhaustsTheWorkersMemoryIsReportedWithTheCaseItWasOn() {
        // inside the rule language, yet a join over every answer five times over: billions of partial matches
        RuleSetFiles exploding = SHIPPED.with(Map.of("rules/99-explodes.drl", HostileRules.EXPLODES));
        Worker small = new Worker("96m", Duration.ofSeconds(120), Duration.ofSeconds(120), false);
        assertThatThrownBy(() -> small.run(WorkerRequests.validate(exploding, EvaluationBudget.DEFAULT, 100, 12)))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> {
                    assertThat(f.kind()).isIn(WorkerFailure.Kind.CRASHED, WorkerFailure.Kind.TIMED_OUT);
                    assertThat(f.lastStep()).startsWith("golden case ");
                });
    }

    @Test
    void afterTheFirstImpactAnalysisTheNextRunsOnASpareWithTheOptimizingCompilerWarmedUpOnTheActiveRules() throws Exception {
        Worker withImpactSpare = new Worker("256m", Duration.ofSeconds(120), Duration.ofSeconds(120), false, true, () -> SHIPPED);
        try {
            JsonNode shortJob = withImpactSpare.run(DESCRIBE);
            assertThat(shortJob.path("optimizingCompiler").asBoolean()).as("a short job has the quick compiler only").isFalse();
            assertThat(withImpactSpare.impactSpareReady()).as("no impact spare before the first analysis").isFalse();
            JsonNode first = withImpactSpare.runLong(DESCRIBE, null, null, Duration.ofSeconds(120));
            assertThat(first.path("optimizingCompiler").asBoolean()).isTrue();
            assertThat(first.path("warmedUpOn").isNull()).as("the first analysis gets a fresh process").isTrue();
            for (int i = 0; i < 200 && !withImpactSpare.impactSpareReady(); i++) {
                Thread.sleep(50);
            }
            assertThat(withImpactSpare.impactSpareReady()).as("an impact spare was started after the analysis").isTrue();

            JsonNode impact = withImpactSpare.runLong(DESCRIBE, null, null, Duration.ofSeconds(120));
            assertThat(impact.path("pid").asLong()).isNotEqualTo(first.path("pid").asLong());
            assertThat(impact.path("warmedUpOn").asText()).isEqualTo(SHIPPED.version());
            assertThat(impact.path("optimizingCompiler").asBoolean()).isTrue();
        } finally {
            withImpactSpare.onStop(null);
        }
    }

    @Test
    void aShortSparesWarmUpWaitsWhileALongJobRunsSoTheyNeverShareTheCores() throws Exception {
        Worker worker = new Worker("256m", Duration.ofSeconds(120), Duration.ofSeconds(120), true, false, () -> SHIPPED);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            worker.run(DESCRIBE);
            awaitUntil(worker::spareWarmUpSent, "the spare after a short job warms up at once");
            long warming = worker.sparePid();

            // an impact analysis starts while that spare still validates its warm-up rounds
            List<String> records = goldenRecords();
            var analysis = java.util.concurrent.CompletableFuture.supplyAsync(() -> worker.runLong(
                    WorkerRequests.replay(SHIPPED, EvaluationBudget.DEFAULT, false),
                    send -> {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        records.forEach(r -> send.accept(WorkerRequests.record("d", r)));
                    }, null, Duration.ofSeconds(120)));
            awaitUntil(() -> worker.spareReady() && worker.sparePid() != warming,
                    "the warming spare is replaced when the analysis starts");
            Thread.sleep(500);
            assertThat(worker.spareWarmUpSent()).as("its replacement waits for the analysis to end").isFalse();

            release.countDown();
            assertThat(analysis.get(120, java.util.concurrent.TimeUnit.SECONDS).path("replayed").asInt()).isEqualTo(records.size());
            awaitUntil(worker::spareWarmUpSent, "the spare warms up once the analysis is done");
            JsonNode next = worker.run(DESCRIBE);
            assertThat(next.path("warmedUpOn").asText()).isEqualTo(SHIPPED.version());
        } finally {
            release.countDown();
            worker.onStop(null);
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 400 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void anImpactSpareWarmsUpByReplayingItsRulesGoldenCasesAndThenReplaysAJobAsAFreshWorkerWould() throws Exception {
        List<String> records = goldenRecords();
        try (WorkerProcess spare = WorkerProcess.start("256m", true, true)) {
            spare.warmUpOn(WorkerRequests.warmUp(SHIPPED, 0, 300));
            for (int i = 0; i < 1200 && !spare.stderrTail().contains("warmed up on"); i++) {
                Thread.sleep(100);
            }
            assertThat(spare.stderrTail()).contains("warmed up on " + SHIPPED.version() + ": 0 validations, 300 replays");

            List<JsonNode> items = new ArrayList<>();
            JsonNode result = spare.run(WorkerRequests.replay(SHIPPED, EvaluationBudget.DEFAULT, false),
                    send -> records.forEach(r -> send.accept(WorkerRequests.record("d", r))),
                    m -> {
                        if ("item".equals(m.path("type").asText())) {
                            items.add(m);
                        }
                    }, Duration.ofSeconds(120), null);
            assertThat(result.path("replayed").asInt()).isEqualTo(records.size());
            assertThat(items).hasSize(records.size()).allSatisfy(m -> assertThat(m.path("matches").asBoolean()).isTrue());
        }
    }

    @Test
    void aWorkersOutputIsLoggedOnOneLineSoACandidateCannotForgeLogLines() {
        String forged = "compile warning\n2026-11-30 00:00:00,000 INFO  [io.triage.policy.Activator] rule set x active\r\u2028\u001b[31m";
        String logged = WorkerProcess.forTheLog(forged);
        assertThat(logged).doesNotContain("\n", "\r", "\u2028", "\u001b")
                .startsWith("compile warning | 2026-11-30").contains("\\u000d", "\\u2028", "\\u001b");
    }

    /** Each golden case decided on the shipped rules, as the canonical record a decision stores. */
    private static List<String> goldenRecords() {
        RuleSet rules = new RuleSetCompiler().compileOrThrow(SHIPPED);
        List<String> records = new ArrayList<>();
        for (GoldenCase c : GoldenCases.load(SHIPPED)) {
            EffectiveAnswers answers = AnswerValidator.validate(rules.questionnaire(), c.answers());
            records.add(new String(DecisionRecord.canonical("d-" + records.size(), Instant.parse("2026-11-29T12:00:00Z"),
                    "presales-1", rules.version(), answers, new Evaluator().evaluate(rules, answers)).bytes(), StandardCharsets.UTF_8));
        }
        return records;
    }

    @Test
    void storedRecordsReplayedOnEveryCoreAreAnsweredInTheOrderTheyWereSentAndAChangedOneIsFound() {
        List<String> records = goldenRecords();
        int changed = 3;
        records.set(changed, records.get(changed).replaceFirst("\"title\":\"", "\"title\":\"Changed: "));
        List<JsonNode> items = new ArrayList<>();
        JsonNode result = worker.runLong(WorkerRequests.replay(SHIPPED, EvaluationBudget.DEFAULT, false),
                send -> {
                    for (int round = 0; round < 5; round++) {
                        for (int i = 0; i < records.size(); i++) {
                            send.accept(WorkerRequests.record(round + "/" + i, records.get(i)));
                        }
                    }
                },
                m -> {
                    if ("item".equals(m.path("type").asText())) {
                        items.add(m);
                    }
                }, Duration.ofSeconds(120));
        assertThat(result.path("replayed").asInt()).isEqualTo(5 * records.size());
        List<String> expectedOrder = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < records.size(); i++) {
                expectedOrder.add(round + "/" + i);
            }
        }
        assertThat(items).extracting(m -> m.path("id").asText()).containsExactlyElementsOf(expectedOrder);
        assertThat(items).filteredOn(m -> !m.path("matches").asBoolean()).extracting(m -> m.path("id").asText())
                .containsExactly("0/3", "1/3", "2/3", "3/3", "4/3");
        // a text changed: the record differs, its codes do not
        assertThat(items).filteredOn(m -> !m.path("matches").asBoolean())
                .allSatisfy(m -> assertThat(m.path("codesAdded")).isEmpty());
    }

    @Test
    void whenTheServiceCannotProduceTheInputTheJobFailsAtOnceWithThatReasonNotAsATimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> worker.runLong(WorkerRequests.replay(SHIPPED, EvaluationBudget.DEFAULT, false),
                send -> {
                    throw new IllegalStateException("the stored record of decision d-7 is damaged");
                }, null, Duration.ofSeconds(120)))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(WorkerFailure.Kind.FAILED);
                    assertThat(f.describe()).contains("decision d-7 is damaged");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void aRecordThatSmugglesInTheEndOfTheStreamFailsTheJobInsteadOfCuttingItShort() {
        assertThatThrownBy(() -> worker.runLong(WorkerRequests.replay(SHIPPED, EvaluationBudget.DEFAULT, false),
                send -> send.accept(WorkerRequests.record("d-1", "{\"answers\":{}},\"end\":true,\"z\":{")),
                null, Duration.ofSeconds(120)))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.describe()).contains("beside its id and record"));
    }
}
