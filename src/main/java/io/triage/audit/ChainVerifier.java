package io.triage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.history.HashChain;
import io.triage.history.StoredDecision;
import io.triage.json.CanonicalJson;
import io.triage.store.DecisionLog;
import io.triage.store.DecisionQueries;
import io.triage.store.RuleSetRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks the whole decision log in order and checks, for every record: that none is missing before
 * it, that it names the previous record's hash, that its content still hashes to its recorded
 * hash, that the lookup columns beside it agree with it and that the versions it names are stored.
 * Also checks that the log still reaches the
 * last record this process committed (a cut-off tail leaves no broken link behind).
 */
@ApplicationScoped
public class ChainVerifier {

    private final DecisionQueries decisions;
    private final DecisionLog log;
    private final RuleSetRepository rulesets;

    ChainVerifier(DecisionQueries decisions, DecisionLog log, RuleSetRepository rulesets) {
        this.decisions = decisions;
        this.log = log;
        this.rulesets = rulesets;
    }

    public ChainReport verify() {
        // read before the walk: a batch committed while it runs (here or on another instance) is not "missing"
        DecisionLog.Head committed = log.committedHead();
        Walk walk = new Walk(rulesets.storedVersions());
        decisions.scan(null, null, walk::check);
        if (walk.bad == null && committed.seq() > walk.lastSeq) {
            walk.bad = new ChainReport.BadRecord(walk.lastSeq + 1, null, ChainReport.Problem.MISSING_TAIL, "record " + (walk.lastSeq + 1)
                    + " and later are missing: this service committed up to record " + committed.seq());
        }
        return new ChainReport(walk.bad == null, walk.count, walk.count == 0 ? null : walk.lastSeq,
                walk.count == 0 ? null : walk.lastHash, walk.bad);
    }

    /** A lookup column that no longer agrees with the record it copies (it would mislead a filter). */
    static String copyProblem(StoredDecision d, JsonNode record) {
        StoredDecision.Lookup copy = d.lookup();
        List<String> codes = new ArrayList<>();
        record.path("recommendations").forEach(r -> codes.add(r.path("code").asText()));
        Map<String, String[]> pairs = new LinkedHashMap<>();
        pairs.put("id", new String[] {d.id(), record.path("id").asText()});
        pairs.put("created_at", new String[] {copy.createdAt().toString(), Instant.parse(record.path("createdAt").asText()).toString()});
        pairs.put("submitted_by", new String[] {copy.submittedBy(), record.path("submittedBy").asText()});
        pairs.put("ruleset_version", new String[] {copy.rulesetVersion(), record.path("rulesetVersion").asText()});
        pairs.put("questionnaire_version", new String[] {copy.questionnaireVersion(), record.path("questionnaireVersion").asText()});
        pairs.put("codes", new String[] {copy.codes(), StoredDecision.Lookup.codesColumn(codes)});
        for (Map.Entry<String, String[]> pair : pairs.entrySet()) {
            if (!pair.getValue()[0].equals(pair.getValue()[1])) {
                return "its " + pair.getKey() + " column says '" + pair.getValue()[0].strip() + "' but the record says '"
                        + pair.getValue()[1].strip() + "'";
            }
        }
        return null;
    }

    private static final class Walk {
        final Set<String> storedVersions;
        long count;
        long lastSeq;
        String lastHash = HashChain.GENESIS;
        ChainReport.BadRecord bad;

        Walk(Set<String> storedVersions) {
            this.storedVersions = storedVersions;
        }

        void check(StoredDecision d) {
            count++;
            if (bad == null) {
                bad = problem(d);
            }
            lastSeq = d.seq();
            lastHash = d.recordHash();
        }

        private ChainReport.BadRecord problem(StoredDecision d) {
            if (d.seq() != lastSeq + 1) {
                return d.seq() > lastSeq + 1
                        ? new ChainReport.BadRecord(d.seq(), d.id(), ChainReport.Problem.MISSING_BEFORE,
                                "record " + (lastSeq + 1) + " before it is missing")
                        : new ChainReport.BadRecord(d.seq(), d.id(), ChainReport.Problem.OUT_OF_ORDER,
                                "record number is out of order after " + lastSeq);
            }
            if (!d.previousHash().equals(lastHash)) {
                return new ChainReport.BadRecord(d.seq(), d.id(), ChainReport.Problem.BROKEN_LINK,
                        "its previous hash does not match the hash of record " + lastSeq);
            }
            if (d.damaged()) {
                return new ChainReport.BadRecord(d.seq(), d.id(), ChainReport.Problem.UNREADABLE, "its stored content cannot be read");
            }
            if (!HashChain.hash(d.previousHash(), d.record()).equals(d.recordHash())) {
                return new ChainReport.BadRecord(d.seq(), d.id(), ChainReport.Problem.HASH_MISMATCH, "its content does not match its recorded hash");
            }
            JsonNode record = CanonicalJson.parse(d.record());
            String copyProblem = copyProblem(d, record);
            if (copyProblem != null) {
                return new ChainReport.BadRecord(d.seq(), d.id(), ChainReport.Problem.COLUMN_MISMATCH, copyProblem);
            }
            for (String version : List.of(record.path("rulesetVersion").asText(), record.path("questionnaireVersion").asText())) {
                if (!storedVersions.contains(version)) {
                    return new ChainReport.BadRecord(d.seq(), d.id(), ChainReport.Problem.UNKNOWN_VERSION, "it names version " + version + ", which is not stored");
                }
            }
            return null;
        }
    }
}
