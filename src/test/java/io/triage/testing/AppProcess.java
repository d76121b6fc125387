package io.triage.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as a separate process,
 * as an operator would run it, so tests and benchmarks can kill it hard and start it again.
 */
public final class AppProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String SESSION_KEY = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(24));

    private final Map<String, String> config;
    private final int port;
    private final Path log;
    private final List<String> jvmOptions = new ArrayList<>();
    private Process process;
    /** Stops the service if this JVM is stopped first; removed once the service has stopped. */
    private Thread stopWithThisJvm;

    public AppProcess(Map<String, String> config, Path log) throws IOException {
        this(config, log, freePort());
    }

    /** On a given port: an instance restarted where a load balancer expects it. */
    public AppProcess(Map<String, String> config, Path log, int port) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run 'mvn package' (or 'mvn verify') first");
        }
        this.config = new java.util.HashMap<>(config);
        // production mode refuses to start without a session key; give one unless the caller says otherwise
        if (!this.config.containsKey("triage.security.session-key")) {
            this.config.put("triage.security.session-key", SESSION_KEY);
        }
        // the tests start the service often and edit rules seldom; the reload benchmark asks for the warm-ups
        this.config.putIfAbsent("triage.policy.compiler-warm-up", "0");
        this.config.putIfAbsent("triage.worker.warm-up-rounds", "0");
        this.port = port;
        this.log = log;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Options for the service's JVM (such as a flight recording from the start), before {@link #start}. */
    public AppProcess jvmOptions(List<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    public AppProcess start() throws IOException, InterruptedException {
        return start(Duration.ofSeconds(90));
    }

    /** Starts the service and waits until it is ready, at most {@code timeout}. */
    public AppProcess start(Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        config.forEach((k, v) -> {
            if (v != null) {
                command.add("-D" + k + "=" + v);
            }
        });
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        // a test or benchmark stopped from outside (Ctrl-C, SIGTERM) takes its service with it,
        // instead of leaving it running and taking the machine's cores from the next run
        Process started = process;
        stopWithThisJvm = new Thread(started::destroyForcibly, "stop-service-" + port);
        Runtime.getRuntime().addShutdownHook(stopWithThisJvm);
        waitUntilReady(timeout);
        return this;
    }

    /** Runs the service and waits for it to exit by itself (a start that is refused), returning its exit code. */
    public int runToExit(Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((k, v) -> {
            if (v != null) {
                command.add("-D" + k + "=" + v);
            }
        });
        command.add("-jar");
        command.add(JAR.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the service did not exit within " + timeout);
        }
        return p.exitValue();
    }

    /** The first-start accounts, read from the credentials file in the service's data folder. */
    public Map<String, String> initialAccounts() {
        return Accounts.read(Path.of(config.get("triage.data-dir")));
    }

    /** A Basic authorization header value for a first-start account. */
    public String basicAuth(String name) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (name + ":" + initialAccounts().get(name)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** SIGKILL: no shutdown hooks, no flushing, exactly what a crash or an OOM kill does. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        forgetShutdownHook();
    }

    private void forgetShutdownHook() {
        if (stopWithThisJvm != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopWithThisJvm);
            } catch (IllegalStateException shuttingDown) {
                // this JVM is already stopping: the hook runs, and stops a service that is gone anyway
            }
            stopWithThisJvm = null;
        }
    }

    /** The operating-system process id, for profilers and /proc. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                kill();
            }
        }
        forgetShutdownHook();
    }

    private void waitUntilReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not become ready within " + timeout + "; see " + log);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
