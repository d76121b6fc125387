package io.triage.workerchild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The confined worker's entry point: a process of its own, started by the service with an empty
 * environment in a throwaway folder. A spare ({@code --warm-up}) first reads a warm-up request and
 * warms up until a job arrives. It reads one request from standard input, runs it
 * and answers in JSON lines on standard output, then exits. Nothing else writes to that output:
 * anything printed by a library goes to standard error instead.
 *
 * <p>Requests: {@code {"op": "validate", "files": {...}}}; {@code {"op": "replay", "files":
 * {...}, "detail": bool}} followed by one {@code {"id", "record"}} line per stored decision (the stored canonical record embedded as it is) and
 * {@code {"end": true}}; {@code {"op": "evaluate", "files": {...}, "answers": {...}}}, one
 * questionnaire tried on a candidate; {@code {"op": "describe"}}, which tells what the worker can reach. Answers: {@code progress} and {@code item} messages, then one {@code result}
 * or {@code error}.
 */
public final class WorkerMain {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final PrintStream answers;
    /** One compiler for the warm-up and the job: what it learnt about the class path while warming up serves the job. */
    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private String warmedUpOn;
    private int warmUpRounds;
    private int warmUpReplays;
    /** A job's request a spare read where it expected its warm-up. */
    private String firstRequest;
    private final BufferedReader requests;

    private WorkerMain(OutputStream out) {
        this.answers = new PrintStream(new BufferedOutputStream(out, 1 << 16), false, StandardCharsets.UTF_8);
        this.requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
    }

    public static void main(String[] args) {
        // the protocol owns the real standard output; stray prints go to standard error
        FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        quietLogging();
        WorkerMain worker = new WorkerMain(out);
        int status;
        try {
            if (List.of(args).contains("--warm-up")) {
                worker.warmUp();
            }
            status = worker.serve();
        } catch (Throwable e) {
            worker.send(worker.message("error").put("message", "the worker failed: " + oneLine(e)));
            status = 3;
        }
        worker.answers.flush();
        System.exit(status);
    }

    /**
     * Nothing configures logging in a worker, and unconfigured, Drools' loggers are open at trace
     * level: formatting messages nobody reads cost a third of an invariant check.
     */
    private static void quietLogging() {
        org.jboss.logmanager.LogContext.getLogContext().getLogger("").setLevel(java.util.logging.Level.WARNING);
    }

    /**
     * A spare's first line is normally {@code {"op": "warm-up", "files": {...}, "rounds": n, "replays": m}}:
     * what to warm up on while no job waits ({@code rounds} validations, then, for a spare kept for
     * impact analyses, {@code m} replays). If a job's request comes first instead, it is served cold.
     */
    private void warmUp() throws IOException {
        String line = requests.readLine();
        JsonNode request = line == null ? null : JSON.readTree(line);
        if (request == null || !request.path("op").asText().equals("warm-up")) {
            firstRequest = line;
            return;
        }
        long start = System.nanoTime();
        RuleSetFiles files = request.has("files") ? WorkerFiles.of(request.path("files")) : null;
        warmedUpOn = files == null ? "built-in" : files.version();
        warmUpRounds = Warmup.run(compiler, files, request.path("rounds").asInt(0), this::inputWaiting);
        int replays = Math.min(Math.max(request.path("replays").asInt(0), 0), Warmup.MAX_REPLAYS);
        if (replays > 0 && !inputWaiting()) {
            try {
                warmUpReplays = new ReplayJob(this).warmUp(files != null ? files : Warmup.builtIn(), replays, this::inputWaiting);
            } catch (RuntimeException e) {
                System.err.println("worker replay warm-up failed (only speed is lost): " + oneLine(e));
            }
        }
        // the service reads this line as the end of the warm-up (WorkerProcess.WARMED_UP)
        System.err.printf("warmed up on %s: %d validations, %d replays in %d ms%n", warmedUpOn, warmUpRounds, warmUpReplays,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** More input has arrived and can be read without waiting. */
    boolean inputWaiting() {
        try {
            return requests.ready();
        } catch (IOException e) {
            return true;
        }
    }

    private int serve() throws IOException {
        String line = firstRequest != null ? firstRequest : requests.readLine();
        if (line == null) {
            return 0;
        }
        JsonNode request = JSON.readTree(line);
        String op = request.path("op").asText();
        switch (op) {
            case "validate" -> new ValidateJob(this).run(request);
            case "replay" -> new ReplayJob(this).run(request, this::nextInputLine);
            case "evaluate" -> new EvaluateJob(this).run(request);
            case "describe" -> send(describe());
            default -> send(message("error").put("message", "unknown operation '" + op + "'"));
        }
        return 0;
    }

    /** What the worker can reach, for operators checking its confinement (environment, folder, heap), and what it warmed up on. */
    private ObjectNode describe() {
        ObjectNode result = message("result");
        result.put("environmentVariables", System.getenv().size());
        result.put("workingDirectory", Path.of("").toAbsolutePath().toString());
        result.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        result.put("pid", ProcessHandle.current().pid());
        result.put("warmedUpOn", warmedUpOn);
        result.put("warmUpRounds", warmUpRounds);
        result.put("warmUpReplays", warmUpReplays);
        result.put("optimizingCompiler", !java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .contains("-XX:TieredStopAtLevel=1"));
        return result;
    }

    /** The next streamed input line as it came, or null at the end of input. */
    String nextInputLine() {
        try {
            return requests.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    RuleSetCompiler compiler() {
        return compiler;
    }

    ObjectNode message(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    void progress(String step) {
        send(message("progress").put("step", step));
    }

    void send(JsonNode message) {
        // progress must reach the service at once: it is what a timeout report names
        send(message, true);
    }

    /**
     * An answer to one streamed input: written out once no further input is waiting, so a long
     * stream is answered in a few large writes, not two system calls per item.
     */
    void sendItem(JsonNode message) {
        send(message, !inputWaiting());
    }

    /** Writes an answer as a job would, to nowhere: what a warm-up runs to make the job's path hot. */
    void discard(JsonNode message) {
        try {
            JSON.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an answer", e);
        }
    }

    private void send(JsonNode message, boolean flush) {
        try {
            answers.write(JSON.writeValueAsBytes(message));
            answers.write('\n');
            if (flush) {
                answers.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot answer", e);
        }
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String flat = message.replaceAll("\\s+", " ").strip();
        return flat.length() <= 300 ? flat : flat.substring(0, 297) + "...";
    }
}
