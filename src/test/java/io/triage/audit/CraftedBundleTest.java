package io.triage.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline verifier assumes the bundle was crafted: odd ones are refused quickly, never a crash. */
class CraftedBundleTest {

    @Test
    void aKeyGivenTwiceIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("b.json"), "{\"format\": \"" + BundleExporter.FORMAT + "\", \"format\": \"other\"}");
        assertThat(verify(file)).startsWith("2:").contains("cannot read bundle").contains("Duplicate");
    }

    @Test
    void aNumberThatWouldTakeGigabytesToWriteOutIsRefusedQuickly(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("b.json"), "{\"format\": \"" + BundleExporter.FORMAT + "\", \"decision\": "
                + "{\"record\": {\"id\": \"x\", \"n\": 1e999999999}, \"previousHash\": \"p\", \"recordHash\": \"r\"}}");
        verify(file); // a cold JVM loads its classes first; the time that counts is the work
        long start = System.nanoTime();
        assertThat(verify(file)).startsWith("2:").contains("cannot verify bundle");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
    }

    private static String verify(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = BundleVerifier.run(file, new PrintStream(out, true, StandardCharsets.UTF_8));
        return status + ": " + out.toString(StandardCharsets.UTF_8);
    }
}
