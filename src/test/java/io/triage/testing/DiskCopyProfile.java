package io.triage.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Runs the application on a private copy of rules/ and test-cases/ (under target/), so a test can
 * edit the files on disk the way a policy owner would, without touching the repository.
 */
public class DiskCopyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Path root = Path.of("target", "disk-copies", UUID.randomUUID().toString());
        copy(Path.of("rules"), root.resolve("rules"));
        copy(Path.of("test-cases"), root.resolve("test-cases"));
        return Map.of(
                "triage.rules.dir", root.resolve("rules").toString(),
                "triage.rules.test-cases-dir", root.resolve("test-cases").toString(),
                "triage.policy.debounce", "100ms");
    }

    /** Copies the files of a folder (not its subfolders) into another, which it creates. */
    static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
