package io.triage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.json.CanonicalJson;
import io.triage.rules.RuleSetFiles;
import io.triage.testing.AppProcess;
import io.triage.testing.LocalPostgres;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Acknowledged decisions per second over HTTP against the packaged service: {@code wrk} (a C load
 * generator, so the client takes little of the two cores) keeps N connections busy submitting the
 * golden cases' answers in turn; then every stored decision is replayed and the chain verified.
 * Run: {@code mvn -Pbench-http verify -Dbench.db=h2} (or {@code postgresql}); needs {@code wrk}.
 */
public final class HttpBenchmark {

    private static final String LUA = """
            local bodies = {}
            for line in io.lines("%s") do bodies[#bodies + 1] = line end
            local i = math.random(#bodies)
            request = function()
              i = (i %% #bodies) + 1
              return wrk.format("POST", "/api/decisions", {["Content-Type"] = "application/json",
                                ["Authorization"] = "%s"}, bodies[i])
            end
            """;

    private static final String BATCH_RULE = """
            package rules;
            import io.triage.facts.Answer;
            import io.triage.facts.Recommendation;

            rule "Very long prompts slow batch runs too"
                @id("caution-very-long-batch-prompt") @source("Triage tests")
                salience 400
            when
                Answer(question == "interaction_mode", text == "batch")
                Answer(question == "system_prompt_tokens", number >= 1500)
            then
                insert(new Recommendation("LONG_PROMPT_LATENCY"));
            end
            """;
    private static final String BATCH_CASE = """
            description: A 2,000-token prompt on batch runs.
            answers: { interaction_mode: batch, system_prompt_tokens: 2000 }
            expect:
              present: [LONG_PROMPT_LATENCY]
            """;

    public static void main(String[] args) throws Exception {
        String db = System.getProperty("bench.db", "h2");
        int connections = Integer.getInteger("bench.clients", 32);
        int warmupSeconds = Integer.getInteger("bench.warmup", 20);
        int seconds = Integer.getInteger("bench.seconds", 60);

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
        Path bodies = work.resolve("bodies.txt");
        List<String> lines = new ArrayList<>();
        for (GoldenCase c : GoldenCases.load(RuleSetFiles.load(Path.of("rules"), Path.of("test-cases")))) {
            ObjectNode body = CanonicalJson.MAPPER.createObjectNode();
            body.set("answers", c.answers());
            lines.add(CanonicalJson.string(body));
        }
        Files.write(bodies, lines);
        Path script = work.resolve("post.lua");

        try (AppProcess app = new AppProcess(config, work.resolve("service.log")).start()) {
            Files.writeString(script, String.format(LUA, bodies, app.basicAuth("presales")));
            String auditor = app.basicAuth("auditor");
            // How fast is this machine right now? The same VM has measured twice as fast or slow
            // from one hour to the next; the trivial health endpoint shows which it is.
            Path health = work.resolve("health.lua");
            Files.writeString(health, "request = function() return wrk.format(\"GET\", \"/q/health/live\") end\n");
            wrk(app.baseUrl(), health, connections, 5);
            double calibration = number(wrk(app.baseUrl(), health, connections, 10), "Requests/sec:\\s+(\\d+)");
            System.out.printf("warming up for %d s with %d connections...%n", warmupSeconds, connections);
            wrk(app.baseUrl(), script, connections, warmupSeconds);
            System.out.printf("measuring for %d s with %d connections...%n", seconds, connections);
            String out = wrk(app.baseUrl(), script, connections, seconds);

            HttpClient http = HttpClient.newHttpClient();
            JsonNode replay = CanonicalJson.parse(http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/audit/replay"))
                    .header("Authorization", auditor).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(20)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            JsonNode chain = CanonicalJson.parse(http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/audit/chain"))
                    .header("Authorization", auditor).timeout(Duration.ofMinutes(20)).build(), HttpResponse.BodyHandlers.ofString()).body());

            // impact analysis: a candidate that adds a caution, replayed against every stored decision
            String owner = app.basicAuth("policy-owner");
            ObjectNode upload = CanonicalJson.MAPPER.createObjectNode();
            ObjectNode files = upload.putObject("files");
            files.put("rules/60-batch.drl", BATCH_RULE);
            files.put("test-cases/very-long-batch-prompt.yaml", BATCH_CASE);
            JsonNode candidate = CanonicalJson.parse(http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/rulesets"))
                    .header("Authorization", owner).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(CanonicalJson.string(upload))).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            JsonNode impact = CanonicalJson.parse(http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/rulesets/"
                            + candidate.get("version").asText() + "/impact"))
                    .header("Authorization", owner).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(20)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());

            long requests = number(out, "(\\d+) requests in");
            long failed = number(out, "Non-2xx or 3xx responses: (\\d+)") + socketErrors(out);
            String report = String.format(Locale.ROOT, """
                    database            %s
                    calibration         %.0f requests/s on GET /q/health/live (machine speed now)
                    connections         %d (wrk, 2 threads)
                    acknowledged        %d in %d s = %.0f decisions/s
                    failed requests     %d
                    latency p50         %s
                    latency p90         %s
                    latency p99         %s
                    replayed            %d stored decisions in %d ms = %d replays/s, %d mismatched
                    chain               intact=%s, %d records
                    impact analysis     %d stored decisions replayed on a candidate in %d ms = %d decisions/s (%d would change)
                    """, db, calibration, connections, requests - failed, seconds, (requests - failed) / (double) seconds, failed,
                    text(out, "50%\\s+(\\S+)"), text(out, "90%\\s+(\\S+)"), text(out, "99%\\s+(\\S+)"),
                    replay.get("replayed").asLong(), replay.get("elapsedMillis").asLong(), replay.get("perSecond").asLong(),
                    replay.get("mismatched").asLong(), chain.get("intact").asBoolean(), chain.get("records").asLong(),
                    impact.get("replayed").asLong(), impact.get("elapsedMillis").asLong(), impact.get("perSecond").asLong(),
                    impact.get("codesChanged").asLong());
            System.out.println(report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "bench-http-" + db + ".txt"), report + "\nwrk output:\n" + out);
        }
    }

    private static String wrk(String baseUrl, Path script, int connections, int seconds) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "--timeout", "10s",
                    "-s", script.toString(), baseUrl).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("the HTTP benchmark needs wrk: apt-get install -y wrk", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        return out;
    }

    private static long number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static long socketErrors(String out) {
        Matcher m = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3))
                + Long.parseLong(m.group(4)) : 0;
    }

    private static String text(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? m.group(1) : "?";
    }
}
