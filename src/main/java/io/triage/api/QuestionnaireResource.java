package io.triage.api;

import io.triage.app.RuleSetLifecycle;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/questionnaire")
public class QuestionnaireResource {

    private final RuleSetLifecycle ruleSets;

    QuestionnaireResource(RuleSetLifecycle ruleSets) {
        this.ruleSets = ruleSets;
    }

    /** The questionnaire of the active rule-set version. */
    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode questionnaire() {
        return ruleSets.active().questionnaire().toJson();
    }
}
