package io.triage.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.json.CanonicalJson;
import io.triage.rules.RuleSetFiles;
import io.triage.testing.LocalPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the HTTP benchmarks share: the service's configuration, the request bodies, wrk and jcmd. */
final class LoadRig {

    /**
     * wrk's script: the golden cases' answers in turn, as the presales account. Arguments: the file of
     * bodies, {@code true} to send an idempotency key with each request (else {@code false}), the
     * Authorization header.
     */
    static final String POST_DECISIONS_LUA = """
            local bodies = {}
            for line in io.lines("%s") do bodies[#bodies + 1] = line end
            local i = math.random(#bodies)
            local keys = %s
            -- with keys: each request its own Idempotency-Key, unique per run (the time), thread and request
            local threads = 0
            function setup(thread)
              threads = threads + 1
              thread:set("prefix", string.format("%%d-%%d", os.time(), threads))
            end
            local n = 0
            request = function()
              i = (i %% #bodies) + 1
              local headers = {["Content-Type"] = "application/json", ["Authorization"] = "%s"}
              if keys then
                n = n + 1
                headers["Idempotency-Key"] = prefix .. "-" .. n
              end
              return wrk.format("POST", "/api/decisions", headers, bodies[i])
            end
            -- the tail in finer steps than wrk's own 50/75/90/99 (microseconds)
            done = function(summary, latency, requests)
              io.write("tail")
              for _, p in ipairs({95, 97, 98, 99, 99.5, 99.9}) do
                io.write(string.format(" %%g%%%%=%%d", p, latency:percentile(p)))
              end
              io.write(string.format(" max=%%d\\n", latency.max))
            end
            """;

    /** The service on a fresh data folder under {@code work}, on H2 or on a new database of the local PostgreSQL. */
    static Map<String, String> serviceConfig(String db, Path work) {
        Map<String, String> config = new HashMap<>();
        config.put("triage.data-dir", work.resolve("data").toString());
        config.put("quarkus.log.level", "WARN");
        // as in production (AppProcess turns both off for tests): the service warms its compiler up, and spares warm up before their job
        config.put("triage.policy.compiler-warm-up", "6");
        config.put("triage.worker.warm-up-rounds", "3");
        if (System.getProperty("bench.workerLog") != null) {
            config.put("quarkus.log.category.\"io.triage.worker\".level", System.getProperty("bench.workerLog"));
        }
        // -Dtriage.x=y on the benchmark's command line reaches the service (to compare settings)
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("triage."))
                .forEach(n -> config.put(n, System.getProperty(n)));
        if (db.equals("postgresql")) {
            LocalPostgres pg = LocalPostgres.get();
            config.put("triage.db.kind", "postgresql");
            config.put("triage.db.url", pg.createDatabase("bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)));
            config.put("triage.db.user", pg.user());
            config.put("triage.db.password", pg.password());
        }
        return config;
    }

    /**
     * Options for the service's JVM from {@code -Dbench.serviceJvm="..."} (space-separated), e.g.
     * {@code -XX:+UseParallelGC -Xlog:gc:file=/tmp/gc.log}; none by default, so the JVM's defaults apply (the
     * Maven profiles pass {@code -XX:+UseG1GC}, the default on this machine).
     */
    static List<String> serviceJvm() {
        String options = System.getProperty("bench.serviceJvm", "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** The golden cases' answers as decision bodies, one per line, for wrk to send in turn. */
    static Path decisionBodies(Path work) throws IOException {
        List<String> lines = new ArrayList<>();
        for (GoldenCase c : GoldenCases.load(RuleSetFiles.load(Path.of("rules"), Path.of("test-cases")))) {
            ObjectNode body = CanonicalJson.MAPPER.createObjectNode();
            body.set("answers", c.answers());
            lines.add(CanonicalJson.string(body));
        }
        return Files.write(work.resolve("bodies.txt"), lines);
    }

    static String wrk(String baseUrl, Path script, int connections, int seconds) throws IOException, InterruptedException {
        Process p;
        try {
            List<String> command = new ArrayList<>();
            // -Dbench.wrkNice=-10: wrk ahead of the service's threads in the scheduler's queue, so the
            // latency it reports is the service's, not wrk's own wait for a core (root only)
            String nice = System.getProperty("bench.wrkNice");
            if (nice != null) {
                command.addAll(List.of("nice", "-n", nice));
            }
            command.addAll(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "--timeout", "10s",
                    "-s", script.toString(), baseUrl));
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("the HTTP benchmarks need wrk: apt-get install -y wrk", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        return out;
    }

    static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    /** Requests wrk counted as answered 2xx/3xx. */
    static long acknowledged(String wrkOut) {
        return number(wrkOut, "(\\d+) requests in") - number(wrkOut, "Non-2xx or 3xx responses: (\\d+)") - socketErrors(wrkOut);
    }

    static long failed(String wrkOut) {
        return number(wrkOut, "Non-2xx or 3xx responses: (\\d+)") + socketErrors(wrkOut);
    }

    static long number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** The decision log writer's counts so far, from {@code /api/status}: {commits, decisions}. */
    static long[] logWriter(String baseUrl, String auditor) throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/api/status"))
                        .header("Authorization", auditor).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        for (com.fasterxml.jackson.databind.JsonNode check : CanonicalJson.parse(health.body()).path("checks")) {
            if (check.path("name").asText().equals("decision-log")) {
                return new long[] {check.path("data").path("commits").asLong(), check.path("data").path("decisionsCommitted").asLong()};
            }
        }
        throw new IllegalStateException("no decision-log check in " + health.body());
    }

    static String text(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? m.group(1) : "?";
    }

    private static long socketErrors(String out) {
        Matcher m = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3))
                + Long.parseLong(m.group(4)) : 0;
    }

    private LoadRig() {
    }
}
