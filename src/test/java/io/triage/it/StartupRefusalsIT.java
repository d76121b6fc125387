package io.triage.it;

import io.triage.testing.AppProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service refusing to start for a reason an operator can fix says so in one line,
 * with what to do, and no stack trace: no session key or a short one, a database another process
 * holds, a data folder it cannot write.
 */
class StartupRefusalsIT {

    @Test
    void aMissingOrShortSessionKeyIsOneLineAndTouchesNothing(@TempDir Path dir) throws Exception {
        for (String key : new String[] {null, "too-short-to-encrypt-a-cookie"}) {
            Map<String, String> config = new HashMap<>();
            Path data = dir.resolve("data-" + (key == null ? "none" : "short"));
            config.put("triage.data-dir", data.toString());
            config.put("triage.security.session-key", key);
            Path log = dir.resolve("service-" + (key == null ? "none" : "short") + ".log");
            assertThat(new AppProcess(config, log).runToExit(Duration.ofSeconds(90))).isNotZero();
            String line = assertOneRefusalLine(log);
            assertThat(line).contains("triage.security.session-key is " + (key == null ? "not set" : "too short"))
                    .contains("TRIAGE_SECURITY_SESSION_KEY");
            assertThat(data).as("nothing is created before the key is checked").doesNotExist();
        }
    }

    @Test
    void aMaxRecordTooLargeForH2IsOneLine(@TempDir Path dir) throws Exception {
        Map<String, String> config = Map.of("triage.data-dir", dir.resolve("data").toString(), "triage.engine.max-record", "2M");
        Path log = dir.resolve("service.log");
        assertThat(new AppProcess(config, log).runToExit(Duration.ofSeconds(90))).isNotZero();
        assertThat(assertOneRefusalLine(log)).contains("triage.engine.max-record is 2097152 bytes").contains("use PostgreSQL");
    }

    @Test
    void aDatabaseHeldByAnotherProcessIsOneLine(@TempDir Path dir) throws Exception {
        Map<String, String> config = Map.of("triage.data-dir", dir.resolve("data").toString());
        try (AppProcess first = new AppProcess(config, dir.resolve("first.log")).start()) {
            Path log = dir.resolve("second.log");
            assertThat(new AppProcess(config, log).runToExit(Duration.ofSeconds(90))).isNotZero();
            assertThat(assertOneRefusalLine(log)).contains("is in use by another process").contains("triage.data-dir");
            // the first one is not disturbed
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(first.baseUrl() + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aDataFolderItCannotWriteIsOneLine(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        boolean immutable = makeUnwritable(data);
        try {
            Path log = dir.resolve("service.log");
            assertThat(new AppProcess(Map.of("triage.data-dir", data.toString()), log).runToExit(Duration.ofSeconds(90))).isNotZero();
            assertThat(assertOneRefusalLine(log)).contains("the data folder " + data.toAbsolutePath()).contains("is not writable")
                    .contains("triage.data-dir");
        } finally {
            if (immutable) {
                run("chattr", "-i", data.toString());
            }
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        }
        Path notAFolder = Files.writeString(dir.resolve("a-file"), "x");
        Path log = dir.resolve("service-2.log");
        assertThat(new AppProcess(Map.of("triage.data-dir", notAFolder.resolve("data").toString()), log)
                .runToExit(Duration.ofSeconds(90))).isNotZero();
        assertThat(assertOneRefusalLine(log)).contains("cannot be created");
    }

    /** The refusal line, after checking it is the only one and nothing printed looks like a stack trace. */
    private static String assertOneRefusalLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("a stack trace in " + log).noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
        List<String> refusals = lines.stream().filter(l -> l.contains("Triage cannot start")).toList();
        assertThat(refusals).as("refusal lines in " + log).hasSize(1);
        assertThat(lines).as("everything printed in " + log).hasSizeLessThanOrEqualTo(15);
        return refusals.get(0);
    }

    /** chmod takes writing away from anyone but root; as root, the immutable attribute does (where the file system has it). */
    private static boolean makeUnwritable(Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        if (writable(dir)) {
            boolean immutable = run("chattr", "+i", dir.toString());
            Assumptions.assumeTrue(immutable && !writable(dir), "cannot make a folder unwritable for this user here");
            return true;
        }
        return false;
    }

    private static boolean writable(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException notThere) {
            return false;
        }
    }
}
