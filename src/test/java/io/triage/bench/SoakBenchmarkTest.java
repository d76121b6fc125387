package io.triage.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The soak's wrk script, which went unnoticed for a day when the shared script gained an argument. */
class SoakBenchmarkTest {

    @Test
    void thePacedScriptCarriesTheBodiesTheLoginAndThePause() {
        String script = SoakBenchmark.pacedScript(Path.of("/tmp/bodies.txt"), "Basic cHJlc2FsZXM6eA==", 37);

        assertTrue(script.contains("io.lines(\"/tmp/bodies.txt\")"), script);
        assertTrue(script.contains("[\"Authorization\"] = \"Basic cHJlc2FsZXM6eA==\""), script);
        assertTrue(script.contains("local keys = false"), script);
        assertTrue(script.contains("delay = function() return 37 end"), script);
    }
}
