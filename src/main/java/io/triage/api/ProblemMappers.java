package io.triage.api;

import io.quarkus.security.ForbiddenException;
import io.triage.common.InputError;
import io.triage.web.ErrorPage;
import jakarta.ws.rs.core.UriInfo;

import io.triage.common.InvalidInputException;
import io.triage.engine.EvaluationException;
import io.triage.policy.ActivationRefusedException;
import io.triage.rules.NoActiveRuleSetException;
import io.triage.store.StoreUnavailableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure to a problem document for the API, or to an error page a person can read for
 * the web pages (same status); nothing leaks a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, UriInfo uri) {
        int count = e.errors().size();
        if (page(uri)) {
            return ErrorPage.response(400, e.title(), e.errors().stream().map(InputError::describe)
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        return Problem.response(400, "invalid-input", e.title(),
                count == 1 ? e.errors().get(0).describe() : count + " problems; see errors", e.errors());
    }

    @ServerExceptionMapper
    public Response noRuleSet(NoActiveRuleSetException e, UriInfo uri) {
        if (page(uri)) {
            return ErrorPage.response(503, "not ready", e.getMessage());
        }
        return Problem.response(503, "not-ready", "not ready", e.getMessage());
    }

    @ServerExceptionMapper
    public Response evaluationFailed(EvaluationException e, UriInfo uri) {
        LOG.error("evaluation failed", e);
        if (page(uri)) {
            return ErrorPage.response(500, "the rule set could not evaluate these answers", e.getMessage());
        }
        return Problem.response(500, "evaluation-failed", "the rule set could not evaluate these answers", e.getMessage());
    }

    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e, UriInfo uri) {
        LOG.error("store unavailable", e);
        if (page(uri)) {
            return ErrorPage.response(503, "the decision store is unavailable",
                    e.getMessage() + "; nothing was stored, try again later");
        }
        return Problem.response(503, "store-unavailable", "the decision store is unavailable",
                e.getMessage() + "; nothing was stored, try again later");
    }

    @ServerExceptionMapper
    public Response activationRefused(ActivationRefusedException e, UriInfo uri) {
        if (page(uri)) {
            return ErrorPage.response(409, "this version cannot be activated", e.getMessage());
        }
        return Problem.response(409, "activation-refused", "this version cannot be activated", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tooLarge(PayloadTooLargeException e, UriInfo uri) {
        if (page(uri)) {
            return ErrorPage.response(413, "too large", e.getMessage());
        }
        return Problem.response(413, "too-large", "request body too large", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        if (page(uri)) {
            return ErrorPage.response(404, "not found", e.getMessage() == null ? "there is no such page" : e.getMessage());
        }
        return Problem.response(404, "not-found", "not found", e.getMessage() == null ? "no such resource" : e.getMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        if (page(uri)) {
            return ErrorPage.response(status, reason == null ? "error" : reason.toLowerCase(),
                    e.getMessage() == null ? reason : e.getMessage());
        }
        return Problem.response(status, "http-" + status, reason == null ? "error" : reason.toLowerCase(),
                e.getMessage() == null ? reason : e.getMessage());
    }

    /** A logged-in user without the role: a problem document for the API, a page saying so for the web. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        String detail = "your account does not have the role this needs";
        if (page(uri)) {
            return ErrorPage.response(403, "not allowed", detail);
        }
        return Problem.response(403, "forbidden", "forbidden", detail);
    }

    private static boolean page(UriInfo uri) {
        return ErrorPage.isPage(uri.getRequestUri().getRawPath());
    }
}
