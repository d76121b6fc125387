package io.triage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a decision's CPU time goes, from two measurements of the same window: the service's CPU
 * time per thread from {@code /proc} (exact, includes the JVM's own threads), and JFR's execution
 * samples of Java threads (a statistical split of the Java threads' share among stages).
 *
 * <p>Each sample goes to the stage of the first frame, from the leaf up, that belongs to a stage:
 * an LZ4 compressor called from the store is compression, a Jackson parser is body parsing whoever called
 * it, a Jackson generator is skipped so that its caller (canonical record or response) decides.
 */
final class CpuBreakdown {

    /** A stage of a decision, and how to recognise its frames. Order matters: earlier stages win on a frame. */
    private record Stage(String name, Predicate<String> frame) {
    }

    private static final List<Stage> STAGES = List.of(
            stage("compression", "net.jpountz.", "java.util.zip.", "io.triage.store.RecordCodec"),
            stage("database write", "org.h2.", "org.postgresql.", "io.agroal.", "io.triage.store."),
            stage("authentication", "io.triage.security.", "io.quarkus.security.", "io.quarkus.vertx.http.runtime.security.",
                    "org.mindrot.", "at.favre.", "org.wildfly.security.", "io.quarkus.elytron."),
            stage("body parsing", "com.fasterxml.jackson.core.json.UTF8StreamJsonParser", "com.fasterxml.jackson.core.json.ReaderBasedJsonParser",
                    "com.fasterxml.jackson.databind.deser.", "io.triage.common.Strict", "io.triage.common.NumberLimits",
                    "io.triage.api.JsonBody", "io.triage.api.StrictObjectMapper"),
            stage("answer validation", "io.triage.questionnaire."),
            stage("trace, why-tree, evidence and texts", "io.triage.engine.TraceListener", "io.triage.engine.Evidence",
                    "io.triage.engine.TextRenderer", "io.triage.engine.EvaluationJson", "io.triage.engine.FactJson",
                    "io.triage.engine.Figures", "io.triage.engine.Why", "io.triage.rules.TextTemplates"),
            stage("evaluation (Drools and the engine around it)", "org.drools.", "org.kie.", "org.mvel2.", "io.triage.engine.",
                    "io.triage.rules.", "io.triage.facts.", "rules."),
            stage("canonical record and hashing", "io.triage.json.", "io.triage.decision.DecisionRecord", "sun.security.provider."),
            stage("decision service (queueing, ids, keys)", "io.triage.decision."),
            stage("REST layer and response", "org.jboss.resteasy.reactive.", "io.quarkus.resteasy.reactive.", "io.triage.api.",
                    "com.fasterxml.jackson."),
            stage("HTTP server and sockets", "io.vertx.", "io.netty.", "sun.nio.", "java.nio."));

    private static Stage stage(String name, String... prefixes) {
        return new Stage(name, className -> Stream.of(prefixes).anyMatch(className::startsWith));
    }

    /** CPU time of every thread of a process, in clock ticks, by thread name (from /proc). */
    static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
                    ticks.merge(task.getFileName() + " " + name, used, Long::sum);
                } catch (IOException | RuntimeException threadEnded) {
                    // a thread that ended between listing and reading has nothing more to add
                }
            }
        }
        return ticks;
    }

    /** The whole machine's CPU time in clock ticks since boot: {busy, all} (from /proc/stat). */
    static long[] machineTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long all = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
            all += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {all - idle, all};
    }

    /** One process's CPU time (user and system) in clock ticks (from /proc). */
    static long processTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** CPU time (user and system) of this JVM's children that have ended and been waited for, in clock ticks: here, wrk's. */
    static long endedChildrenTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** CPU time of every running process of this name (e.g. all of PostgreSQL's server processes), in clock ticks. */
    static long ticksOfProcessesNamed(String name) throws IOException {
        long ticks = 0;
        try (var procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).equals(name)) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended between the listing and the read
                }
            }
        }
        return ticks;
    }

    /** Readings of who uses the CPU while decisions are made: the machine, the service, wrk and PostgreSQL's processes. */
    record CpuReading(long[] machine, long service, long wrk, long postgres, long nanos) {
        static CpuReading now(long servicePid) throws IOException {
            return new CpuReading(machineTicks(), processTicks(servicePid), endedChildrenTicks(), ticksOfProcessesNamed("postgres"),
                    System.nanoTime());
        }

        /** Cores each used from {@code before} to this reading, and microseconds of CPU per decision. */
        String since(CpuReading before, long decisions) {
            return since(before, decisions, "decision");
        }

        /** As {@link #since(CpuReading, long)}, per {@code unit} (a decision, a replay). */
        String since(CpuReading before, long decisions, String unit) {
            double seconds = (nanos - before.nanos) / 1e9;
            double machineCores = (machine[0] - before.machine[0]) / 100.0 / seconds;
            double serviceCores = (service - before.service) / 100.0 / seconds;
            double wrkCores = (wrk - before.wrk) / 100.0 / seconds;
            double postgresCores = (postgres - before.postgres) / 100.0 / seconds;
            double perDecision = 1e6 * seconds / Math.max(1, decisions);
            return String.format(Locale.ROOT, "machine %.2f of %.1f cores busy (%.0f µs per " + unit + "): the service %.2f (%.0f µs),"
                            + " wrk %.2f (%.0f µs), PostgreSQL %.2f (%.0f µs), everything else %.2f", machineCores,
                    (machine[1] - before.machine[1]) / 100.0 / seconds, machineCores * perDecision, serviceCores, serviceCores * perDecision,
                    wrkCores, wrkCores * perDecision, postgresCores, postgresCores * perDecision,
                    machineCores - serviceCores - wrkCores - postgresCores);
        }
    }

    /**
     * Who used the CPU between two readings: the machine as a whole (in cores), the service, and
     * everything else, which during an impact analysis is mostly its worker process.
     */
    static String whoUsedTheCpu(long[] machineBefore, long[] machineAfter, long serviceBefore, long serviceAfter, long wallMillis) {
        double seconds = wallMillis / 1000.0;
        double machine = (machineAfter[0] - machineBefore[0]) / 100.0 / seconds;
        double cores = (machineAfter[1] - machineBefore[1]) / 100.0 / seconds;
        double service = (serviceAfter - serviceBefore) / 100.0 / seconds;
        return String.format(Locale.ROOT, "CPU over %,d ms: the machine %.2f of %.1f cores busy; the service %.2f cores; everything else"
                + " (mostly the worker) %.2f cores%n", wallMillis, machine, cores, service, machine - service);
    }

    /** The JVM's own threads (collector, compilers, VM, JFR), whose CPU JFR's execution samples do not see. */
    static String jvmGroup(String threadName) {
        String n = threadName.substring(threadName.indexOf(' ') + 1);
        if (n.startsWith("GC Thread") || n.startsWith("G1 ") || n.startsWith("VM Periodic") || n.equals("VM Thread")) {
            return "garbage collection and VM";
        }
        if (n.startsWith("C1 Comp") || n.startsWith("C2 Comp")) {
            return "JIT compilers";
        }
        if (n.startsWith("JFR") || n.startsWith("JFR ")) {
            return "the profiler itself (JFR)";
        }
        return null;
    }

    /**
     * The stages' shares of the samples taken from {@code from} on: a recording started next to the
     * service's rolling one hands over the whole chunk they share, warm-up and startup included.
     */
    static String report(Path recording, java.time.Instant from, Map<String, Long> before, Map<String, Long> after,
                         long decisions) throws IOException {
        long ticksPerSecond = 100; // USER_HZ on Linux
        Map<String, Long> jvmTicks = new LinkedHashMap<>();
        long javaTicks = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long used = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            String group = jvmGroup(e.getKey());
            if (group == null) {
                javaTicks += used;
            } else {
                jvmTicks.merge(group, used, Long::sum);
            }
        }
        Map<String, Long> samples = new LinkedHashMap<>();
        STAGES.forEach(s -> samples.put(s.name(), 0L));
        samples.put("other", 0L);
        long total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStartTime().isBefore(from)) {
                continue;
            }
            samples.merge(stageOf(event.getStackTrace()), 1L, Long::sum);
            total++;
        }
        double microsPerTick = 1_000_000.0 / ticksPerSecond;
        double javaMicrosPerDecision = javaTicks * microsPerTick / decisions;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "CPU per acknowledged decision (%,d decisions, %,d JFR samples)%n", decisions, total));
        out.append("| stage | share of Java samples | CPU µs per decision |\n|---|---:|---:|\n");
        for (Map.Entry<String, Long> e : samples.entrySet()) {
            double share = total == 0 ? 0 : e.getValue() / (double) total;
            out.append(String.format(Locale.ROOT, "| %s | %.1f %% | %.0f |%n", e.getKey(), share * 100, share * javaMicrosPerDecision));
        }
        double all = javaMicrosPerDecision;
        for (Map.Entry<String, Long> e : jvmTicks.entrySet()) {
            double micros = e.getValue() * microsPerTick / decisions;
            all += micros;
            out.append(String.format(Locale.ROOT, "| %s (JVM threads, from /proc) | – | %.0f |%n", e.getKey(), micros));
        }
        out.append(String.format(Locale.ROOT, "| **all of the service's CPU** | | **%.0f** |%n", all));
        return out.toString();
    }

    /**
     * Where a stretch of the service's time went, for one job rather than per decision: each busy
     * thread's CPU (from {@code /proc}, as a share of the wall time), then the Java methods the
     * samples were in, by thread (which also counts threads that lived only within the stretch), by
     * the method itself and by the nearest Triage method above it. Samples before {@code from} (a
     * recording may hand over the whole chunk it shares with an earlier one) are left out.
     */
    static String hotSpots(Path recording, java.time.Instant from, Map<String, Long> before, Map<String, Long> after,
                           long wallMillis, int top) throws IOException {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "threads by CPU over %,d ms of wall time%n", wallMillis));
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> out.append(String.format(Locale.ROOT, "  %5.1f %%  %s%n", e.getValue() * 10 * 100.0 / wallMillis, e.getKey())));
        Map<String, Long> threads = new TreeMap<>();
        Map<String, Long> leaves = new TreeMap<>();
        Map<String, Long> ours = new TreeMap<>();
        long total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty() || event.getStartTime().isBefore(from)) {
                continue;
            }
            total++;
            threads.merge(event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName(), 1L, Long::sum);
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            leaves.merge(methodOf(frames.get(0)), 1L, Long::sum);
            String triage = frames.stream().map(CpuBreakdown::methodOf).filter(m -> m.startsWith("io.triage.")).findFirst()
                    .orElse("(no Triage frame) " + methodOf(frames.get(frames.size() - 1)));
            ours.merge(triage, 1L, Long::sum);
        }
        out.append(String.format(Locale.ROOT, "JFR execution samples: %,d%n", total));
        appendTop(out, "by thread", threads, total, top);
        appendTop(out, "by the method running", leaves, total, top);
        appendTop(out, "by the nearest Triage method", ours, total, top);
        return out.toString();
    }

    private static void appendTop(StringBuilder out, String title, Map<String, Long> counts, long total, int top) {
        out.append(title).append('\n');
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(String.format(Locale.ROOT, "  %5.1f %%  %s%n", e.getValue() * 100.0 / Math.max(1, total), e.getKey())));
    }

    private static String methodOf(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String stageOf(RecordedStackTrace stack) {
        if (stack == null) {
            return "other";
        }
        for (RecordedFrame frame : stack.getFrames()) { // leaf first
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("com.fasterxml.jackson.core.json.") && type.contains("Generator")) {
                continue; // writing JSON: its caller says what for
            }
            for (Stage s : STAGES) {
                if (s.frame().test(type)) {
                    return s.name();
                }
            }
        }
        return "other";
    }

    private CpuBreakdown() {
    }
}
