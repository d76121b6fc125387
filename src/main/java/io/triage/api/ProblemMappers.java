package io.triage.api;

import io.quarkus.security.ForbiddenException;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.engine.EvaluationException;
import io.triage.policy.ActivationRefusedException;
import io.triage.rules.NoActiveRuleSetException;
import io.triage.store.StoreUnavailableException;
import io.triage.web.ErrorPage;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
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

    @ServerExceptionMapper
    public Response evaluationFailed(EvaluationException e, UriInfo uri) {
        LOG.error("evaluation failed", e);
        return answer(uri, 500, "evaluation-failed", "the rule set could not evaluate these answers", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e, UriInfo uri) {
        LOG.error("store unavailable", e);
        return answer(uri, 503, "store-unavailable", "the decision store is unavailable",
                e.getMessage() + "; nothing was stored, try again later", null);
    }

    @ServerExceptionMapper
    public Response activationRefused(ActivationRefusedException e, UriInfo uri) {
        return answer(uri, 409, "activation-refused", "this version cannot be activated", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response tooLarge(PayloadTooLargeException e, UriInfo uri) {
        return answer(uri, 413, "too-large", "request body too large", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return answer(uri, 404, "not-found", "not found", e.getMessage() == null ? "no such resource" : e.getMessage(), null);
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
