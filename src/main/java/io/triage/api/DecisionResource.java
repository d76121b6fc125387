package io.triage.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.decision.DecisionRequest;
import io.triage.decision.DecisionService;
import io.triage.json.CanonicalJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

@Path("/api/decisions")
public class DecisionResource {

    private final DecisionService decisions;

    DecisionResource(DecisionService decisions) {
        this.decisions = decisions;
    }

    /** Evaluates the answers on the active rule set; 201 with the decision, 400 naming every bad answer. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response decide(String body) {
        ObjectNode decision = decisions.decide(DecisionRequest.answers(body), "anonymous");
        return Response.created(URI.create("/api/decisions/" + decision.get("id").asText()))
                .entity(CanonicalJson.string(decision))
                .build();
    }
}
