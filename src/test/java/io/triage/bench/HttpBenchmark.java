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
 * golden cases' answers in turn; then every stored decision is replayed twice (the first replay in the
 * service also compiles the replay's code; {@code -Dbench.replays=N} for more) and the chain verified.
 * Run: {@code mvn -Pbench-http verify -Dbench.db=h2} (or {@code postgresql}); needs {@code wrk}. Add
 * {@code -Dbench.profile=true} for the CPU time per decision of each stage (JFR and /proc).
 * {@code -Dbench.impactProfile=true} for where the service's time goes during the impact analysis.
 * {@code -Dbench.secondAnalysisAfter=N} runs the analysis again N s later, on the impact spare the first one left.
 * {@code -Dbench.quietSeconds=N} (default 30): the machine is left quiet this long before the impact
 * analysis, as between a person's edit and their analysis; 0 runs it straight after the load.
 * {@code -Dbench.keys=true}: every request carries its own {@code Idempotency-Key}, as the web form's do.
 * <p>
 * With {@code -Dbench.instances=N} (PostgreSQL only), N packaged instances share one database and
 * the session key behind HAProxy ({@code /usr/sbin/haproxy}, round robin), and wrk loads the
 * balancer; {@code -Dbench.instances=1} also goes through HAProxy, so 1 and 2 compare like for like.
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
        // -Dbench.impactProfile=true: JFR and per-thread CPU over the impact analysis
        boolean impactProfile = Boolean.getBoolean("bench.impactProfile");
        Integer instances = Integer.getInteger("bench.instances");
        if (instances != null && !db.equals("postgresql")) {
            throw new IllegalArgumentException("several instances need -Dbench.db=postgresql (H2 is one process)");
        }

        Path work = Files.createTempDirectory("triage-bench-");
        Map<String, String> config = LoadRig.serviceConfig(db, work);
        config.put("triage.security.session-key", "bench-session-key-" + UUID.randomUUID());
        Path bodies = LoadRig.decisionBodies(work);
        Path script = work.resolve("post.lua");

        List<AppProcess> apps = new ArrayList<>();
        Process balancer = null;
        // Starting a profiling recording in a running service makes the JIT compile much of the
        // code again, which swamps the measured window; so with -Dbench.profile the service records
        // from its start (a rolling in-memory recording), and the measured window's recording
        // joins it with the same settings.
        List<String> jvm = new ArrayList<>(profile || impactProfile ? List.of("-XX:StartFlightRecording=name=warm,settings=profile,disk=false,maxage=1m")
                : List.of());
        jvm.addAll(LoadRig.serviceJvm());
        try (AppProcess app = new AppProcess(config, work.resolve("service.log")).jvmOptions(jvm).start()) {
            apps.add(app);
            String target = app.baseUrl();
            if (instances != null) {
                for (int i = 1; i < instances; i++) {
                    Map<String, String> more = new HashMap<>(config);
                    more.put("triage.data-dir", work.resolve("data-" + i).toString());
                    apps.add(new AppProcess(more, work.resolve("service-" + i + ".log")).jvmOptions(LoadRig.serviceJvm()).start(Duration.ofMinutes(5)));
                }
                int port = AppProcess.freePort();
                balancer = haproxy(work, port, apps);
                target = "http://127.0.0.1:" + port;
            }
            Files.writeString(script, String.format(LoadRig.POST_DECISIONS_LUA, bodies,
                    Boolean.getBoolean("bench.keys"), app.basicAuth("presales")));
            String auditor = app.basicAuth("auditor");
            // How fast is this machine right now? The same VM has measured twice as fast or slow
            // from one hour to the next; the trivial health endpoint shows which it is.
            Path health = work.resolve("health.lua");
            Files.writeString(health, "request = function() return wrk.format(\"GET\", \"/q/health/live\") end\n");
            LoadRig.wrk(target, health, connections, 5);
            String healthOut = LoadRig.wrk(target, health, connections, 10);
            double calibration = LoadRig.number(healthOut, "Requests/sec:\\s+(\\d+)");
            System.out.printf("warming up for %d s with %d connections...%n", warmupSeconds, connections);
            LoadRig.wrk(target, script, connections, warmupSeconds);
            System.out.printf("measuring for %d s with %d connections...%n", seconds, connections);
            Path recording = work.resolve("breakdown.jfr");
            Map<String, Long> cpuBefore = null;
            java.time.Instant measuredFrom = java.time.Instant.now();
            if (profile) {
                LoadRig.jcmd(app.pid(), "JFR.start", "name=breakdown", "settings=profile");
                cpuBefore = CpuBreakdown.threadTicks(app.pid());
            }
            long[] writerBefore = LoadRig.logWriter(app.baseUrl(), auditor);
            CpuBreakdown.CpuReading cpuFrom = CpuBreakdown.CpuReading.now(app.pid());
            String out = LoadRig.wrk(target, script, connections, seconds);
            String decisionCpu = CpuBreakdown.CpuReading.now(app.pid()).since(cpuFrom, LoadRig.acknowledged(out));
            long[] writerAfter = LoadRig.logWriter(app.baseUrl(), auditor);
            String breakdown = "";
            if (profile) {
                Map<String, Long> cpuAfter = CpuBreakdown.threadTicks(app.pid());
                LoadRig.jcmd(app.pid(), "JFR.stop", "name=breakdown", "filename=" + recording);
                breakdown = "\n" + CpuBreakdown.report(recording, measuredFrom, cpuBefore, cpuAfter, LoadRig.acknowledged(out));
                System.out.println(breakdown);
            }

            HttpClient http = HttpClient.newHttpClient();
            // The first replay after the load also compiles the replay's own code (the scan, the
            // reading of stored records, the comparison); the second runs on compiled code, as every
            // replay of a service that has replayed before does.
            JsonNode replay = replayAll(http, app.baseUrl(), auditor);
            // -Dbench.replays=N (default 2): N replays of the whole log; all but the first are warm
            List<Long> warmRates = new ArrayList<>();
            JsonNode replayAgain = replay;
            CpuBreakdown.CpuReading replayCpuFrom = CpuBreakdown.CpuReading.now(app.pid());
            long warmReplayed = 0;
            for (int i = 1; i < Math.max(2, Integer.getInteger("bench.replays", 2)); i++) {
                replayAgain = replayAll(http, app.baseUrl(), auditor);
                warmRates.add(replayAgain.get("perSecond").asLong());
                warmReplayed += replayAgain.get("replayed").asLong();
            }
            String replayCpu = CpuBreakdown.CpuReading.now(app.pid()).since(replayCpuFrom, warmReplayed, "replay");
            JsonNode chain = CanonicalJson.parse(http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/audit/chain"))
                    .header("Authorization", auditor).timeout(Duration.ofMinutes(20)).build(), HttpResponse.BodyHandlers.ofString()).body());

            // impact analysis: a candidate that adds a caution, replayed against every stored decision.
            // A person edits and reads a report before asking for an analysis; the impact spare warms up
            // in such quiet time (it runs at low priority, so under full load it waits). 0 measures the
            // analysis straight after the load, on a spare that could not warm up.
            int quietSeconds = Integer.getInteger("bench.quietSeconds", 30);
            Thread.sleep(quietSeconds * 1000L);
            String owner = app.basicAuth("policy-owner");
            Map<String, Long> impactCpuBefore = null;
            long impactStart = System.nanoTime();
            java.time.Instant impactFrom = java.time.Instant.now();
            if (impactProfile) {
                LoadRig.jcmd(app.pid(), "JFR.start", "name=impact", "settings=profile");
                impactCpuBefore = CpuBreakdown.threadTicks(app.pid());
                impactStart = System.nanoTime();
                impactFrom = java.time.Instant.now();
            }
            ObjectNode upload = CanonicalJson.MAPPER.createObjectNode();
            ObjectNode files = upload.putObject("files");
            files.put("rules/60-batch.drl", BATCH_RULE);
            files.put("test-cases/very-long-batch-prompt.yaml", BATCH_CASE);
            JsonNode candidate = CanonicalJson.parse(http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/rulesets"))
                    .header("Authorization", owner).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(CanonicalJson.string(upload))).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            long[] machineBefore = CpuBreakdown.machineTicks();
            long serviceBefore = CpuBreakdown.processTicks(app.pid());
            long analysisStart = System.nanoTime();
            JsonNode impact = analyse(http, app, owner, candidate.get("version").asText());
            String impactCpu = CpuBreakdown.whoUsedTheCpu(machineBefore, CpuBreakdown.machineTicks(), serviceBefore,
                    CpuBreakdown.processTicks(app.pid()), (System.nanoTime() - analysisStart) / 1_000_000);
            String impactHotSpots = "";
            if (impactProfile) {
                long wall = (System.nanoTime() - impactStart) / 1_000_000;
                Map<String, Long> impactCpuAfter = CpuBreakdown.threadTicks(app.pid());
                Path impactRecording = work.resolve("impact.jfr");
                LoadRig.jcmd(app.pid(), "JFR.stop", "name=impact", "filename=" + impactRecording);
                impactHotSpots = "\nthe service during the impact analysis\n"
                        + CpuBreakdown.hotSpots(impactRecording, impactFrom, impactCpuBefore, impactCpuAfter, wall, 25);
                System.out.println(impactHotSpots);
            }

            // -Dbench.secondAnalysisAfter=N: the same analysis again after N s, on the impact spare the first one left
            int secondAfter = Integer.getInteger("bench.secondAnalysisAfter", 0);
            String second = "";
            if (secondAfter > 0) {
                Thread.sleep(secondAfter * 1000L);
                JsonNode again = analyse(http, app, owner, candidate.get("version").asText());
                second = String.format(Locale.ROOT, "second analysis     %d stored decisions in %d ms = %d decisions/s, after %d s quiet%n",
                        again.get("replayed").asLong(), again.get("elapsedMillis").asLong(), again.get("perSecond").asLong(), secondAfter);
            }

            long failed = LoadRig.failed(out);
            long acknowledged = LoadRig.acknowledged(out);
            String report = String.format(Locale.ROOT, """
                    database            %s
                    instances           %s
                    calibration         %.0f requests/s on GET /q/health/live (machine speed now), latency p50 %s, p99 %s
                    connections         %d (wrk, 2 threads)
                    acknowledged        %d in %d s = %.0f decisions/s
                    failed requests     %d
                    latency p50         %s
                    latency p90         %s
                    latency p99         %s
                    latency tail        %s (µs)
                    CPU deciding        %s
                    per commit          %.1f decisions on average (%d commits of the log's writer)
                    replayed            %d stored decisions in %d ms = %d replays/s, %d mismatched (the first replay in this service)
                    replayed again      %d stored decisions in %d ms = %d replays/s, %d mismatched (warm; every warm replay: %s)
                    CPU replaying       %s (the warm replays)
                    chain               intact=%s, %d records
                    impact analysis     %d stored decisions replayed on a candidate in %d ms = %d decisions/s (%d would change), after %d s quiet
                    impact analysis     %s""", db, instances == null ? "1 (no balancer)" : instances + " behind HAProxy", calibration,
                    LoadRig.text(healthOut, "(?m)^\\s+50%\\s+(\\S+)"), LoadRig.text(healthOut, "(?m)^\\s+99%\\s+(\\S+)"), connections, acknowledged, seconds, acknowledged / (double) seconds, failed,
                    LoadRig.text(out, "(?m)^\\s+50%\\s+(\\S+)"), LoadRig.text(out, "(?m)^\\s+90%\\s+(\\S+)"), LoadRig.text(out, "(?m)^\\s+99%\\s+(\\S+)"), LoadRig.text(out, "(?m)^tail (.*)$"), decisionCpu,
                    (writerAfter[1] - writerBefore[1]) / (double) Math.max(1, writerAfter[0] - writerBefore[0]), writerAfter[0] - writerBefore[0],
                    replay.get("replayed").asLong(), replay.get("elapsedMillis").asLong(), replay.get("perSecond").asLong(),
                    replay.get("mismatched").asLong(),
                    replayAgain.get("replayed").asLong(), replayAgain.get("elapsedMillis").asLong(), replayAgain.get("perSecond").asLong(),
                    replayAgain.get("mismatched").asLong(), warmRates, replayCpu, chain.get("intact").asBoolean(), chain.get("records").asLong(),
                    impact.get("replayed").asLong(), impact.get("elapsedMillis").asLong(), impact.get("perSecond").asLong(),
                    impact.get("codesChanged").asLong(), quietSeconds, impactCpu) + second;
            System.out.println(report);
            Files.createDirectories(Path.of("target"));
            String name = "bench-http-" + db + (instances == null ? "" : "-" + instances + "-instances") + ".txt";
            Files.writeString(Path.of("target", name), report + breakdown + impactHotSpots + "\nwrk output:\n" + out);
        } finally {
            if (balancer != null) {
                balancer.destroy();
            }
            for (AppProcess other : apps.subList(Math.min(1, apps.size()), apps.size())) {
                other.close();
            }
        }
    }

    /** {@code POST /api/audit/replay}: every stored decision replayed on its own version, waiting for the report. */
    private static JsonNode replayAll(HttpClient http, String baseUrl, String auditor) throws Exception {
        return CanonicalJson.parse(http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/audit/replay"))
                .header("Authorization", auditor).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(20)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** One impact analysis of a version as a background job, waited for: the job's result. */
    private static JsonNode analyse(HttpClient http, AppProcess app, String owner, String version)
            throws IOException, InterruptedException {
        JsonNode job = CanonicalJson.parse(http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/rulesets/" + version + "/impact"))
                .header("Authorization", owner).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (!job.path("finishedAt").isTextual() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            job = CanonicalJson.parse(http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + job.get("links").get("self").asText()))
                    .header("Authorization", owner).build(), HttpResponse.BodyHandlers.ofString()).body());
        }
        return job.path("result");
    }

    /** HAProxy in front of the instances, round robin, each health-checked on /q/health/ready. */
    private static Process haproxy(Path work, int port, List<AppProcess> apps) throws IOException, InterruptedException {
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < apps.size(); i++) {
            servers.append("    server i").append(i).append(" 127.0.0.1:").append(apps.get(i).port()).append(" check\n");
        }
        Path config = work.resolve("haproxy.cfg");
        Files.writeString(config, """
                global
                    maxconn 1024
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                frontend bench
                    bind 127.0.0.1:%d
                    default_backend instances
                backend instances
                    balance roundrobin
                    option httpchk GET /q/health/ready
                    default-server inter 1s
                """.formatted(port) + servers);
        Process p = new ProcessBuilder("/usr/sbin/haproxy", "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("haproxy.log").toFile()).start();
        Thread.sleep(3000); // listening, and every server seen healthy
        if (!p.isAlive()) {
            throw new IllegalStateException("HAProxy did not start; see " + work.resolve("haproxy.log"));
        }
        return p;
    }
}
