package io.triage.it;

import static io.triage.testing.RuleFixtures.BROKEN_RULE;
import com.fasterxml.jackson.databind.JsonNode;
import io.triage.json.CanonicalJson;
import io.triage.testing.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service across restarts: the recorded activation decides what serves, so a restart
 * never undoes an activation or a rollback; what is on disk is only a candidate.
 */
class ActivationAuthorityIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aRestartServesWhatWasLastActivatedWhateverIsOnDisk(@TempDir Path dir) throws Exception {
        Map<String, String> config = copyRules(dir);
        String onDisk;
        String uploaded;
        try (AppProcess app = new AppProcess(config, dir.resolve("first.log")).start()) {
            onDisk = activeVersion(app);
            String texts = Files.readString(dir.resolve("rules/recommendations.yaml"))
                    .replace("title: \"Use a well-prompted frontier model\"", "title: \"Use a frontier model with a good prompt\"");
            JsonNode candidate = post(app, "/api/rulesets", CanonicalJson.string(
                    CanonicalJson.MAPPER.createObjectNode().set("files",
                            CanonicalJson.MAPPER.createObjectNode().put("rules/recommendations.yaml", texts))));
            uploaded = candidate.path("version").asText();
            post(app, "/api/rulesets/" + uploaded + "/activate", "{}");
            assertThat(activeVersion(app)).isEqualTo(uploaded);
        }

        try (AppProcess app = new AppProcess(config, dir.resolve("second.log")).start()) {
            assertThat(activeVersion(app)).as("the upload stays active; the disk did not win").isEqualTo(uploaded);
            JsonNode startup = waitForStartupCheck(app);
            assertThat(startup.path("fallback").asBoolean()).isTrue();
            assertThat(startup.path("diskVersion").asText()).isEqualTo(onDisk);
            assertThat(startup.path("problems").toString()).contains("not active");
            // the rollback to the version on disk, through the API
            post(app, "/api/rulesets/" + onDisk + "/activate", "{}");
        }

        Files.writeString(dir.resolve("rules/99-broken.drl"), BROKEN_RULE);
        Path log = dir.resolve("third.log");
        try (AppProcess app = new AppProcess(config, log).start()) {
            assertThat(activeVersion(app)).as("the rollback survives the restart").isEqualTo(onDisk);
            JsonNode startup = waitForStartupCheck(app);
            assertThat(startup.path("fallback").asBoolean()).isTrue();
            assertThat(startup.path("problems").toString()).contains("rules/99-broken.drl:7");
        }
        assertThat(Files.readString(log)).contains("serving " + onDisk + ", the version last activated");
    }

    @Test
    void refusesToStartWhenTheRulesFailAndNoVersionWasEverActive(@TempDir Path dir) throws Exception {
        Map<String, String> config = copyRules(dir);
        Files.writeString(dir.resolve("rules/99-broken.drl"), BROKEN_RULE);
        Path log = dir.resolve("service.log");
        assertThat(new AppProcess(config, log).runToExit(Duration.ofSeconds(180))).isNotZero();
        String printed = Files.readString(log);
        assertThat(printed).contains("Triage cannot start: the rule set in").contains("no earlier version was ever active")
                .contains("rules/99-broken.drl:7");
        assertThat(printed).as("no stack trace").doesNotContain("\tat ");
    }

    /** The startup comparison of disk and what serves runs in the background; wait for its outcome. */
    private static JsonNode waitForStartupCheck(AppProcess app) throws Exception {
        return waitFor(app, "/api/rulesets/disk", n -> !n.path("startup").isNull() && !n.path("startup").isMissingNode(),
                Duration.ofSeconds(120)).path("startup");
    }

    private static JsonNode waitFor(AppProcess app, String path, Predicate<JsonNode> done, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode node = get(app, path);
        while (!done.test(node) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            node = get(app, path);
        }
        return node;
    }

    private static String activeVersion(AppProcess app) throws Exception {
        return get(app, "/api/rulesets/active").get("version").asText();
    }

    private static JsonNode get(AppProcess app, String path) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", app.basicAuth("policy-owner")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return CanonicalJson.parse(body);
    }

    private static JsonNode post(AppProcess app, String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", app.basicAuth("policy-owner")).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
        return CanonicalJson.parse(response.body());
    }

    private static Map<String, String> copyRules(Path dir) throws IOException {
        for (String folder : new String[] {"rules", "test-cases"}) {
            Files.createDirectories(dir.resolve(folder));
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(folder).resolve(f.getFileName()));
                }
            }
        }
        return Map.of("triage.data-dir", dir.resolve("data").toString(),
                "triage.rules.dir", dir.resolve("rules").toString(),
                "triage.rules.test-cases-dir", dir.resolve("test-cases").toString());
    }
}
