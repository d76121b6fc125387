package io.triage.worker;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a worker process: the same Java and the same classes as this process, a
 * small heap, and the worker's own main class. Knows the three ways Triage runs: the packaged
 * application ({@code quarkus-app/}), the test suite, and a plain class path (tools).
 */
final class WorkerCommand {

    static final String MAIN_CLASS = "io.triage.workerchild.WorkerMain";
    /** Tells the worker it is a spare: a warm-up request comes before its job (see {@code WorkerMain}). */
    static final String WARM = "--warm-up";

    private WorkerCommand() {
    }

    /**
     * @param longRunning a job that replays many decisions gets the optimizing compiler; a short one
     *                    (validation, one replay) only the quick one, which costs half the CPU to warm up
     */
    static List<String> of(String heap, Path scratch, boolean longRunning, boolean warm) {
        List<String> command = new ArrayList<>();
        // a worker grinding through a hostile candidate yields the CPU to decisions
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", "10"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-Xmx" + heap, "-Xss512k", "-XX:MaxMetaspaceSize=256m", "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", longRunning ? "-XX:+TieredCompilation" : "-XX:TieredStopAtLevel=1",
                "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + scratch,
                "-Djava.util.logging.manager=java.util.logging.LogManager",
                "-cp", classPath(), MAIN_CLASS));
        if (warm) {
            command.add(WARM);
        }
        return command;
    }

    /** The class path that holds this application's classes and libraries. */
    static String classPath() {
        Path app = codeSource();
        // the packaged application: quarkus-app/app/<name>.jar beside quarkus-app/lib/{boot,main}
        if (app != null && app.getParent() != null && app.getParent().getFileName().toString().equals("app")
                && Files.isDirectory(app.getParent().resolveSibling("lib"))) {
            Path root = app.getParent().getParent();
            return String.join(File.pathSeparator, root.resolve("lib/boot/*").toString(),
                    root.resolve("lib/main/*").toString(), root.resolve("app/*").toString());
        }
        String tests = System.getProperty("surefire.test.class.path");
        if (tests != null && !tests.isBlank()) {
            return tests;
        }
        // a tool run inside Maven (exec:java) gets the project's classes from a class loader of its own
        if (WorkerCommand.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | RuntimeException e) {
                    // not a local file; the worker cannot use it
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private static Path codeSource() {
        try {
            var source = WorkerCommand.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
