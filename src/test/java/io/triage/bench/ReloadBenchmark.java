package io.triage.bench;

import io.triage.json.CanonicalJson;
import io.triage.testing.AppProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Time from saving a file under rules/ to the new version serving decisions: the packaged service
 * watches a copy of the shipped rule set; each round rewrites one text in recommendations.yaml (or,
 * in the second series, a comment in a .drl file) and polls the active version until it changes
 * (debounce, validation in the worker, compile, store, swap). 3 warm-up rounds, then 10 measured,
 * 10 s apart ({@code -Dbench.pauseMillis}). Run: {@code mvn -Pbench-reload verify};
 * {@code -Dbench.invariantSamples=N} sets {@code triage.policy.invariant-samples} (default: the service's own);
 * {@code -Dbench.debounce=100ms} sets {@code triage.policy.debounce} likewise.
 */
public final class ReloadBenchmark {

    /** Time between two saves: long enough for the spare worker to warm up (a person editing takes longer). */
    private static final long WARM_SPARE_MILLIS = Long.getLong("bench.pauseMillis", 10_000);

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("triage-reload-");
        for (String folder : new String[] {"rules", "test-cases"}) {
            Files.createDirectories(work.resolve(folder));
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path f : files.toList()) {
                    Files.copy(f, work.resolve(folder).resolve(f.getFileName()));
                }
            }
        }
        Map<String, String> config = new java.util.HashMap<>(Map.of("triage.data-dir", work.resolve("data").toString(),
                "triage.rules.dir", work.resolve("rules").toString(),
                "triage.rules.test-cases-dir", work.resolve("test-cases").toString(),
                "quarkus.log.level", System.getProperty("bench.logLevel", "WARN"), "quarkus.log.category.\"io.triage.worker\".level", System.getProperty("bench.workerLogLevel", "INFO")));
        String samples = System.getProperty("bench.invariantSamples", "default");
        // as in production: the service warms its compiler up after startup, and each spare worker before its job
        config.put("triage.policy.compiler-warm-up", "6");
        config.put("triage.worker.warm-up-rounds", "3");
        if (!samples.equals("default")) {
            config.put("triage.policy.invariant-samples", samples);
        }
        if (System.getProperty("bench.debounce") != null) {
            config.put("triage.policy.debounce", System.getProperty("bench.debounce"));
        }
        Path texts = work.resolve("rules/recommendations.yaml");
        String original = Files.readString(texts);
        String marker = "title: \"Use a well-prompted frontier model\"";
        if (!original.contains(marker)) {
            throw new IllegalStateException("recommendations.yaml no longer has the title this benchmark edits");
        }
        Path rules = work.resolve("rules/20-strategies.drl");
        String rulesOriginal = Files.readString(rules);
        StringBuilder report = new StringBuilder();
        try (AppProcess app = new AppProcess(config, work.resolve("service.log")).jvmOptions(LoadRig.serviceJvm()).start()) {
            Rounds rounds = new Rounds(app);
            // a text edit leaves every rule as it was; a rule edit (a comment suffices) compiles them all again
            report.append(rounds.measure("text edit (recommendations.yaml)", samples,
                    round -> Files.writeString(texts, original.replace(marker,
                            "title: \"Use a well-prompted frontier model (" + round + ")\""))));
            report.append(rounds.measure("rule edit (a .drl file)", samples,
                    round -> Files.writeString(rules, rulesOriginal + "\n// edited in round " + round + "\n")));
        }
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "bench-reload.txt"), report);
    }

    private interface Edit {
        void make(int round) throws IOException;
    }

    /** Rounds of one kind of edit: 3 to warm up, 10 measured, each timed from the save to the new version serving. */
    private static final class Rounds {

        private final HttpClient http = HttpClient.newHttpClient();
        private final AppProcess app;
        private final String auth;

        Rounds(AppProcess app) {
            this.app = app;
            this.auth = app.basicAuth("presales");
        }

        String measure(String what, String samples, Edit edit) throws IOException, InterruptedException {
            List<Long> millis = new ArrayList<>();
            String version = active(http, app, auth);
            for (int round = 0; round < 13; round++) {
                // the spare worker of the previous round has warmed up, as it would between two saves by a person
                Thread.sleep(WARM_SPARE_MILLIS);
                long start = System.nanoTime();
                edit.make(round);
                String next;
                do {
                    Thread.sleep(10);
                    next = active(http, app, auth);
                } while (next.equals(version) && System.nanoTime() - start < 30_000_000_000L);
                if (next.equals(version)) {
                    throw new IllegalStateException("the edit was not taken in within 30 s; see the service log");
                }
                version = next;
                long took = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("%s, round %2d: %d ms%s%n", what, round, took, round < 3 ? " (warm-up)" : "");
                if (round >= 3) {
                    millis.add(took);
                }
            }
            long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
            return String.format(Locale.ROOT, """
                    %s: file save -> new version serving (%d measured rounds, warm, debounce included, invariant samples %s)
                    median  %d ms
                    max     %d ms
                    all     %s ms
                    """, what, sorted.length, samples, sorted[sorted.length / 2], sorted[sorted.length - 1],
                    Arrays.toString(sorted));
        }
    }

    private static String active(HttpClient http, AppProcess app, String auth) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/rulesets/active"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        return CanonicalJson.parse(r.body()).get("version").asText();
    }
}
