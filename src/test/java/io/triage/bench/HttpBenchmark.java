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
 * Run: {@code mvn -Pbench-http verify -Dbench.db=h2} (or {@code postgresql}); needs {@code wrk}. Add
 * {@code -Dbench.profile=true} for the CPU time per decision of each stage (JFR and /proc).
 */
public final class HttpBenchmark {

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
        // -Dbench.profile=true: JFR and per-thread CPU over the measured window, split into stages
        boolean profile = Boolean.getBoolean("bench.profile");

        Path work = Files.createTempDirectory("triage-bench-");
        Map<String, String> config = LoadRig.serviceConfig(db, work);
        Path bodies = LoadRig.decisionBodies(work);
        Path script = work.resolve("post.lua");

        try (AppProcess app = new AppProcess(config, work.resolve("service.log")).start()) {
            Files.writeString(script, String.format(LoadRig.POST_DECISIONS_LUA, bodies, app.basicAuth("presales")));
            String auditor = app.basicAuth("auditor");
            // How fast is this machine right now? The same VM has measured twice as fast or slow
            // from one hour to the next; the trivial health endpoint shows which it is.
            Path health = work.resolve("health.lua");
            Files.writeString(health, "request = function() return wrk.format(\"GET\", \"/q/health/live\") end\n");
            LoadRig.wrk(app.baseUrl(), health, connections, 5);
            double calibration = LoadRig.number(LoadRig.wrk(app.baseUrl(), health, connections, 10), "Requests/sec:\\s+(\\d+)");
            System.out.printf("warming up for %d s with %d connections...%n", warmupSeconds, connections);
            LoadRig.wrk(app.baseUrl(), script, connections, warmupSeconds);
            System.out.printf("measuring for %d s with %d connections...%n", seconds, connections);
            Path recording = work.resolve("breakdown.jfr");
            Map<String, Long> cpuBefore = null;
            if (profile) {
                LoadRig.jcmd(app.pid(), "JFR.start", "name=breakdown", "settings=profile");
                cpuBefore = CpuBreakdown.threadTicks(app.pid());
            }
            String out = LoadRig.wrk(app.baseUrl(), script, connections, seconds);
            String breakdown = "";
            if (profile) {
                Map<String, Long> cpuAfter = CpuBreakdown.threadTicks(app.pid());
                LoadRig.jcmd(app.pid(), "JFR.stop", "name=breakdown", "filename=" + recording);
                breakdown = "\n" + CpuBreakdown.report(recording, cpuBefore, cpuAfter, LoadRig.acknowledged(out));
                System.out.println(breakdown);
            }

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

            long failed = LoadRig.failed(out);
            long acknowledged = LoadRig.acknowledged(out);
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
                    """, db, calibration, connections, acknowledged, seconds, acknowledged / (double) seconds, failed,
                    LoadRig.text(out, "50%\\s+(\\S+)"), LoadRig.text(out, "90%\\s+(\\S+)"), LoadRig.text(out, "99%\\s+(\\S+)"),
                    replay.get("replayed").asLong(), replay.get("elapsedMillis").asLong(), replay.get("perSecond").asLong(),
                    replay.get("mismatched").asLong(), chain.get("intact").asBoolean(), chain.get("records").asLong(),
                    impact.get("replayed").asLong(), impact.get("elapsedMillis").asLong(), impact.get("perSecond").asLong(),
                    impact.get("codesChanged").asLong());
            System.out.println(report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "bench-http-" + db + ".txt"), report + breakdown + "\nwrk output:\n" + out);
        }
    }
}
