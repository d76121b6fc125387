package io.triage.bench;

import io.triage.testing.AppProcess;
import io.triage.testing.LocalPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Ten minutes at about 80 % of the measured peak, one minute at a time: latency percentiles,
 * heap and metaspace after a full collection, and the database's size after each minute, so a
 * leak or a table that grows faster than the log shows as a trend.
 *
 * <p>Run: {@code mvn -Pbench-soak verify -Dbench.db=h2} (or {@code postgresql}); needs {@code wrk}.
 * {@code -Dbench.minutes=N} for a shorter or longer run, {@code -Dbench.warmup=S} for the warm-up
 * before the peak is measured (120 s by default).
 */
public final class SoakBenchmark {

    /** wrk's script with a pause before each request, so that the connections together keep to a rate. */
    private static final String PACED_LUA = LoadRig.POST_DECISIONS_LUA + """
            delay = function() return %d end
            """;

    private record Minute(int minute, double perSecond, String p50, String p90, String p99, long failed,
                          double heapMb, double metaspaceMb, double databaseMb, long stored) {
    }

    public static void main(String[] args) throws Exception {
        String db = System.getProperty("bench.db", "h2");
        int minutes = Integer.getInteger("bench.minutes", 10);
        int connections = Integer.getInteger("bench.clients", 32);
        // on two cores the JIT is still compiling after 20 s; the peak is found once it is done
        int warmupSeconds = Integer.getInteger("bench.warmup", 120);
        Path work = Files.createTempDirectory("triage-soak-");
        Map<String, String> config = LoadRig.serviceConfig(db, work);
        Path bodies = LoadRig.decisionBodies(work);

        try (AppProcess app = new AppProcess(config, work.resolve("service.log")).jvmOptions(LoadRig.serviceJvm()).start()) {
            String auth = app.basicAuth("presales");
            Path full = work.resolve("full.lua");
            Files.writeString(full, String.format(LoadRig.POST_DECISIONS_LUA, bodies, false, auth));
            System.out.println("warming up for " + warmupSeconds + " s, then 30 s at full speed to find the peak...");
            String warmup = LoadRig.wrk(app.baseUrl(), full, connections, warmupSeconds);
            String peakRun = LoadRig.wrk(app.baseUrl(), full, connections, 30);
            double peak = LoadRig.acknowledged(peakRun) / 30.0;
            double target = 0.8 * peak;
            long stored = LoadRig.acknowledged(warmup) + LoadRig.acknowledged(peakRun); // an acknowledged decision is stored

            // each connection pauses so that together they send the target rate; corrected after each minute
            double pauseMillis = connections * 1000.0 / target;
            List<Minute> rows = new ArrayList<>();
            for (int m = 1; m <= minutes; m++) {
                Path paced = work.resolve("paced.lua");
                Files.writeString(paced, pacedScript(bodies, auth, Math.max(0, Math.round(pauseMillis))));
                String out = LoadRig.wrk(app.baseUrl(), paced, connections, 60);
                double rate = LoadRig.acknowledged(out) / 60.0;
                pauseMillis = Math.max(0, pauseMillis * rate / target);
                LoadRig.jcmd(app.pid(), "GC.run");
                String heap = LoadRig.jcmd(app.pid(), "GC.heap_info");
                stored += LoadRig.acknowledged(out);
                Minute row = new Minute(m, rate, LoadRig.text(out, "(?m)^\\s+50%\\s+(\\S+)"), LoadRig.text(out, "(?m)^\\s+90%\\s+(\\S+)"),
                        LoadRig.text(out, "(?m)^\\s+99%\\s+(\\S+)"), LoadRig.failed(out),
                        heapKilobytes(heap) / 1024.0,
                        kilobytes(heap, "Metaspace\\s+used (\\d+)K") / 1024.0,
                        databaseBytes(db, config) / (1024.0 * 1024), stored);
                rows.add(row);
                System.out.printf(Locale.ROOT, "minute %d: %.0f/s (%.0f %% of peak), p99 %s, heap %.1f MB, metaspace %.1f MB, database %.1f MB%n",
                        m, rate, 100 * rate / peak, row.p99(), row.heapMb(), row.metaspaceMb(), row.databaseMb());
            }
            String report = report(db, peak, connections, rows);
            System.out.println(report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "bench-soak-" + db + ".txt"), report);
        }
    }

    private static String report(String db, double peak, int connections, List<Minute> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "database %s, peak %.0f decisions/s with %d connections, soak at 80 %% of it%n%n", db, peak, connections));
        out.append("| minute | decisions/s | of peak | p50 | p90 | p99 | failed | heap after full GC | metaspace | database | stored decisions |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Minute r : rows) {
            out.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f %% | %s | %s | %s | %d | %.1f MB | %.1f MB | %.1f MB | %,d |%n",
                    r.minute(), r.perSecond(), 100 * r.perSecond() / peak, r.p50(), r.p90(), r.p99(), r.failed(),
                    r.heapMb(), r.metaspaceMb(), r.databaseMb(), r.stored()));
        }
        Minute first = rows.get(0);
        Minute last = rows.get(rows.size() - 1);
        long added = last.stored() - first.stored();
        if (added > 0) {
            out.append(String.format(Locale.ROOT, "%ndatabase growth from minute 1 to %d: %.1f MB per 100,000 decisions; "
                            + "heap after full GC %+.1f MB, metaspace %+.1f MB over the same %,d decisions%n",
                    last.minute(), (last.databaseMb() - first.databaseMb()) * 100_000 / added,
                    last.heapMb() - first.heapMb(), last.metaspaceMb() - first.metaspaceMb(), added));
        }
        return out.toString();
    }

    private static long databaseBytes(String db, Map<String, String> config) throws Exception {
        if (db.equals("postgresql")) {
            try (Connection c = DriverManager.getConnection(config.get("triage.db.url"), config.get("triage.db.user"), config.get("triage.db.password"));
                 Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_database_size(current_database())")) {
                r.next();
                return r.getLong(1);
            }
        }
        try (Stream<Path> files = Files.walk(Path.of(config.get("triage.data-dir")))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".mv.db")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** wrk's script for one paced minute: the golden cases' answers without idempotency keys, each connection pausing between requests. */
    static String pacedScript(Path bodies, String authorization, long pauseMillis) {
        return String.format(PACED_LUA, bodies, false, authorization, pauseMillis);
    }

    private static long kilobytes(String text, String regex) {
        return LoadRig.number(text, regex);
    }

    /** The heap in use: one line for G1 ("garbage-first heap total ..K, used ..K"), one per generation for the parallel collector. */
    private static long heapKilobytes(String heapInfo) {
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K").matcher(heapInfo);
        long sum = 0;
        boolean found = false;
        while (used.find()) {
            sum += Long.parseLong(used.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("no heap figures in: " + heapInfo);
        }
        return sum;
    }

    private SoakBenchmark() {
    }
}
