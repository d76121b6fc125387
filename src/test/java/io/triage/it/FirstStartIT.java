package io.triage.it;

import io.triage.testing.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged service on a fresh machine: no default passwords, nothing secret in the log. */
class FirstStartIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aFreshStartWritesOneRandomPasswordPerRoleToAnOwnerOnlyFileAndNeverLogsThem(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Map<String, String> config = Map.of("triage.data-dir", data.toString());
        Path log = dir.resolve("service.log");
        Map<String, String> accounts;
        try (AppProcess app = new AppProcess(config, log).start()) {
            Path file = data.resolve("initial-credentials.txt");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            accounts = app.initialAccounts();
            assertThat(accounts).containsOnlyKeys("presales", "policy-owner", "auditor", "admin");
            assertThat(accounts.values()).allSatisfy(p -> assertThat(p).matches("[A-Za-z0-9]{20}")).doesNotHaveDuplicates();
            for (String name : accounts.keySet()) {
                assertThat(get(app, "/api/questionnaire", app.basicAuth(name))).as(name).isEqualTo(200);
            }
            assertThat(get(app, "/api/questionnaire", null)).isEqualTo(401);
        }
        String firstLog = Files.readString(log);
        assertThat(firstLog).contains(data.resolve("initial-credentials.txt").toAbsolutePath().normalize().toString());
        accounts.values().forEach(password -> assertThat(firstLog).doesNotContain(password));

        // a later start leaves the accounts and the file alone
        String fileBefore = Files.readString(data.resolve("initial-credentials.txt"));
        Path secondLog = dir.resolve("service-2.log");
        try (AppProcess app = new AppProcess(config, secondLog).start()) {
            assertThat(get(app, "/api/audit/chain", app.basicAuth("auditor"))).isEqualTo(200);
        }
        assertThat(Files.readString(data.resolve("initial-credentials.txt"))).isEqualTo(fileBefore);
        String laterLog = Files.readString(secondLog);
        assertThat(laterLog).doesNotContain("first start");
        accounts.values().forEach(password -> assertThat(laterLog).doesNotContain(password));
    }

    @Test
    void productionRefusesToStartWithoutASessionKey(@TempDir Path dir) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("triage.data-dir", dir.resolve("data").toString());
        config.put("triage.security.session-key", null);
        Path log = dir.resolve("service.log");
        int exit = new AppProcess(config, log).runToExit(Duration.ofSeconds(90));
        assertThat(exit).isNotZero();
        assertThat(Files.readString(log)).contains("triage.security.session-key is not set")
                .contains("TRIAGE_SECURITY_SESSION_KEY");
    }

    private static int get(AppProcess app, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
