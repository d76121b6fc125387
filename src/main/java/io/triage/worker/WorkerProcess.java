package io.triage.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jboss.logging.Logger;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One worker process, good for one job: started with an empty environment in a throwaway folder,
 * given one request (and, for replays, a stream of records) on its standard input, answering in
 * JSON lines on its standard output, and killed if it outlives its time. Whatever the job did, the
 * process and its folder are gone afterwards; nothing it computed is trusted beyond its answer.
 */
final class WorkerProcess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WorkerProcess.class);
    static final ObjectMapper JSON = JsonMapper.builder().build();
    /** No answer line from a worker is longer than this; a longer one is a broken worker. */
    static final int MAX_LINE = 16 * 1024 * 1024;
    private static final int STDERR_TAIL = 4096;

    private final Path scratch;
    private final Process process;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final ByteArrayOutputStream stderrTail = new ByteArrayOutputStream();
    /** Why the service stopped feeding the job's input, if it did. */
    private volatile RuntimeException feedFailure;
    /** A job has this process: from then on nothing but the job's own input is written to it. */
    private boolean claimed;
    private boolean warmUpSent;
    /** The line a spare writes to its standard error when its warm-up is over ({@code WorkerMain}). */
    static final String WARMED_UP = "warmed up on ";
    private volatile boolean warmUpOver;

    private WorkerProcess(Path scratch, Process process) {
        this.scratch = scratch;
        this.process = process;
        this.stdin = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.stdout = process.getInputStream();
        Thread drain = new Thread(this::drainStderr, "worker-stderr-" + process.pid());
        drain.setDaemon(true);
        drain.start();
    }

    /** @param warm the process warms up before it reads its request (a spare, waiting for a job) */
    static WorkerProcess start(String heap, boolean longRunning, boolean warm) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("triage-worker-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            ProcessBuilder builder = new ProcessBuilder(WorkerCommand.of(heap, scratch, longRunning, warm)).directory(scratch.toFile());
            // INVARIANT: a worker inherits no secret: no environment, no data folder, no credentials
            builder.environment().clear();
            return new WorkerProcess(scratch, builder.start());
        } catch (IOException e) {
            deleteQuietly(scratch);
            throw new WorkerFailure(WorkerFailure.Kind.CRASHED, "the worker could not be started: " + e.getMessage(), null);
        }
    }

    /**
     * Gives a spare the rule set to warm up on (the active one, trusted), once, and only while no job
     * has it: a warm-up line between a job's request and its records would be read as a record. It
     * warms up on its own time and stops as soon as a job's request arrives.
     */
    void warmUpOn(JsonNode request) {
        warmUpOn(request, () -> true);
    }

    /**
     * As {@link #warmUpOn(JsonNode)} if {@code allowed} still holds, checked under the same lock as
     * {@link #warmingUp()}: whoever stops a spare's warm-up either sees it sent or keeps it from being sent.
     */
    synchronized void warmUpOn(JsonNode request, BooleanSupplier allowed) {
        if (claimed || warmUpSent || !allowed.getAsBoolean()) {
            return;
        }
        warmUpSent = true;
        try {
            writeLine(request);
        } catch (IOException e) {
            // a spare that cannot be spoken to is replaced when a job takes it
        }
    }

    /** Hands the process to a job: a warm-up not sent by now never is. */
    synchronized void claim() {
        claimed = true;
    }

    /** It was given its warm-up, is still at it, and no job has it: it is using the cores. */
    synchronized boolean warmingUp() {
        return warmUpSent && !claimed && !warmUpOver && process.isAlive();
    }

    /** It was given its warm-up (and may have finished it). */
    synchronized boolean warmUpSent() {
        return warmUpSent;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /**
     * Sends the request, feeds any further input on a thread of its own, and reads answers until
     * the result. Messages before the result ({@code progress}, {@code item}) go to {@code onMessage}.
     */
    JsonNode run(JsonNode request, Consumer<Consumer<JsonNode>> feed, Consumer<JsonNode> onMessage, Duration timeout,
                 BooleanSupplier cancelled) {
        Killer killer = new Killer(timeout, cancelled);
        Thread feeder = null;
        String lastStep = null;
        try {
            writeLine(request);
            if (feed != null) {
                feeder = new Thread(() -> feedAll(feed), "worker-feed-" + process.pid());
                feeder.setDaemon(true);
                feeder.start();
            } else {
                stdin.close();
            }
            while (true) {
                byte[] line = readLine();
                if (line == null) {
                    throw ended(killer, lastStep);
                }
                JsonNode message = JSON.readTree(line);
                String type = message.path("type").asText();
                switch (type) {
                    case "result" -> {
                        return message;
                    }
                    case "error" -> throw new WorkerFailure(WorkerFailure.Kind.FAILED,
                            bounded(message.path("message").asText("the worker failed")), lastStep);
                    case "progress" -> {
                        lastStep = bounded(message.path("step").asText(null));
                        if (LOG.isDebugEnabled() && lastStep != null && !lastStep.startsWith("golden case ")) {
                            LOG.debugf("worker %d: %s", process.pid(), lastStep);
                        }
                    }
                    default -> { }
                }
                if (onMessage != null) {
                    onMessage.accept(message);
                }
            }
        } catch (IOException e) {
            throw ended(killer, lastStep);
        } finally {
            killer.cancel();
            if (feeder != null) {
                feeder.interrupt();
            }
        }
    }

    private WorkerFailure ended(Killer killer, String lastStep) {
        if (feedFailure != null) {
            return new WorkerFailure(WorkerFailure.Kind.FAILED, bounded("the input could not be sent to the worker: "
                    + (feedFailure.getMessage() == null ? feedFailure.getClass().getSimpleName() : feedFailure.getMessage())), lastStep);
        }
        if (killer.cancelled) {
            return new WorkerFailure(WorkerFailure.Kind.CANCELLED, "cancelled", lastStep);
        }
        if (killer.fired) {
            return new WorkerFailure(WorkerFailure.Kind.TIMED_OUT, "timed out after " + killer.timeout.toMillis() + " ms", lastStep);
        }
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String tail = stderrTail();
        LOG.warnf("a worker stopped without an answer (exit %s): %s", process.isAlive() ? "none yet" : process.exitValue(),
                forTheLog(tail));
        String why = tail.contains("OutOfMemoryError") ? "the worker ran out of memory"
                : "the worker stopped without an answer" + (process.isAlive() ? "" : " (exit code " + process.exitValue() + ")");
        return new WorkerFailure(WorkerFailure.Kind.CRASHED, why, lastStep);
    }

    private void feedAll(Consumer<Consumer<JsonNode>> feed) {
        try {
            feed.accept(node -> {
                try {
                    writeLine(node);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writeLine(JSON.createObjectNode().put("end", true));
            stdin.close();
        } catch (IOException | UncheckedIOException e) {
            // the worker is gone; the reader reports why
        } catch (RuntimeException e) {
            // the service could not produce its input (a damaged stored record, say): the job
            // fails now with that reason, not later as a timeout blamed on the rules
            feedFailure = e;
            process.destroyForcibly();
        }
    }

    private void writeLine(JsonNode node) throws IOException {
        synchronized (stdin) {
            stdin.write(JSON.writeValueAsBytes(node));
            stdin.write('\n');
            stdin.flush();
        }
    }

    /** One line of the worker's output, or null at its end; a line over {@link #MAX_LINE} is an error. */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        while ((b = stdout.read()) >= 0) {
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("a worker answer line is longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        return null;
    }

    private void drainStderr() {
        byte[] buffer = new byte[8192];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buffer)) >= 0) {
                synchronized (stderrTail) {
                    stderrTail.write(buffer, 0, n);
                    if (!warmUpOver && stderrTail.toString(StandardCharsets.UTF_8).contains(WARMED_UP)) {
                        warmUpOver = true;
                    }
                    if (stderrTail.size() > 4 * STDERR_TAIL) {
                        byte[] all = stderrTail.toByteArray();
                        stderrTail.reset();
                        stderrTail.write(all, all.length - STDERR_TAIL, STDERR_TAIL);
                    }
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    /** The last few kilobytes the worker wrote to its standard error. */
    String stderrTail() {
        synchronized (stderrTail) {
            String all = stderrTail.toString(StandardCharsets.UTF_8);
            return all.length() > STDERR_TAIL ? all.substring(all.length() - STDERR_TAIL) : all;
        }
    }

    /**
     * A worker's output on one log line: what a candidate's rules make the compiler print ends up in
     * it, so line breaks and other control characters are shown, never written, and a candidate
     * cannot forge log lines of its own.
     */
    static String forTheLog(String text) {
        StringBuilder line = new StringBuilder(text.length());
        text.strip().codePoints().forEach(c -> {
            if (c == '\n') {
                line.append(" | ");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                line.append(String.format("\\u%04x", c));
            } else {
                line.appendCodePoint(c);
            }
        });
        return line.toString();
    }

    private static String bounded(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }

    @Override
    public void close() {
        if (LOG.isDebugEnabled()) {
            LOG.debugf("worker %d done; its standard error ended with: %s", process.pid(), forTheLog(stderrTail()));
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteQuietly(scratch);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover temp folder holds nothing of value
        }
    }

    /**
     * Kills the process when its time is up, or when the job is cancelled; the blocked reader then
     * sees the end of its output.
     */
    private final class Killer {
        private static final long CANCEL_CHECK_MILLIS = 200;
        final Duration timeout;
        volatile boolean fired;
        volatile boolean cancelled;
        private final Thread thread;

        Killer(Duration timeout, BooleanSupplier cancel) {
            this.timeout = timeout;
            this.thread = new Thread(() -> {
                try {
                    long deadline = System.nanoTime() + timeout.toNanos();
                    while (true) {
                        long left = (deadline - System.nanoTime()) / 1_000_000;
                        if (left <= 0) {
                            fired = true;
                            break;
                        }
                        Thread.sleep(cancel == null ? left : Math.min(left, CANCEL_CHECK_MILLIS));
                        if (cancel != null && cancel.getAsBoolean()) {
                            cancelled = true;
                            break;
                        }
                    }
                    process.destroyForcibly();
                } catch (InterruptedException done) {
                    // the job ended in time
                }
            }, "worker-timeout-" + process.pid());
            thread.setDaemon(true);
            thread.start();
        }

        void cancel() {
            thread.interrupt();
        }
    }
}
