package io.triage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.json.CanonicalJson;
import io.triage.rules.RuleSetFiles;
import io.triage.testing.AppProcess;
import io.triage.testing.LocalPostgres;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Acknowledged decisions per second over HTTP against the packaged service, with N concurrent
 * closed-loop clients submitting the golden cases' answers in turn; then the whole log replayed.
 * Run: {@code mvn -Pbench-http verify -Dbench.db=h2} (or {@code postgresql}); see BENCHMARKS.md.
 */
public final class HttpBenchmark {

    public static void main(String[] args) throws Exception {
        String db = System.getProperty("bench.db", "h2");
        int clients = Integer.getInteger("bench.clients", 32);
        int warmupSeconds = Integer.getInteger("bench.warmup", 20);
        int seconds = Integer.getInteger("bench.seconds", 30);

        Path work = Files.createTempDirectory("triage-bench-");
        Map<String, String> config = new HashMap<>();
        config.put("triage.data-dir", work.resolve("data").toString());
        config.put("quarkus.log.level", "WARN");
        if (db.equals("postgresql")) {
            LocalPostgres pg = LocalPostgres.get();
            config.put("triage.db.kind", "postgresql");
            config.put("triage.db.url", pg.createDatabase("bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)));
            config.put("triage.db.user", pg.user());
            config.put("triage.db.password", pg.password());
        }
        List<String> bodies = new ArrayList<>();
        for (GoldenCase c : GoldenCases.load(RuleSetFiles.load(Path.of("rules"), Path.of("test-cases")))) {
            ObjectNode body = CanonicalJson.MAPPER.createObjectNode();
            body.set("answers", c.answers());
            bodies.add(CanonicalJson.string(body));
        }

        String external = System.getProperty("bench.url");
        try (AppProcess app = new AppProcess(config, work.resolve("service.log"))) {
            String base = external != null ? external : app.start().baseUrl();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            System.out.printf("warming up for %d s with %d clients...%n", warmupSeconds, clients);
            load(http, base, bodies, clients, warmupSeconds);
            System.out.printf("measuring for %d s with %d clients...%n", seconds, clients);
            Result r = load(http, base, bodies, clients, seconds);

            long start = System.nanoTime();
            JsonNode replay = CanonicalJson.parse(http.send(HttpRequest.newBuilder(URI.create(base + "/api/audit/replay"))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            double replaySeconds = (System.nanoTime() - start) / 1e9;
            JsonNode chain = CanonicalJson.parse(http.send(HttpRequest.newBuilder(URI.create(base + "/api/audit/chain"))
                    .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString()).body());

            String report = String.format(Locale.ROOT, """
                    database            %s
                    clients             %d
                    acknowledged        %d in %d s = %.0f decisions/s
                    failed requests     %d
                    latency p50         %.1f ms
                    latency p90         %.1f ms
                    latency p99         %.1f ms
                    latency max         %.1f ms
                    replayed            %d stored decisions in %.2f s = %.0f replays/s (server-side %d/s), %d mismatched
                    chain               intact=%s, %d records
                    """, db, clients, r.acknowledged, seconds, r.acknowledged / (double) seconds, r.failed,
                    r.percentile(50), r.percentile(90), r.percentile(99), r.percentile(100),
                    replay.get("replayed").asLong(), replaySeconds, replay.get("replayed").asLong() / replaySeconds,
                    replay.get("perSecond").asLong(), replay.get("mismatched").asLong(),
                    chain.get("intact").asBoolean(), chain.get("records").asLong());
            System.out.println(report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "bench-http-" + db + ".txt"), report);
        }
    }

    private record Result(long acknowledged, long failed, long[] latenciesNanos) {
        double percentile(int p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(index, latenciesNanos.length - 1))] / 1e6;
        }
    }

    private static Result load(HttpClient http, String base, List<String> bodies, int clients, int seconds) throws InterruptedException {
        URI uri = URI.create(base + "/api/decisions");
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            long[] latencies = new long[2_000_000];
            perClient.add(latencies);
            int offset = c;
            Thread t = new Thread(() -> {
                int n = 0;
                try {
                    for (int i = offset; System.nanoTime() < end; i++) {
                        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build();
                        long start = System.nanoTime();
                        try {
                            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                            long took = System.nanoTime() - start;
                            if (r.statusCode() == 201) {
                                acknowledged.incrementAndGet();
                                latencies[n++] = took;
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                } finally {
                    latencies[latencies.length - 1] = n; // how many were filled
                    done.countDown();
                }
            });
            t.start();
        }
        done.await();
        long total = perClient.stream().mapToLong(l -> l[l.length - 1]).sum();
        long[] all = new long[(int) total];
        int k = 0;
        for (long[] l : perClient) {
            int n = (int) l[l.length - 1];
            System.arraycopy(l, 0, all, k, n);
            k += n;
        }
        Arrays.sort(all);
        return new Result(acknowledged.get(), failed.get(), all);
    }
}
