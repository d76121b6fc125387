package io.triage.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.json.CanonicalJson;
import io.triage.testing.AppProcess;
import io.triage.testing.LocalPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the running service with SIGKILL in the middle of a stream of submissions, starts it again
 * on the same database, and checks that every decision that had been acknowledged (201) is there,
 * byte for byte with the hash it was acknowledged with, and that the chain is intact.
 */
class CrashRecoveryIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void acknowledgedDecisionsSurviveKillMinusNineOnH2(@TempDir Path dir) throws Exception {
        // the service's own H2 settings, only in a fresh folder
        Map<String, String> config = Map.of("triage.data-dir", dir.resolve("data").toString());
        survivesKill(config, config, dir);
    }

    /**
     * Also a rolling upgrade's two halves on one database: the killed instance writes records as
     * versions before LZ4 did (deflate), the restarted one as LZ4, and the chain holds across both.
     */
    @Test
    void acknowledgedDecisionsSurviveKillMinusNineOnPostgres(@TempDir Path dir) throws Exception {
        LocalPostgres pg = LocalPostgres.get();
        String url = pg.createDatabase("crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        Map<String, String> config = Map.of("triage.db.kind", "postgresql", "triage.db.url", url,
                "triage.db.user", pg.user(), "triage.db.password", pg.password(),
                "triage.data-dir", dir.resolve("data").toString());
        Map<String, String> deflate = new java.util.HashMap<>(config);
        deflate.put("triage.db.record-compression", "deflate");
        survivesKill(deflate, config, dir);

        List<Integer> firstBytes = new ArrayList<>();
        try (Connection c = pg.dataSource(url, "crash-check").getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT get_byte(record, 0) FROM decisions ORDER BY seq")) {
            while (rs.next()) {
                firstBytes.add(rs.getInt(1));
            }
        }
        // a zlib stream starts with 0x78, an LZ4 record with 'L'; the restarted instance wrote the last one
        assertThat(firstBytes.subList(0, firstBytes.size() - 1)).isNotEmpty().containsOnly(0x78);
        assertThat(firstBytes.get(firstBytes.size() - 1)).isEqualTo((int) 'L');
    }

    /** @param before the killed instance's settings; {@code after} the restarted one's, which also decides once more */
    private void survivesKill(Map<String, String> before, Map<String, String> after, Path dir) throws Exception {
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AppProcess app = new AppProcess(before, dir.resolve("service.log")).start();
        String base = app.baseUrl();
        String presales = app.basicAuth("presales");
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int client = t;
            clients.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String body = "{\"answers\": {\"monthly_calls\": " + (client * 100000 + i) + ", \"task_type\": \"classification\"}}";
                    try {
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/decisions"))
                                .header("Content-Type", "application/json").header("Authorization", presales)
                                .timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            JsonNode d = CanonicalJson.parse(r.body());
                            acknowledged.put(d.get("id").asText(), d.get("recordHash").asText());
                        }
                    } catch (Exception connectionLost) {
                        // expected once the process is killed
                    }
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < 300 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        app.kill(); // mid-stream: requests are in flight
        stop.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);

        AppProcess again = new AppProcess(after, dir.resolve("service-restarted.log")).start();
        String auditor = again.basicAuth("auditor");
        try {
            for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(again.baseUrl() + "/api/decisions/" + ack.getKey()))
                        .header("Authorization", auditor).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("acknowledged decision %s after restart", ack.getKey()).isEqualTo(200);
                assertThat(CanonicalJson.parse(r.body()).get("recordHash").asText()).isEqualTo(ack.getValue());
            }
            JsonNode chain = CanonicalJson.parse(HTTP.send(HttpRequest.newBuilder(URI.create(again.baseUrl() + "/api/audit/chain"))
                    .header("Authorization", auditor).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(chain.get("intact").asBoolean()).as(chain.toString()).isTrue();
            assertThat(chain.get("records").asLong()).isGreaterThanOrEqualTo(acknowledged.size());

            HttpResponse<String> more = HTTP.send(HttpRequest.newBuilder(URI.create(again.baseUrl() + "/api/decisions"))
                    .header("Content-Type", "application/json").header("Authorization", again.basicAuth("presales"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"answers\": {\"believes_lora_adds_knowledge\": true}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(more.statusCode()).as(more.body()).isEqualTo(201);
            JsonNode chainAfter = CanonicalJson.parse(HTTP.send(HttpRequest.newBuilder(URI.create(again.baseUrl() + "/api/audit/chain"))
                    .header("Authorization", auditor).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(chainAfter.get("intact").asBoolean()).as(chainAfter.toString()).isTrue();
            assertThat(chainAfter.get("records").asLong()).isEqualTo(chain.get("records").asLong() + 1);
        } finally {
            again.close();
        }
    }
}
