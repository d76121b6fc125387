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
 * watches a copy of the shipped rule set; each round rewrites one text in recommendations.yaml and
 * polls the active version until it changes (debounce, safety check, compile, all golden cases,
 * coverage, invariants, store, swap). 3 warm-up rounds, then 10 measured. Run: {@code mvn -Pbench-reload verify};
 * {@code -Dbench.invariantSamples=N} sets {@code triage.policy.invariant-samples} (default: the service's own).
 */
public final class ReloadBenchmark {

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
                "quarkus.log.level", "WARN"));
        String samples = System.getProperty("bench.invariantSamples", "default");
        if (!samples.equals("default")) {
            config.put("triage.policy.invariant-samples", samples);
        }
        Path texts = work.resolve("rules/recommendations.yaml");
        String original = Files.readString(texts);
        String marker = "title: \"Use a well-prompted frontier model\"";
        if (!original.contains(marker)) {
            throw new IllegalStateException("recommendations.yaml no longer has the title this benchmark edits");
        }
        HttpClient http = HttpClient.newHttpClient();
        List<Long> millis = new ArrayList<>();
        try (AppProcess app = new AppProcess(config, work.resolve("service.log")).start()) {
            String auth = app.basicAuth("presales");
            String version = active(http, app, auth);
            for (int round = 0; round < 13; round++) {
                String content = original.replace(marker, "title: \"Use a well-prompted frontier model (" + round + ")\"");
                long start = System.nanoTime();
                Files.writeString(texts, content);
                String next;
                do {
                    Thread.sleep(10);
                    next = active(http, app, auth);
                } while (next.equals(version) && System.nanoTime() - start < 30_000_000_000L);
                if (next.equals(version)) {
                    throw new IllegalStateException("the edit was not taken in within 30 s; see " + work.resolve("service.log"));
                }
                version = next;
                long took = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("round %2d: %d ms%s%n", round, took, round < 3 ? " (warm-up)" : "");
                if (round >= 3) {
                    millis.add(took);
                }
            }
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        String report = String.format(Locale.ROOT, """
                file save -> new version serving (%d measured rounds, warm, debounce 300 ms included, invariant samples %s)
                median  %d ms
                max     %d ms
                all     %s ms
                """, sorted.length, samples, sorted[sorted.length / 2], sorted[sorted.length - 1],
                Arrays.toString(sorted));
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "bench-reload.txt"), report);
    }

    private static String active(HttpClient http, AppProcess app, String auth) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/rulesets/active"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        return CanonicalJson.parse(r.body()).get("version").asText();
    }
}
