package io.triage.store;

import io.triage.decision.DecisionIds;
import io.triage.decision.DecisionRecord;
import io.triage.engine.Evaluator;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The decision log alone on a fresh H2 file database (the service's URL settings), with the
 * records the golden cases really produce: how many appends per second it acknowledges from 32
 * callers, the writer thread's CPU time per decision, how full H2 says its file and chunks are
 * every 15 s, and at the end how much of the file the log itself takes (the file compacted
 * completely). No HTTP, no evaluation in the loop.
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.triage.store.DecisionLogBenchmark
 * </pre>
 * Properties: {@code bench.seconds} (measured, default 20), {@code bench.warmup} (default 10),
 * {@code bench.clients} (default 32), {@code bench.thinkMicros} (CPU each caller burns before each
 * append, as evaluation would; default 0), {@code bench.rate} (appends per second from all callers
 * together; default 0, as fast as they can), {@code bench.url} (the H2 URL's settings after the file
 * name; default the service's, {@code ;WRITE_DELAY=0}), {@code bench.compaction} ({@link H2FileCompaction}
 * running, as in the service; default true). With the compaction, H2 may overwrite chunks once
 * they are 5 s old (45 s without it), so the file's growth shows only in runs longer than that.
 */
public final class DecisionLogBenchmark {

    public static void main(String[] args) throws Exception {
        org.jboss.logmanager.LogContext.getLogContext().getLogger("").setLevel(java.util.logging.Level.WARNING);
        int clients = Integer.getInteger("bench.clients", 32);
        List<byte[]> records = records();
        Path dir = Files.createTempDirectory("triage-log-bench");
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("triage")
                + System.getProperty("bench.url", ";WRITE_DELAY=0"), "triage", "");
        Flyway.configure().dataSource(pool).locations("classpath:db/h2").load().migrate();
        long thinkNanos = Long.getLong("bench.thinkMicros", 0) * 1000;
        // each caller pauses so that together they append about bench.rate decisions a second (0: as fast as they can)
        long pauseMicros = Long.getLong("bench.rate", 0) > 0 ? clients * 1_000_000L / Long.getLong("bench.rate") : 0;
        DecisionLog log = new DecisionLog(pool, false, Duration.ofSeconds(30));
        H2FileCompaction compaction = new H2FileCompaction(pool, Boolean.parseBoolean(System.getProperty("bench.compaction", "true")));
        compaction.start();
        ExecutorService callers = Executors.newFixedThreadPool(clients);
        AtomicLong appended = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int first = i;
            running.add(callers.submit(() -> {
                for (int n = first; !stop.get(); n++) {
                    think(thinkNanos);
                    if (pauseMicros > 0) {
                        Thread.sleep(pauseMicros / 1000, (int) (pauseMicros % 1000) * 1000);
                    }
                    log.append(decision(records.get(n % records.size())));
                    appended.incrementAndGet();
                }
                return null;
            }));
        }
        Thread.sleep(Integer.getInteger("bench.warmup", 10) * 1000L);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long writerCpu = writerCpu(cpu);
        long before = appended.get();
        long start = System.nanoTime();
        int seconds = Integer.getInteger("bench.seconds", 20);
        for (int s = 15; s <= seconds; s += 15) {
            Thread.sleep(15_000L);
            System.out.printf("after %d s: %,d decisions, file %,d bytes; %s%n", s, appended.get(), Files.size(dir.resolve("triage.mv.db")),
                    storeInfo(pool));
        }
        Thread.sleep(seconds % 15 * 1000L);
        long count = appended.get() - before;
        double elapsed = (System.nanoTime() - start) / 1e9;
        long writerUsed = writerCpu(cpu) - writerCpu;
        stop.set(true);
        for (Future<?> f : running) {
            f.get();
        }
        callers.shutdown();
        System.out.printf("%d µs of work per append: ", thinkNanos / 1000);
        long file = Files.size(dir.resolve("triage.mv.db"));
        System.out.printf("%,d appends in %.1f s from %d callers: %,.0f/s; the writer's and H2's own threads' CPU %.0f µs per decision; "
                        + "file %,d bytes after %,d decisions (%,d bytes each)%n",
                count, elapsed, clients, count / elapsed, writerUsed / 1e3 / count, file, appended.get(), file / Math.max(1, appended.get()));
        compaction.stop();
        compaction.state().ifPresent(state -> System.out.printf("compaction rounds: %d, of which rewrote: %d; slowest sync %d ms%n",
                state.rounds(), state.roundsThatRewrote(), state.slowestSyncMillis()));
        pool.dispose();
        long compacted = compactedSize(dir);
        System.out.printf("the same file after SHUTDOWN COMPACT (the log alone): %,d bytes (%,d bytes per decision); the file was %.2f times that%n",
                compacted, compacted / Math.max(1, appended.get()), (double) file / compacted);
    }

    /** What H2 says of its file: how full the file and its chunks are, how many chunks. */
    private static String storeInfo(JdbcConnectionPool pool) throws Exception {
        StringBuilder info = new StringBuilder();
        try (Connection c = pool.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                     + " WHERE SETTING_NAME IN ('info.FILL_RATE', 'info.CHUNKS_FILL_RATE', 'info.CHUNKS_FILL_RATE_RW', 'info.CHUNK_COUNT')"
                     + " ORDER BY SETTING_NAME")) {
            while (rs.next()) {
                info.append(rs.getString(1).substring("info.".length())).append(' ').append(rs.getString(2)).append(' ');
            }
        }
        return info.toString().trim();
    }

    /** The file's size once H2 has rewritten it with nothing but live data: what the log itself takes. */
    private static long compactedSize(Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("triage"), "triage", "");
             Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
        return Files.size(dir.resolve("triage.mv.db"));
    }

    /** Burns CPU the way a request's evaluation does before its decision reaches the log. */
    private static void think(long nanos) {
        long end = System.nanoTime() + nanos;
        long x = 0;
        while (System.nanoTime() < end) {
            x += x * 31 + 7;
        }
        if (x == 42) {
            System.out.print("");
        }
    }

    private static long writerCpu(ThreadMXBean cpu) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("decision-log-writer") || t.getName().startsWith("MVStore") || t.getName().equals("h2-file-compaction")) {
                sum += cpu.getThreadCpuTime(t.getId());
            }
        }
        return sum;
    }

    private static NewDecision decision(byte[] record) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new NewDecision(DecisionIds.at(at), at, "presales", "sha256:r", "sha256:q", List.of("RAG", "PROMPTING"), record, null);
    }

    /** The canonical records of every golden case, as the service would store them. */
    private static List<byte[]> records() {
        RuleSetFiles files = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
        RuleSet ruleSet = new RuleSetCompiler().compileOrThrow(files);
        Evaluator evaluator = new Evaluator();
        List<byte[]> records = new ArrayList<>();
        for (GoldenCase c : GoldenCases.load(files)) {
            EffectiveAnswers answers = AnswerValidator.validate(ruleSet.questionnaire(), c.answers());
            records.add(DecisionRecord.canonical(UUID.randomUUID().toString(), Instant.now(), "presales", ruleSet.version(),
                    answers, evaluator.evaluate(ruleSet, answers)).bytes());
        }
        return records;
    }
}
