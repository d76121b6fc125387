package io.triage.http;

import io.quarkus.security.ForbiddenException;
import io.triage.rules.UnknownVersionException;
import io.triage.rules.UntrustedVersionException;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.engine.EvaluationException;
import io.triage.engine.OverBudgetException;
import io.triage.jobs.JobsBusyException;
import io.triage.policy.ActivationRefusedException;
import io.triage.rules.NoActiveRuleSetException;
import io.triage.store.IdempotencyKeyReusedException;
import io.triage.store.OutcomeUnknownException;
import io.triage.common.StoreUnavailableException;
import io.triage.worker.WorkerFailure;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Maps every failure to one answer, given as a problem document to the API and as an error page a
 * person can read to the web pages (same status, title and detail); nothing leaks a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** At most this many errors are listed, so an answer never grows with the size of what was sent. */
    static final int MAX_ERRORS = 50;

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, UriInfo uri) {
        int count = e.errors().size();
        String detail = count == 1 ? e.errors().get(0).describe()
                : count > MAX_ERRORS ? count + " problems; the first " + MAX_ERRORS + " are listed in errors"
                : count + " problems; see errors";
        return answer(uri, 400, "invalid-input", e.title(), detail, e.errors().subList(0, Math.min(count, MAX_ERRORS)));
    }

    @ServerExceptionMapper
    public Response noRuleSet(NoActiveRuleSetException e, UriInfo uri) {
        return answer(uri, 503, "not-ready", "not ready", e.getMessage(), null);
    }

    /**
     * The active rule set failed on these answers (a rule threw, or went over its budget). The
     * request was well formed and nothing was stored; the rule set, not the server, is at fault.
     */
    @ServerExceptionMapper
    public Response evaluationFailed(EvaluationException e, UriInfo uri) {
        LOG.warnf("the active rule set failed on a request: %s", e.getMessage());
        return answer(uri, 422, e instanceof OverBudgetException ? "evaluation-over-budget" : "evaluation-failed",
                "the active rule set could not evaluate these answers",
                e.getMessage() + "; nothing was stored. A policy owner can fix the rule set.", null);
    }

    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e, UriInfo uri) {
        LOG.error("store unavailable", e);
        return answer(uri, 503, "store-unavailable", "the decision store is unavailable",
                e.getMessage() + "; nothing was stored, try again later", null);
    }

    /** A rule set running in the confined worker timed out or killed it: the rule set's doing, nothing changed. */
    @ServerExceptionMapper
    public Response workerFailed(WorkerFailure e, UriInfo uri) {
        LOG.warnf("a confined job did not finish: %s", e.describe());
        return answer(uri, 422, e.kind() == WorkerFailure.Kind.TIMED_OUT ? "worker-timed-out" : "worker-failed",
                "the rule set could not be run to the end", e.describe() + "; nothing was changed", null);
    }

    @ServerExceptionMapper
    public Response jobsBusy(JobsBusyException e, UriInfo uri) {
        // a refusal of more work than this instance takes at once, not a failure of the service
        return answer(uri, 429, "jobs-busy", "too many background jobs", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response untrusted(UntrustedVersionException e, UriInfo uri) {
        return answer(uri, 409, "version-not-validated", "this version has not passed validation", e.getMessage(), null);
    }

    /**
     * The log has the decision but did not confirm it in time: 202, never "not stored". The answer
     * names the decision to check; a retry with the same Idempotency-Key cannot store it twice.
     */
    @ServerExceptionMapper
    public Response outcomeUnknown(OutcomeUnknownException e, UriInfo uri) {
        LOG.warnf("decision %s: %s", e.decisionId(), e.getMessage());
        String check = "/api/decisions/" + e.decisionId();
        com.fasterxml.jackson.databind.node.ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("id", e.decisionId())
                .put("outcome", "unknown")
                .put("detail", e.getMessage() + ". Check " + check + " (404 means it was not stored), or send the same"
                        + " request again with the same Idempotency-Key: it is stored at most once.")
                .put("check", check);
        if (ErrorPage.isPage(uri.getRequestUri().getRawPath())) {
            return ErrorPage.response(202, "the outcome is not known yet", body.get("detail").asText());
        }
        return Response.status(202).header("Location", check).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReusedException e, UriInfo uri) {
        return answer(uri, 422, "idempotency-key-reused", "this Idempotency-Key belongs to another request",
                e.getMessage(), List.of(InputError.field("Idempotency-Key", "idempotency_key_reused", e.getMessage())));
    }

    @ServerExceptionMapper
    public Response activationRefused(ActivationRefusedException e, UriInfo uri) {
        return answer(uri, 409, "activation-refused", "this version cannot be activated", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response tooLarge(PayloadTooLargeException e, UriInfo uri) {
        return answer(uri, 413, "too-large", "request body too large", e.getMessage(), null);
    }

    /** Previews past the user's rate: 429 with the seconds to wait. */
    @ServerExceptionMapper
    public Response tooManyPreviews(io.triage.decision.PreviewLimiter.TooManyPreviews e, UriInfo uri) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return Response.fromResponse(answer(uri, 429, "too-many-previews", "too many previews", e.getMessage(), null))
                .header("Retry-After", Long.toString(seconds)).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return answer(uri, 404, "not-found", "not found", e.getMessage() == null ? "no such resource" : e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unknownVersion(UnknownVersionException e, UriInfo uri) {
        return answer(uri, 404, "not-found", "not found", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return answer(uri, status, "http-" + status, reason == null ? "error" : reason.toLowerCase(),
                e.getMessage() == null ? reason : e.getMessage(), null);
    }

    /**
     * The REST layer's form parser says "Failed to decode" with an IllegalArgumentException when a
     * form holds a percent-escape that is not UTF-8 (%zz, %c3%28): bad input, not our failure.
     * Any other IllegalArgumentException is one of ours: logged, and a 500 that shows nothing.
     */
    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e, UriInfo uri) {
        if (e.getMessage() != null && e.getMessage().startsWith("Failed to decode")) {
            String message = "the form or a parameter holds a percent-escape that is not valid utf-8";
            return answer(uri, 400, "invalid-input", "the request is not properly encoded", message,
                    List.of(InputError.field("body", "bad_encoding", message)));
        }
        LOG.error("request failed", e);
        return answer(uri, 500, "internal-error", "internal error", "the request failed on our side; it is logged", null);
    }

    /** A logged-in user without the role. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return answer(uri, 403, "forbidden", "not allowed", "your account does not have the role this needs", null);
    }

    /** The one place that decides between a problem document (API, /q) and an error page (everything else). */
    private static Response answer(UriInfo uri, int status, String type, String title, String detail, List<InputError> errors) {
        if (ErrorPage.isPage(uri.getRequestUri().getRawPath())) {
            String shown = errors == null || errors.isEmpty() ? detail
                    : errors.stream().map(InputError::describe).collect(Collectors.joining("; "));
            return ErrorPage.response(status, title, shown);
        }
        return Problem.response(status, type, title, detail, errors);
    }
}
