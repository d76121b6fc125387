package io.triage.it;

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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Broken rules on disk at startup: start on the last good stored version, or refuse to start if there is none. */
class StartupFallbackIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BROKEN = """
            package rules;
            import io.triage.facts.Answer;
            rule "Broken"
                @id("broken")
            when
                Answer(question == "task_type", colour == "red")
            then
            end
            """;

    @Test
    void startsOnTheLastGoodVersionWhenTheRulesOnDiskFail(@TempDir Path dir) throws Exception {
        Map<String, String> config = copyRules(dir);
        String good;
        try (AppProcess app = new AppProcess(config, dir.resolve("first.log")).start()) {
            good = activeVersion(app);
        }
        Files.writeString(dir.resolve("rules/99-broken.drl"), BROKEN);

        Path log = dir.resolve("second.log");
        try (AppProcess app = new AppProcess(config, log).start()) {
            assertThat(activeVersion(app)).isEqualTo(good);
            String ready = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(ready).as("anonymous readiness names nothing").isEqualTo("{\"status\":\"UP\"}");
            String status = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/status"))
                    .header("Authorization", app.basicAuth("auditor")).build(), HttpResponse.BodyHandlers.ofString()).body();
            String fallback = "";
            for (var check : CanonicalJson.parse(status).path("checks")) {
                if (check.path("name").asText().equals("rule-set")) {
                    fallback = check.path("data").path("startupFallback").asText();
                }
            }
            assertThat(fallback).contains("rules/99-broken.drl:6");
        }
        assertThat(Files.readString(log)).contains("started on the last good version " + good).contains("rules/99-broken.drl:6");
    }

    @Test
    void refusesToStartWhenTheRulesFailAndNoVersionWasEverActive(@TempDir Path dir) throws Exception {
        Map<String, String> config = copyRules(dir);
        Files.writeString(dir.resolve("rules/99-broken.drl"), BROKEN);
        Path log = dir.resolve("service.log");
        assertThat(new AppProcess(config, log).runToExit(Duration.ofSeconds(90))).isNotZero();
        String printed = Files.readString(log);
        assertThat(printed).contains("Triage cannot start: the rule set in").contains("no earlier version was ever active")
                .contains("rules/99-broken.drl:6");
        assertThat(printed).as("no stack trace").doesNotContain("\tat ");
    }

    private static String activeVersion(AppProcess app) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/rulesets/active"))
                .header("Authorization", app.basicAuth("presales")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return CanonicalJson.parse(body).get("version").asText();
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
