package io.triage.decision;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.engine.Evaluation;
import io.triage.config.TriageConfig;
import io.triage.engine.Evaluator;
import io.triage.engine.OverBudgetException;
import io.triage.engine.RecommendationResult;
import io.triage.history.DecisionQuery;
import io.triage.history.RequestKey;
import io.triage.history.StoredDecision;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.ActiveRuleSet;
import io.triage.rules.RuleSet;
import io.triage.store.DecisionLog;
import io.triage.store.DecisionQueries;
import io.triage.store.IdempotencyKeyReusedException;
import io.triage.store.NewDecision;
import io.triage.store.RecordCodec;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Answers in, stored decision out: validate, evaluate on the active version, append to the
 * hash-chained log, and only then return. If the log does not take the decision, nothing is
 * returned (the caller gets a {@link io.triage.common.StoreUnavailableException}).
 */
@ApplicationScoped
public class DecisionService {

    private final ActiveRuleSet active;
    private final Evaluator evaluator;
    private final DecisionLog log;
    private final DecisionMetrics metrics;

    private final long maxRecord;
    private final TriageConfig.Db.RecordCompression compression;

    private final DecisionQueries queries;

    DecisionService(ActiveRuleSet active, Evaluator evaluator, DecisionLog log, DecisionQueries queries, DecisionMetrics metrics,
                    TriageConfig config) {
        this.queries = queries;
        this.active = active;
        this.evaluator = evaluator;
        this.log = log;
        this.metrics = metrics;
        this.maxRecord = config.engine().maxRecord().asLongValue();
        this.compression = config.db().recordCompression();
    }

    /** @return the stored decision in canonical JSON, hashes included */
    public Stored decide(JsonNode answersJson, String submittedBy) {
        return decide(answersJson, submittedBy, null);
    }

    /**
     * @param requestKey the request's idempotency key, or null: with one, a request sent again gets the
     *                   decision stored the first time ({@link Stored#earlier()}) and nothing new is stored
     */
    public Stored decide(JsonNode answersJson, String submittedBy, RequestKey requestKey) {
        if (requestKey != null) {
            Optional<DecisionQueries.KeyedDecision> earlier = queries.findByRequest(submittedBy, requestKey.key());
            if (earlier.isPresent()) {
                if (!earlier.get().requestHash().equals(requestKey.requestHash())) {
                    throw new IdempotencyKeyReusedException();
                }
                StoredDecision stored = earlier.get().decision();
                return new Stored(stored.id(), stored.toCanonicalJson().getBytes(StandardCharsets.UTF_8), true);
            }
        }
        // INVARIANT: the version is read once; validation and evaluation use this one version.
        RuleSet ruleSet = active.require();
        EffectiveAnswers answers = AnswerValidator.validate(ruleSet.questionnaire(), answersJson);
        Evaluation evaluation = evaluator.evaluate(ruleSet, answers);
        Instant createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String id = DecisionIds.at(createdAt);
        DecisionRecord.Canonical record = DecisionRecord.canonical(id, createdAt, submittedBy, ruleSet.version(), answers, evaluation);
        if (record.bytes().length > maxRecord) {
            // INVARIANT: the append-only log never takes a record a rule set inflated
            throw new OverBudgetException("the decision record would be " + record.bytes().length / 1024
                    + " KB, more than the " + maxRecord / 1024 + " KB a record may have");
        }
        DecisionLog.Appended appended = log.append(new NewDecision(id, createdAt, submittedBy, ruleSet.version(),
                answers.questionnaireVersion(),
                evaluation.recommendations().stream().map(RecommendationResult::code).toList(),
                record.bytes(), RecordCodec.encode(record.bytes(), compression), requestKey));
        StoredDecision stored = appended.decision();
        if (appended.earlier()) {
            // the same request raced itself: another copy stored it first under the key
            return new Stored(stored.id(), stored.toCanonicalJson().getBytes(StandardCharsets.UTF_8), true);
        }
        metrics.recorded(evaluation);
        return new Stored(id, record.withHashes(stored.previousHash(), stored.recordHash()), false);
    }

    /** A stored decision, read back by its id. */
    public Optional<StoredDecision> find(String id) {
        return queries.find(id);
    }

    /** One page of stored decisions, newest first, as the query selects them. */
    public DecisionList page(DecisionQuery query) {
        DecisionQueries.Page page = queries.page(query);
        return new DecisionList(page.items().stream().map(DecisionSummary::of).toList(),
                page.next() == null ? null : page.next().toString());
    }

    /**
     * A decision that is in the log: its id and its canonical JSON (UTF-8), hashes included;
     * {@code earlier} when an idempotency key found it stored by an earlier request.
     */
    public record Stored(String id, byte[] json, boolean earlier) {
    }
}
