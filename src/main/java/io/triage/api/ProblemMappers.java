package io.triage.api;

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

/** Maps every failure the API can meet to a problem document; nothing leaks a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        int count = e.errors().size();
        return Problem.response(400, "invalid-input", e.title(),
                count == 1 ? e.errors().get(0).describe() : count + " problems; see errors", e.errors());
    }

    @ServerExceptionMapper
    public Response noRuleSet(NoActiveRuleSetException e) {
        return Problem.response(503, "not-ready", "not ready", e.getMessage());
    }

    @ServerExceptionMapper
    public Response evaluationFailed(EvaluationException e) {
        LOG.error("evaluation failed", e);
        return Problem.response(500, "evaluation-failed", "the rule set could not evaluate these answers", e.getMessage());
    }

    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e) {
        LOG.error("store unavailable", e);
        return Problem.response(503, "store-unavailable", "the decision store is unavailable",
                e.getMessage() + "; nothing was stored, try again later");
    }

    @ServerExceptionMapper
    public Response activationRefused(ActivationRefusedException e) {
        return Problem.response(409, "activation-refused", "this version cannot be activated", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tooLarge(PayloadTooLargeException e) {
        return Problem.response(413, "too-large", "request body too large", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problem.response(404, "not-found", "not found", e.getMessage() == null ? "no such resource" : e.getMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return Problem.response(status, "http-" + status, reason == null ? "error" : reason.toLowerCase(),
                e.getMessage() == null ? reason : e.getMessage());
    }
}
