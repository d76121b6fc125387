package io.triage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.engine.EvaluationBudget;
import io.triage.history.HashChain;
import io.triage.json.CanonicalJson;
import io.triage.json.Sha256;
import io.triage.rules.RuleSetFiles;
import io.triage.worker.Worker;
import io.triage.worker.WorkerFailure;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verifies an exported decision bundle offline — no service, no database: the record still hashes
 * to its recorded hash, it links to its chain neighbours, the rule set and questionnaire match
 * their versions, and replaying the answers on that rule set gives the stored outcome. A bundle is
 * a file anyone may have crafted: its rules are compiled only when every other check passed, and
 * then only in a confined worker process.
 *
 * <pre>mvn -q exec:java@verify-bundle -Dbundle=decision.json</pre>
 *
 * Exit status: 0 verified, 1 tampered or not reproducible, 2 unreadable bundle.
 */
public final class BundleVerifier {

    /** Each check with its outcome, in the order they ran. */
    public record Report(List<String> lines, boolean verified) {
    }

    private BundleVerifier() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: BundleVerifier <bundle.json>");
            System.exit(2);
        }
        int status = run(Path.of(args[0]), System.out);
        System.exit(status);
    }

    static int run(Path file, PrintStream out) {
        JsonNode bundle;
        try {
            // a key given twice would let the file say one thing to a reader and verify another
            bundle = CanonicalJson.MAPPER.reader().with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            out.println("cannot read bundle " + file + ": " + e.getMessage());
            return 2;
        }
        Report report;
        try {
            report = verify(bundle);
        } catch (RuntimeException e) {
            // a crafted bundle is the expected case, not a crash
            out.println("cannot verify bundle " + file + ": " + e.getMessage());
            return 2;
        }
        report.lines().forEach(out::println);
        out.println(report.verified() ? "VERIFIED" : "NOT VERIFIED");
        return report.verified() ? 0 : 1;
    }

    public static Report verify(JsonNode bundle) {
        return verify(bundle, new Worker("256m", Duration.ofSeconds(60), Duration.ofSeconds(60), false));
    }

    public static Report verify(JsonNode bundle, Worker worker) {
        List<String> lines = new ArrayList<>();
        boolean ok = true;
        if (!BundleExporter.FORMAT.equals(bundle.path("format").asText())) {
            lines.add("format ............ unknown '" + bundle.path("format").asText() + "'; expected " + BundleExporter.FORMAT);
            return new Report(lines, false);
        }
        JsonNode decision = bundle.path("decision");
        JsonNode record = decision.path("record");
        String previousHash = decision.path("previousHash").asText();
        String recordHash = decision.path("recordHash").asText();
        lines.add("decision .......... " + record.path("id").asText() + " (record " + decision.path("seq").asLong() + ")");

        boolean hashOk = HashChain.hash(previousHash, CanonicalJson.bytes(record)).equals(recordHash);
        ok &= hashOk;
        lines.add("record hash ....... " + (hashOk ? "ok " + recordHash : "MISMATCH: the record was altered after it was stored"));

        JsonNode previous = bundle.path("chain").path("previous");
        JsonNode next = bundle.path("chain").path("next");
        boolean previousOk = previous.isMissingNode() || previous.isNull()
                ? previousHash.equals(HashChain.GENESIS)
                : previous.path("recordHash").asText().equals(previousHash);
        boolean nextOk = next.isMissingNode() || next.isNull() || next.path("previousHash").asText().equals(recordHash);
        ok &= previousOk && nextOk;
        lines.add("chain links ....... " + (previousOk ? "previous ok" : "previous MISMATCH") + ", "
                + (next.isMissingNode() || next.isNull() ? "no next record yet" : nextOk ? "next ok" : "next MISMATCH"));

        String rulesetVersion = record.path("rulesetVersion").asText();
        Map<String, String> files = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = bundle.path("ruleset").path("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            files.put(e.getKey(), e.getValue().asText());
        }
        RuleSetFiles ruleSetFiles;
        try {
            ruleSetFiles = RuleSetFiles.of(files);
        } catch (RuntimeException e) {
            lines.add("rule set .......... unreadable: " + e.getMessage());
            return new Report(lines, false);
        }
        boolean rulesOk = ruleSetFiles.version().equals(rulesetVersion);
        ok &= rulesOk;
        lines.add("rule set .......... " + (rulesOk ? "ok " + rulesetVersion
                : "MISMATCH: files hash to " + ruleSetFiles.version() + ", the decision names " + rulesetVersion));

        String questionnaireVersion = record.path("questionnaireVersion").asText();
        String source = bundle.path("questionnaire").path("source").asText();
        boolean questionnaireOk = Sha256.of(source.getBytes(StandardCharsets.UTF_8)).equals(questionnaireVersion)
                && source.equals(ruleSetFiles.get(RuleSetFiles.QUESTIONNAIRE));
        ok &= questionnaireOk;
        lines.add("questionnaire ..... " + (questionnaireOk ? "ok " + questionnaireVersion : "MISMATCH with the decision or its rule set"));

        if (!ok) {
            // INVARIANT: a bundle that fails any check above is crafted or damaged; none of its code runs
            lines.add("replay ............ skipped: the bundle does not verify, so its rules are not compiled");
            return new Report(lines, false);
        }
        JsonNode item;
        try {
            item = replayConfined(ruleSetFiles, record, worker);
        } catch (WorkerFailure e) {
            lines.add("replay ............ could not run: " + e.describe());
            return new Report(lines, false);
        }
        boolean matches = item.path("matches").asBoolean();
        if (matches) {
            List<String> codes = new ArrayList<>();
            item.path("codes").forEach(c -> codes.add(c.asText()));
            lines.add("replay ............ matches: " + String.join(", ", codes));
        } else {
            lines.add("replay ............ DIFFERS in " + item.path("differences").size() + " place(s):");
            item.path("differences").forEach(d -> lines.add("    " + CanonicalJson.string(d)));
        }
        return new Report(lines, matches);
    }

    /** Compiles and replays in a confined worker: a bundle's rules are code from anyone holding the file. */
    private static JsonNode replayConfined(RuleSetFiles files, JsonNode record, Worker worker) {
        return ConfinedReplay.replay(worker, files, EvaluationBudget.DEFAULT, record.path("id").asText(), CanonicalJson.string(record));
    }
}
