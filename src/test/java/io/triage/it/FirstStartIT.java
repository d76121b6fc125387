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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged service on a fresh machine: no default passwords, nothing secret in the log, its files owner-only. */
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
            assertOwnerOnly(data);
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

        // a later start leaves the accounts and the file alone, and takes back what someone opened up
        String fileBefore = Files.readString(data.resolve("initial-credentials.txt"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (var files = Files.list(data)) {
            for (Path f : files.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        Path secondLog = dir.resolve("service-2.log");
        try (AppProcess app = new AppProcess(config, secondLog).start()) {
            assertThat(get(app, "/api/audit/chain", app.basicAuth("auditor"))).isEqualTo(200);
            assertOwnerOnly(data);
        }
        assertThat(Files.readString(data.resolve("initial-credentials.txt"))).isEqualTo(fileBefore);
        String laterLog = Files.readString(secondLog);
        assertThat(laterLog).doesNotContain("first start");
        accounts.values().forEach(password -> assertThat(laterLog).doesNotContain(password));
    }

    /** The data folder 0700 and every file in it (the H2 database, the credentials) 0600. */
    private static void assertOwnerOnly(Path data) throws Exception {
        assertThat(Files.getPosixFilePermissions(data)).as(data.toString()).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(data)) {
            List<Path> all = files.toList();
            assertThat(all).as("the database is in the data folder").anyMatch(f -> f.getFileName().toString().endsWith(".mv.db"));
            for (Path f : all) {
                assertThat(Files.getPosixFilePermissions(f)).as(f.toString()).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            }
        }
    }

    private static int get(AppProcess app, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
