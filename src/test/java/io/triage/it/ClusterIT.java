package io.triage.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.json.CanonicalJson;
import io.triage.testing.Accounts;
import io.triage.testing.AppProcess;
import io.triage.testing.LocalPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged instances on one throwaway PostgreSQL, started at the same moment on an empty
 * database, behind a real HAProxy, as an operator would run them. Decisions stream through the
 * balancer while a new version is uploaded and activated through instance A; then B is killed
 * with SIGKILL and started again. Clients retry a request that got no answer with the same
 * Idempotency-Key, as a careful client does.
 * <p>
 * Asserts: exactly one instance created the first accounts; no 503 (nor any other refusal) before
 * the kill; B serves the new version within 1 s of the activation; no decision asked for after
 * both serve it was made on the old one; every acknowledged decision is in the chain exactly once
 * with the hash it was acknowledged with, and nothing else is; the chain is intact; a lockout and
 * a session revocation made through A hold on B (restarted, so only the database can know).
 */
class ClusterIT {

    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final String OLD_TITLE = "title: \"Use a well-prompted frontier model\"";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    /** One logical request as the client saw it: its key, when it was first sent, and what finally answered it. */
    record Ack(String key, long firstSentNanos, String id, String recordHash, String version, String server) {
    }

    /** An answer other than 201, or no answer, and when. */
    record Failure(long atNanos, int status, String what) {
    }

    @Test
    void twoInstancesBehindABalancerKeepOneChainOneVersionAndOneSecurityState(@TempDir Path dir) throws Exception {
        assertThat(HAPROXY).as("HAProxy is installed (.ci/run installs Debian's haproxy)").exists();
        LocalPostgres pg = LocalPostgres.get();
        String url = pg.createDatabase("cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        Map<String, String> shared = sharedConfig(dir, url, pg);
        int portA = AppProcess.freePort();
        int portB = AppProcess.freePort();
        Map<String, String> configA = instance(shared, dir, "a");
        Map<String, String> configB = instance(shared, dir, "b");

        // both start at once on the empty database: exactly one creates the first accounts
        AppProcess a = new AppProcess(configA, dir.resolve("a.log"), portA);
        AppProcess b = new AppProcess(configB, dir.resolve("b.log"), portB);
        ExecutorService starts = Executors.newFixedThreadPool(2);
        Future<?> startA = starts.submit(() -> a.start(Duration.ofMinutes(5)));
        Future<?> startB = starts.submit(() -> b.start(Duration.ofMinutes(5)));
        startA.get();
        startB.get();
        starts.shutdown();
        AppProcess restartedB = null;
        Process haproxy = null;
        try {
            List<Path> credentialFiles = Stream.of("a", "b").map(n -> dir.resolve("data-" + n).resolve("initial-credentials.txt"))
                    .filter(Files::isRegularFile).toList();
            assertThat(credentialFiles).as("exactly one instance wrote the first credentials").hasSize(1);
            Map<String, String> accounts = Accounts.read(credentialFiles.get(0).getParent());
            String creator = credentialFiles.get(0).getParent().getFileName().toString().substring("data-".length());
            assertThat(Files.readString(dir.resolve(creator + ".log"))).contains("first start: created one account per role");
            String other = creator.equals("a") ? "b" : "a";
            assertThat(Files.readString(dir.resolve(other + ".log"))).contains("another instance created the first accounts");

            int balancerPort = AppProcess.freePort();
            haproxy = startHaproxy(dir, balancerPort, portA, portB);
            String balancer = "http://127.0.0.1:" + balancerPort;
            String presales = basic("presales", accounts);
            String policyOwner = basic("policy-owner", accounts);
            String auditor = basic("auditor", accounts);
            String admin = basic("admin", accounts);
            String oldVersion = activeVersion(a.baseUrl(), policyOwner);
            assertThat(activeVersion(b.baseUrl(), policyOwner)).isEqualTo(oldVersion);

            Queue<Ack> acks = new ConcurrentLinkedQueue<>();
            Queue<Failure> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            int clients = 6;
            ExecutorService load = Executors.newFixedThreadPool(clients);
            List<Future<?>> loaders = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                int client = t;
                loaders.add(load.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        decide(balancer, presales, client * 1_000_000 + i, acks, failures);
                    }
                    return null;
                }));
            }
            awaitCount(acks, 100, Duration.ofMinutes(2));

            // a new version, uploaded through A; every instance compiles it as soon as it passed
            String texts = Files.readString(dir.resolve("rules/recommendations.yaml"));
            assertThat(texts).contains(OLD_TITLE);
            JsonNode candidate = post(a.baseUrl() + "/api/rulesets", policyOwner, CanonicalJson.string(
                    CanonicalJson.MAPPER.createObjectNode().set("files", CanonicalJson.MAPPER.createObjectNode()
                            .put("rules/recommendations.yaml", texts.replace(OLD_TITLE, "title: \"A frontier model, prompted well\"")))));
            String newVersion = candidate.path("version").asText();
            assertThat(candidate.path("passed").asBoolean()).as(candidate.toString()).isTrue();
            awaitTrue("B compiled the candidate", Duration.ofMinutes(2),
                    () -> clusterCheck(b.baseUrl(), auditor).path("compiled").asText().contains(newVersion));

            // activated through A; B follows within a second
            post(a.baseUrl() + "/api/rulesets/" + newVersion + "/activate", policyOwner, "{\"note\": \"cluster test\"}");
            long activated = System.nanoTime();
            assertThat(activeVersion(a.baseUrl(), policyOwner)).isEqualTo(newVersion);
            while (!newVersion.equals(activeVersion(b.baseUrl(), policyOwner))) {
                assertThat(Duration.ofNanos(System.nanoTime() - activated)).as("B serving the new version").isLessThan(Duration.ofSeconds(5));
                Thread.sleep(5);
            }
            long bothOnNew = System.nanoTime();
            Duration switchTime = Duration.ofNanos(bothOnNew - activated);
            assertThat(switchTime).as("both instances on the new version within 1 s").isLessThan(Duration.ofSeconds(1));
            awaitTrue("the status through A naming the version B serves", Duration.ofSeconds(15),
                    () -> clusterCheck(a.baseUrl(), auditor).path("instance b").asText().startsWith("serves " + newVersion));
            int atSwitch = acks.size();
            awaitCount(acks, atSwitch + 100, Duration.ofMinutes(2));

            // B dies hard, mid-stream, and comes back on the same port
            long killed = System.nanoTime();
            b.kill();
            awaitCount(acks, acks.size() + 30, Duration.ofMinutes(2));
            restartedB = new AppProcess(configB, dir.resolve("b-restarted.log"), portB).start(Duration.ofMinutes(5));
            long restarted = System.nanoTime();
            assertThat(activeVersion(restartedB.baseUrl(), policyOwner)).as("B back on the active version").isEqualTo(newVersion);
            awaitTrue("decisions answered by the restarted B", Duration.ofMinutes(2),
                    () -> acks.stream().filter(x -> x.firstSentNanos() > restarted && "b".equals(x.server())).count() >= 20);

            stop.set(true);
            for (Future<?> f : loaders) {
                f.get(3, TimeUnit.MINUTES); // each client finishes the request it has, retrying until answered
            }
            load.shutdown();

            // no refusal before the kill
            List<Failure> beforeKill = failures.stream().filter(f -> f.atNanos() < killed).toList();
            assertThat(beforeKill).as("refusals before the kill").isEmpty();
            // both instances answered decisions, on both versions
            assertThat(acks.stream().map(Ack::server).distinct()).contains("a", "b");
            // nothing asked for after both switched was decided on the old version
            List<Ack> lateOld = acks.stream().filter(x -> x.firstSentNanos() > bothOnNew && !newVersion.equals(x.version())).toList();
            assertThat(lateOld).as("decisions on the old version after the switch").isEmpty();
            assertThat(acks.stream().filter(x -> oldVersion.equals(x.version()))).isNotEmpty();

            // every acknowledged decision exactly once, with its hash; nothing stored that was not acknowledged
            Map<String, String> stored = storedDecisions(url, pg);
            Map<String, String> acknowledged = new HashMap<>();
            for (Ack x : acks) {
                assertThat(acknowledged.put(x.id(), x.recordHash())).as("one decision per request: %s", x.key()).isNull();
            }
            assertThat(stored).as("the stored decisions are exactly the acknowledged ones").isEqualTo(acknowledged);
            JsonNode chain = get(balancer + "/api/audit/chain", auditor);
            assertThat(chain.path("intact").asBoolean()).as(chain.toString()).isTrue();
            assertThat(chain.path("records").asLong()).isEqualTo(acknowledged.size());

            // security state: made through A, holding on the restarted B
            assertLockoutHolds(a.baseUrl(), restartedB.baseUrl(), admin);
            assertRevocationHolds(a.baseUrl(), restartedB.baseUrl(), admin);

            System.out.printf("ClusterIT: %d decisions acknowledged (%d by B), switch seen on B after %d ms, %d failed attempts after"
                    + " the kill (all retried)%n", acknowledged.size(), acks.stream().filter(x -> "b".equals(x.server())).count(),
                    switchTime.toMillis(), failures.size());
        } finally {
            if (haproxy != null) {
                haproxy.destroy();
                haproxy.waitFor(10, TimeUnit.SECONDS);
            }
            a.close();
            b.close();
            if (restartedB != null) {
                restartedB.close();
            }
        }
    }

    /** A failed login count reached through A makes B refuse even the right password. */
    private static void assertLockoutHolds(String onA, String onB, String admin) throws Exception {
        String name = "locked-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "a long passphrase for the lockout";
        createAccount(onA, admin, name, "presales", password);
        assertThat(send(onB, "/api/decisions", basicOf(name, password)).statusCode()).isEqualTo(200);
        int status = 0;
        for (int i = 0; i < 10 && status != 429; i++) {
            status = send(onA, "/api/decisions", basicOf(name, "wrong guess " + i)).statusCode();
        }
        assertThat(status).as("A throttles the guesser").isEqualTo(429);
        HttpResponse<String> onBAfter = send(onB, "/api/decisions", basicOf(name, password));
        assertThat(onBAfter.statusCode()).as("B refuses the same name from the same address").isEqualTo(429);
        assertThat(onBAfter.headers().firstValue("Retry-After")).isPresent();
    }

    /** A web session opened on A works on B until the account is disabled through A; then B refuses it. */
    private static void assertRevocationHolds(String onA, String onB, String admin) throws Exception {
        String name = "revoked-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "a long passphrase for the session";
        createAccount(onA, admin, name, "presales", password);
        Map<String, String> cookies = new HashMap<>();
        HttpResponse<String> loginPage = send(onA, "/login", null, cookies);
        Matcher token = CSRF_FIELD.matcher(loginPage.body());
        assertThat(token.find()).as("the login page carries a CSRF token").isTrue();
        String form = "csrf-token=" + enc(token.group(1)) + "&j_username=" + enc(name) + "&j_password=" + enc(password);
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(onA + "/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookieHeader(cookies))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        keep(login, cookies);
        assertThat(cookies).as("logged in on A").containsKey("triage-session");
        assertThat(send(onB, "/triage", null, cookies).statusCode()).as("A's session on B").isEqualTo(200);

        post(onA + "/api/accounts/" + name + "/disable", admin, "{}");

        HttpResponse<String> after = send(onB, "/triage", null, new HashMap<>(cookies));
        assertThat(after.statusCode()).as("the session revoked on A is refused on B").isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    private static void decide(String balancer, String presales, int n, Queue<Ack> acks, Queue<Failure> failures) {
        String key = UUID.randomUUID().toString();
        String body = "{\"answers\": {\"monthly_calls\": " + n + ", \"task_type\": \"classification\"}}";
        long first = System.nanoTime();
        long deadline = first + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(balancer + "/api/decisions"))
                        .header("Content-Type", "application/json").header("Authorization", presales)
                        .header("Idempotency-Key", key).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    JsonNode d = CanonicalJson.parse(r.body());
                    acks.add(new Ack(key, first, d.path("id").asText(), d.path("recordHash").asText(),
                            d.path("rulesetVersion").asText(), r.headers().firstValue("X-Triage-Server").orElse("?")));
                    return;
                }
                failures.add(new Failure(System.nanoTime(), r.statusCode(), r.body()));
            } catch (IOException e) {
                failures.add(new Failure(System.nanoTime(), 0, String.valueOf(e)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(100); // then the same request again, with the same key
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("request " + key + " never answered");
    }

    private static Process startHaproxy(Path dir, int port, int portA, int portB) throws Exception {
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, """
                global
                    maxconn 256
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    retries 3
                    option redispatch
                frontend triage
                    bind 127.0.0.1:%d
                    default_backend instances
                backend instances
                    balance roundrobin
                    option httpchk GET /q/health/ready
                    http-check expect status 200
                    default-server inter 500ms fall 2 rise 2
                    http-response set-header X-Triage-Server %%s
                    server a 127.0.0.1:%d check
                    server b 127.0.0.1:%d check
                """.formatted(port, portA, portB));
        Process check = new ProcessBuilder(HAPROXY.toString(), "-c", "-f", config.toString()).redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(checked).isZero();
        Process haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        String base = "http://127.0.0.1:" + port;
        awaitTrue("HAProxy up with both instances", Duration.ofSeconds(30), () -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        Thread.sleep(1500); // both servers seen healthy (rise 2 × 500 ms)
        return haproxy;
    }

    private static Map<String, String> sharedConfig(Path dir, String url, LocalPostgres pg) throws IOException {
        for (String folder : new String[] {"rules", "test-cases"}) {
            Files.createDirectories(dir.resolve(folder));
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(folder).resolve(f.getFileName()));
                }
            }
        }
        Map<String, String> config = new HashMap<>();
        config.put("triage.db.kind", "postgresql");
        config.put("triage.db.url", url);
        config.put("triage.db.user", pg.user());
        config.put("triage.db.password", pg.password());
        config.put("triage.security.session-key", "cluster-test-session-key-" + UUID.randomUUID());
        config.put("triage.rules.dir", dir.resolve("rules").toString());
        config.put("triage.rules.test-cases-dir", dir.resolve("test-cases").toString());
        config.put("triage.policy.watch", "false");
        // validation runs in a worker JVM next to two instances under load on a small machine
        config.put("triage.worker.timeout", "180s");
        // long enough that the checks on B fall inside the wait the guesses on A earned
        config.put("triage.security.login-throttle.first-delay", "60s");
        return config;
    }

    private static Map<String, String> instance(Map<String, String> shared, Path dir, String name) {
        Map<String, String> config = new HashMap<>(shared);
        config.put("triage.data-dir", dir.resolve("data-" + name).toString());
        config.put("triage.cluster.instance-name", name);
        return config;
    }

    private static Map<String, String> storedDecisions(String url, LocalPostgres pg) throws Exception {
        Map<String, String> stored = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password());
             PreparedStatement s = c.prepareStatement("SELECT id, record_hash FROM decisions");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                assertThat(stored.put(rs.getString(1), rs.getString(2))).as("stored once: %s", rs.getString(1)).isNull();
            }
        }
        return stored;
    }

    private static void createAccount(String base, String admin, String name, String role, String password) throws Exception {
        post(base + "/api/accounts", admin, CanonicalJson.string(CanonicalJson.MAPPER.createObjectNode().put("name", name)
                .put("password", password).set("roles", CanonicalJson.MAPPER.createArrayNode().add(role))));
    }

    private static JsonNode clusterCheck(String base, String auditor) throws Exception {
        for (JsonNode check : get(base + "/api/status", auditor).path("checks")) {
            if ("cluster".equals(check.path("name").asText())) {
                return check.path("data");
            }
        }
        return CanonicalJson.MAPPER.createObjectNode();
    }

    private static String activeVersion(String base, String policyOwner) throws Exception {
        return get(base + "/api/rulesets/active", policyOwner).path("version").asText();
    }

    private static JsonNode get(String url, String authorization) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        return CanonicalJson.parse(r.body());
    }

    private static JsonNode post(String url, String authorization, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isBetween(200, 201);
        return CanonicalJson.parse(r.body());
    }

    private static HttpResponse<String> send(String base, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String base, String path, String authorization, Map<String, String> cookies)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookieHeader(cookies));
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        keep(r, cookies);
        return r;
    }

    private static void keep(HttpResponse<?> r, Map<String, String> cookies) {
        for (String setCookie : r.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
    }

    private static String cookieHeader(Map<String, String> cookies) {
        return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String basic(String name, Map<String, String> accounts) {
        return basicOf(name, accounts.get(name));
    }

    private static String basicOf(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void awaitCount(Queue<?> queue, int count, Duration limit) throws Exception {
        awaitTrue(count + " decisions acknowledged", limit, () -> queue.size() >= count);
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Duration limit, Condition condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + limit);
            }
            Thread.sleep(50);
        }
    }
}
