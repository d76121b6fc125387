package io.triage.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.triage.rules.ActiveRuleSet;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/questionnaire")
public class QuestionnaireResource {

    private final ActiveRuleSet active;

    QuestionnaireResource(ActiveRuleSet active) {
        this.active = active;
    }

    /** The questionnaire of the active rule-set version. */
    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode questionnaire() {
        return active.require().questionnaire().toJson();
    }
}
